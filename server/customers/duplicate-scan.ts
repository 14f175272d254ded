// The admins' rescan of every customer for likely duplicate pairs, in the background of this API
// process, one at a time; its progress is polled. Every customer's key is held in memory once, in
// a thread of its own (threaded-names-index.ts), and each customer compared with it, a batch at a time (tens of
// milliseconds each; requests are served between them). Pairs are also recorded on create (and
// import), so a rescan is a catch-up, not a duty.
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { Logger } from 'pino';
import { fillMissingNameKeys, recordPairs } from './near-duplicates.js';
import { findInIndex, loadSimilarNamesIndex } from './similar-names-index.repository.js';
import { ThreadedNamesIndex } from './threaded-names-index.js';

/**
 * Compares every customer with every other and records the pairs at or above the threshold.
 * Returns how many customers were compared and how many pairs are listed (open: not dismissed,
 * neither merged) at the end; progress counts pairs per batch.
 */
export async function scanDuplicatePairs(
  db: Kysely<Database>,
  opts: { threshold: number; now: Date; batch?: number; onProgress?: (p: { customers: number; pairs: number }) => void },
): Promise<{ customers: number; pairs: number }> {
  await fillMissingNameKeys(db);
  // In a thread of its own: this process goes on serving requests while the index is built and asked.
  const index = new ThreadedNamesIndex(opts.threshold);
  try {
    return await scanWith(db, index, opts);
  } finally {
    await index.close();
  }
}

async function scanWith(db: Kysely<Database>, index: ThreadedNamesIndex, opts: { now: Date; batch?: number; onProgress?: (p: { customers: number; pairs: number }) => void }) {
  await loadSimilarNamesIndex(db, index);
  let customers = 0;
  let pairs = 0;
  for (let after = ''; ; ) {
    const rows = await db
      .selectFrom('customers')
      .select(['id', 'name_key', 'name_trades', 'name_places', 'name_hanzi'])
      .where('status', '<>', 'merged')
      .where('id', '>', after)
      .orderBy('id')
      .limit(opts.batch ?? 500)
      .execute();
    if (rows.length === 0) {
      const open = await db.selectFrom('duplicate_pairs').select((eb) => eb.fn.countAll<string>().as('n')).where('dismissed_at', 'is', null).executeTakeFirstOrThrow();
      return { customers, pairs: Number(open.n) };
    }
    const matches = await findInIndex(
      db,
      index,
      rows.map((r) => ({ customerId: r.id, key: { key: r.name_key ?? '', trades: r.name_trades ?? '', places: r.name_places ?? '', hanzi: r.name_hanzi ?? '' } })),
      10,
    );
    const found = rows.flatMap((r, i) => matches[i]!.map((m) => ({ a: r.id, b: m.customerId, score: m.score })));
    await recordPairs(db, found, opts.now);
    customers += rows.length;
    pairs += new Set(found.map((f) => (f.a < f.b ? `${f.a}/${f.b}` : `${f.b}/${f.a}`))).size;
    opts.onProgress?.({ customers, pairs });
    after = rows.at(-1)!.id;
  }
}

export interface ScanState {
  status: 'idle' | 'running' | 'completed' | 'failed';
  startedAt: string | null;
  finishedAt: string | null;
  customers: number;
  pairs: number;
  error: string | null;
}

export function createDuplicateScanner(deps: { db: Kysely<Database>; clock: Clock; threshold: number; logger?: Logger | undefined }) {
  let state: ScanState = { status: 'idle', startedAt: null, finishedAt: null, customers: 0, pairs: 0, error: null };
  let running: Promise<void> | null = null;
  return {
    state: (): ScanState => ({ ...state }),
    /** Starts a scan unless one is running; answers the state either way. */
    start(): ScanState {
      if (running) return { ...state };
      state = { status: 'running', startedAt: deps.clock.now().toISOString(), finishedAt: null, customers: 0, pairs: 0, error: null };
      running = scanDuplicatePairs(deps.db, {
        threshold: deps.threshold,
        now: deps.clock.now(),
        onProgress: (p) => {
          state = { ...state, ...p };
        },
      })
        .then((r) => {
          state = { ...state, ...r, status: 'completed', finishedAt: deps.clock.now().toISOString() };
        })
        .catch((e: unknown) => {
          deps.logger?.error({ err: e }, 'duplicate scan failed');
          state = { ...state, status: 'failed', finishedAt: deps.clock.now().toISOString(), error: e instanceof Error ? e.message : String(e) };
        })
        .finally(() => {
          running = null;
        });
      return { ...state };
    },
  };
}
