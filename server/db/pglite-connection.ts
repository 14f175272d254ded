// The embedded database as kysely's dialect sees it: COPY … FROM STDIN (copy-rows.ts) read from
// PGlite's /dev/blob device, and a guard against PGlite's protocol state being lost. PGlite parses
// Postgres' answers in-process with one parser that lives as long as the database: a statement
// with more than 32,767 parameters makes Postgres describe them with a count its parser reads as a
// negative 16-bit number (RangeError: Invalid array length, or nothing thrown at all), and from then
// on the parser is out of step and every query answers no rows and no columns, with no error. Such
// a statement is refused before it is sent, and should the protocol be lost any other way, the
// database is marked broken: every later query fails as a connection error (503
// DATABASE_UNAVAILABLE, /ready not ready, activities retried), never a silent empty answer.
import type { PGlite } from '@electric-sql/pglite';
import { COPY_FROM_STDIN } from './copy-rows.js';

/** The most parameters one statement may carry on PGlite (its parser reads the count as a signed int16). */
export const PGLITE_MAX_PARAMETERS = 32_767;

type Query = (statement: string, params?: unknown[], options?: object) => Promise<{ rows: unknown[]; fields: unknown[] }>;

/** A failure of the embedded database's protocol: the database is unusable until the process restarts. */
class ProtocolLost extends Error {
  /** connection_failure: errors.ts counts it as the database being away. */
  readonly code = '08006';
}

/** An answer from Postgres itself (it carries a SQLSTATE); anything else thrown by PGlite is its protocol failing. */
const isPostgresError = (e: unknown) => typeof (e as { code?: unknown } | null)?.code === 'string' && /^[0-9A-Z]{5}$/.test((e as { code: string }).code);

/** A select always describes at least one column; none means the answer was not read as Postgres sent it. */
const SELECT = /^\s*select\s/i;

export function guardedPglite(pglite: Pick<PGlite, 'query'>, onLost: (error: Error) => void = () => {}): PGlite {
  let lost: ProtocolLost | null = null;
  const loseProtocol = (why: string, cause?: unknown) => {
    if (lost) return lost;
    lost = new ProtocolLost(`the embedded database is not queryable: ${why}; restart the process`, { cause });
    onLost(lost);
    return lost;
  };
  const send = async (statement: string, params?: unknown[], options?: object) => {
    if (lost) throw lost;
    if ((params?.length ?? 0) > PGLITE_MAX_PARAMETERS) {
      throw new Error(`a statement with ${params!.length} parameters cannot be sent to the embedded database (at most ${PGLITE_MAX_PARAMETERS}): pass arrays instead (${statement.slice(0, 80)}…)`);
    }
    let result;
    try {
      result = COPY_FROM_STDIN.test(statement)
        ? await (pglite.query as Query)(statement.replace(/from stdin$/, "from '/dev/blob'"), [], { ...options, blob: new Blob([params![0] as string]) })
        : await (pglite.query as Query)(statement, params, options);
    } catch (e) {
      if (lost) throw lost;
      if (isPostgresError(e)) throw e;
      // PGlite also throws plain errors that leave its protocol in step (a parameter it cannot
      // serialise, a closed database at shutdown): the database is marked broken only when a probe
      // confirms it; otherwise the error is the statement's own.
      if (await protocolInStep()) throw e;
      throw loseProtocol(`its protocol failed (${e instanceof Error ? e.message : String(e)})`, e);
    }
    // A select always describes its columns, but `select from t where …` has none: only a probe says which it was.
    if (SELECT.test(statement) && result.fields.length === 0 && !(await protocolInStep())) throw loseProtocol('a select was answered without columns (its protocol is out of step)');
    return result;
  };
  /** Whether a trivial query is answered as Postgres sends it (a lost protocol answers no columns, or throws). */
  const protocolInStep = async () => {
    try {
      const probe = await (pglite.query as Query)('select 1 as ok');
      return probe.fields.length === 1 && (probe.rows[0] as { ok?: unknown } | undefined)?.ok === 1;
    } catch {
      return false;
    }
  };
  return new Proxy(pglite as PGlite, {
    get(target, prop) {
      if (prop === 'query') return send;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
