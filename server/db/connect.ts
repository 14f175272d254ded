// Opens the database: a pg pool when DATABASE_URL is set, else an embedded PGlite under DATA_DIR.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { withBoundedWait } from './bounded-wait-dialect.js';
import { guardedPglite } from './pglite-connection.js';
import { COPY_FROM_STDIN } from './copy-rows.js';
import type { Database } from './database.js';
import { DEFAULT_DATABASE_TIMEOUTS, type DatabaseTimeouts } from './timeouts.js';

const DATE_OID = 1082;

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: 'postgres' | 'pglite';
  /** Where the data lives, for start-up messages (never includes a password). */
  description: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  poolSize?: number;
  timeouts?: DatabaseTimeouts;
  /** PGlite only: its protocol failed, and every later query fails (pglite-connection.ts). */
  onProtocolLost?: (error: Error) => void;
}

const QUERY_READ_TIMEOUT = 'Query read timeout';

/** Postgres settings of the embedded database (README: the embedded start's memory). */
export const PGLITE_SETTINGS = ['shared_buffers=16MB', 'work_mem=4MB', 'maintenance_work_mem=16MB', 'temp_buffers=4MB'];

/** A COPY … FROM STDIN whose rows' text is its one parameter (copy-rows.ts), streamed on the client. */
async function copyIn(client: pg.PoolClient, statement: string, text: string) {
  const stream = client.query(copyFrom(statement));
  await pipeline(Readable.from([text]), stream);
  return { command: 'COPY', rowCount: stream.rowCount, rows: [] };
}

/**
 * The pool as kysely sees it. pg keeps a client whose query timed out unanswered, with that query
 * still in flight, so the next query on it would stall too: such a client fails its further queries
 * at once and is destroyed on release instead of returning to the pool. A COPY … FROM STDIN
 * (copy-rows.ts) streams its one parameter.
 */
function discardingStalledClients(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let stalled: Error | undefined;
      const query = ((...args: unknown[]) => {
        if (stalled) return Promise.reject(stalled);
        const result =
          typeof args[0] === 'string' && COPY_FROM_STDIN.test(args[0])
            ? copyIn(client, args[0], (args[1] as unknown[])[0] as string)
            : (client.query as (...a: unknown[]) => unknown).apply(client, args);
        if (!(result instanceof Promise)) return result;
        return result.catch((e: unknown) => {
          if (e instanceof Error && e.message === QUERY_READ_TIMEOUT) stalled = e;
          throw e;
        });
      }) as PostgresPoolClient['query'];
      const release = (destroy?: boolean) => {
        client.release(stalled ?? destroy);
        // Ending politely would wait on the stalled peer forever; pg drops the socket the same way
        // when a pipelined query times out.
        if (stalled) (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
      };
      return { query, release };
    },
    end: () => pool.end(),
  };
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const t = options.timeouts ?? DEFAULT_DATABASE_TIMEOUTS;
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: t.connectMs,
      keepAlive: true,
      keepAliveInitialDelayMillis: t.keepAliveDelayMs,
      statement_timeout: t.statementMs,
      query_timeout: t.queryMs,
      idle_in_transaction_session_timeout: t.idleInTransactionMs,
      // A calendar date stays "YYYY-MM-DD"; as a Date it would shift with the server's time zone.
      types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === DATE_OID ? (v: string) => v : pg.types.getTypeParser(oid, format)) },
    });
    // A dropped connection must not crash the process: idle ones report to the pool, checked-out
    // ones to their client (the query in flight rejects and is retried or answered 503).
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: discardingStalledClients(pool) }) });
    const url = new URL(options.databaseUrl);
    return {
      db,
      kind: 'postgres',
      description: `postgres ${url.hostname}:${url.port || 5432}${url.pathname}`,
      close: () => db.destroy(),
    };
  }
  const dir = path.join(options.dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite');
  // Trigram similarity for near-duplicate company names (migration 0014 creates the extension).
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const pglite = await PGlite.create(dir, {
    extensions: { pg_trgm },
    parsers: { [DATE_OID]: (v: string) => v },
    // One user on one machine: Postgres's default 128 MB of shared buffers (initialised, so resident
    // from the start) is most of the embedded start's memory and buys nothing at this size.
    startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS.flatMap((s) => ['-c', s])],
  });
  const db = new Kysely<Database>({ dialect: withBoundedWait(new PGliteDialect(guardedPglite(pglite, options.onProtocolLost)), (options.timeouts ?? DEFAULT_DATABASE_TIMEOUTS).queryMs) });
  return { db, kind: 'pglite', description: `PGlite (embedded) at ${dir}`, close: () => db.destroy() };
}
