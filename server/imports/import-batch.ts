// Batches of an import job (R8, R11): the next staged rows decided together and recorded in one
// transaction with everything they write, and the job's next row advanced in it. Set-based: one
// read of the identities the batch holds, grading and assignment in process (batch-decisions.ts),
// multi-row inserts. A retried batch finds the job's next row moved on and does nothing twice.
// A run of batches (runBatches) decides the next batch while the one before it is written, so the
// process's work and the database's overlap; what the next batch needs from the one before (the
// customers it created, the reps' loads) is carried in memory, and a batch that did not go as
// decided (another attempt recorded it, a concurrent create took one of its identities, the job
// was cancelled) ends the run before anything decided after it is written.
import { refreshPlannerStatistics } from '../db/planner-statistics.js';
import type { ImportOptions } from '../../schemas/imports.js';
import type { ImportJobRecord } from './import-jobs.repository.js';
import { batchDecider } from './batch-decisions.js';
import type { BatchDeps, Carry, RowResult } from './batch-types.js';
import { decideBatch } from './decide-batch.js';
import { writeBatch } from './write-batch.js';

export type { BatchDeps, RowResult };

/**
 * Decides and records batches of `job` (`limit` rows each) from its next row on, for about
 * `budgetMs`: each batch is decided while the one before it is written. Answers the results
 * written and whether rows may be left (false once every staged row is recorded).
 */
export async function runBatches(
  deps: BatchDeps,
  job: ImportJobRecord,
  headers: string[],
  limit: number,
  budgetMs: number,
  /** Told of each batch once it is committed (the activity starts its tenures meanwhile). */
  onWritten?: (results: RowResult[]) => void,
): Promise<{ results: RowResult[]; more: boolean }> {
  const started = Date.now();
  const options = job.options as unknown as ImportOptions;
  const carry: Carry = {
    decider: await batchDecider(deps.db, deps.decisions, deps.now, { assign: options.assign }),
    identities: new Map(),
    claimed: new Map(),
    current: new Map(),
  };
  const results: RowResult[] = [];
  let batch = await decideBatch(deps, job, headers, job.next_row, limit, carry);
  while (batch) {
    const writing = writeBatch(deps, job, batch);
    const last = batch.results.length < limit;
    const next = last || Date.now() - started >= budgetMs ? null : decideBatch(deps, job, headers, batch.nextRow, limit, carry);
    // A failed decision of the next batch is the next attempt's to meet; this batch is written first.
    next?.catch(() => {});
    const written = await writing;
    if (written === 'stale') return { results, more: true };
    // The first of a job's many batches recorded: the planner learns its rows before the progress polls and the similar-names phase read them.
    if (!last && results.length === 0 && job.rows_done === 0) await refreshPlannerStatistics(deps.db, 'import_job_rows');
    results.push(...batch.results);
    onWritten?.(batch.results);
    if (last) return { results, more: false };
    if (written === 'settled' || !next) return { results, more: true };
    batch = await next;
  }
  return { results, more: results.length > 0 };
}
