// The admins' rescan of every customer for likely duplicate pairs, in the background of this API
// process (about 3 ms per customer: minutes for 100,000), one at a time; its progress is polled.
// Pairs are also recorded on create (and import), so a rescan is a catch-up, not a duty.
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { Logger } from 'pino';
import { scanDuplicatePairs } from './near-duplicates.js';

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
