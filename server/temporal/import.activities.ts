// An import job's activities (workflows/import.ts): decide and record the next batch of staged
// rows; start the tenures of the rows given to reps (after their batch committed, while the next
// batch runs: the workflow ids are the customers', so a retried start finds its tenure); at the
// end, the job's final status.
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { Decisions } from '../decisions/decider.js';
import { repRefused } from '../decisions/assignment.js';
import { isAppError } from '../errors.js';
import type { LifecycleClient } from '../lifecycle/lifecycle.client.js';
import { type Metrics, metrics as processMetrics } from '../metrics/metrics.js';
import { ConfigSchema } from '../config.js';
import { type RowResult, runBatches } from '../imports/import-batch.js';
import { settleNameKeyIndex } from '../customers/near-duplicates.js';
import { runSimilarBatch, stopsComparing } from '../imports/similar-names.js';
import { forgetIndex } from '../imports/similar-matchers.js';
import { endJob, findImportJob, type ImportJobRecord, pendingTenures, uploadOf } from '../imports/import-jobs.repository.js';
import type { ImportActivities } from '../../workflows/activities.js';
import { activityControl } from './activity-context.js';
import { type PickReason, pickReasonText } from '../../schemas/pick-reason.js';

export interface ImportActivityDeps {
  db: Kysely<Database>;
  clock: Clock;
  decisions: Decisions;
  lifecycle?: Pick<LifecycleClient, 'assign'> | undefined;
  metrics?: Metrics | undefined;
  /** Tenures started at once after a batch. */
  concurrency?: number;
  /** NEAR_DUPLICATE_THRESHOLD for the similar-names phase (default: the configuration's). */
  threshold?: number | undefined;
  /**
   * How long one batch activity goes on deciding and recording batches (default 20 s): the tenures
   * of the rows it gave to reps start beside it, once their batch committed; a cancel takes effect
   * at its next batch.
   */
  batchesMs?: number | undefined;
}

/**
 * The job as the database has it. A job's row is written before its workflow starts and never
 * deleted, so a job not found is a read that went wrong (a database answering nothing): the
 * activity fails and Temporal tries it again, instead of the workflow ending with the job's row
 * left running.
 */
async function jobOf(db: Kysely<Database>, jobId: string): Promise<ImportJobRecord> {
  const job = await findImportJob(db, jobId);
  if (!job) throw new Error(`import job ${jobId} was not found: its row is never deleted, so the read is not trusted; tried again`);
  return job;
}

export function createImportActivities(deps: ImportActivityDeps): ImportActivities {
  const { db, clock } = deps;
  const metrics = deps.metrics ?? processMetrics;
  const concurrency = deps.concurrency ?? 16;
  const threshold = deps.threshold ?? ConfigSchema.parse({}).NEAR_DUPLICATE_THRESHOLD;
  const batchesMs = deps.batchesMs ?? 20_000;

  /** Starts the tenures still pending; a refusal (the rep filled up meanwhile) leaves the customer in the pool, and says so. */
  async function startTenures(jobId: string): Promise<void> {
    const rows = await pendingTenures(db, jobId);
    if (rows.length === 0) return;
    if (!deps.lifecycle) throw new Error('import jobs need a Temporal client and the task queue in the activity dependencies');
    const lifecycle = deps.lifecycle;
    const control = activityControl();
    let next = 0;
    // A lane that fails stops the others at their next row; the step fails only once every start
    // it began has ended, so nothing of it runs on beside the retry.
    let failed = false;
    const lane = async () => {
      while (next < rows.length && !failed) {
        if (control.signal.aborted) throw new Error('import tenures cancelled; the rest stays pending');
        const r = rows[next++]!;
        const repId = r.assignment!.repId!;
        let refusal: PickReason | null = null;
        try {
          await lifecycle.assign(r.customer_id!, { repId, reason: r.assignment!.reason, details: { trigger: 'import', jobId, row: r.row_no } });
        } catch (e) {
          if (!(isAppError(e) && e.status < 500)) throw e;
          // A retried start meets its own tenure: the customer is the rep's already.
          const row = await db.selectFrom('customers').select('owner_id').where('id', '=', r.customer_id!).executeTakeFirst();
          if (row?.owner_id !== repId) refusal = await repRefused(db, repId, e);
        }
        await db.transaction().execute(async (tx) => {
          const done = await tx
            .updateTable('import_job_rows')
            .set(refusal ? { tenure: 'refused', assignment: JSON.stringify({ status: 'pool', repId: null, reason: pickReasonText(refusal, 'en'), why: refusal }) } : { tenure: 'started' })
            .where('job_id', '=', jobId)
            .where('row_no', '=', r.row_no)
            .where('tenure', '=', 'pending')
            .returning('row_no')
            .execute();
          if (refusal && done.length > 0) await tx.updateTable('import_jobs').set((eb) => ({ assigned: eb('assigned', '-', 1) })).where('id', '=', jobId).execute();
        });
        control.heartbeat({ tenures: next });
      }
    };
    const lanes = await Promise.allSettled(
      Array.from({ length: Math.min(concurrency, rows.length) }, () =>
        lane().catch((e: unknown) => {
          failed = true;
          throw e;
        }),
      ),
    );
    const failure = lanes.find((l) => l.status === 'rejected');
    if (failure) throw failure.reason;
  }

  /** One start of the pending tenures at a time, again after it when a batch committed more meanwhile. */
  function besideBatches(jobId: string) {
    const control = activityControl();
    let running: Promise<void> | null = null;
    let again = false;
    const run = (): Promise<void> =>
      startTenures(jobId)
        .catch((e: unknown) => control.warn('import tenures: left for the workflow to start', { jobId, error: e instanceof Error ? e.message : String(e) }))
        .then(() => {
          if (!again) return;
          again = false;
          return run();
        });
    return {
      onWritten(results: RowResult[]) {
        if (!results.some((r) => r.tenure === 'pending')) return;
        if (running) again = true;
        else running = run().finally(() => (running = null));
      },
      async settled() {
        while (running) await running;
      },
    };
  }

  return {
    async runImportBatch({ jobId, limit }) {
      let job = await jobOf(db, jobId);
      if ((job.status !== 'queued' && job.status !== 'running') || job.cancel_requested) return { processed: 0, more: false };
      const control = activityControl();
      if (job.status === 'queued') {
        await db.updateTable('import_jobs').set({ status: 'running', started_at: clock.now() }).where('id', '=', jobId).where('status', '=', 'queued').execute();
        job = await jobOf(db, jobId);
      }
      const upload = await uploadOf(db, job.upload_id);
      if (!upload) {
        await endJob(db, jobId, 'failed', clock.now(), 'the upload expired before the job ran; upload the file again');
        return { processed: 0, more: false };
      }
      // The heartbeat says the worker is alive, so a retry of the batch never runs beside this attempt
      // (and if it did, the job's row lock lets one of them record the batch).
      const beat = setInterval(() => control.heartbeat({ next: job.next_row }), 1000);
      // The tenures of a committed batch start while the next batches are decided (the machine's
      // idle time early in the job, not all at the end); what is still pending when the activity
      // ends (a failed start, a crash) is the workflow's startImportTenures to take.
      const starting = job.mode === 'commit' ? besideBatches(jobId) : null;
      let run;
      try {
        run = await runBatches({ db, decisions: deps.decisions, now: clock.now() }, job, upload.headers, limit, batchesMs, starting?.onWritten);
      } finally {
        // Beating until the last tenure starts end, so no retry runs beside this attempt meanwhile.
        await starting?.settled();
        clearInterval(beat);
      }
      const { results } = run;
      if (job.mode === 'commit') {
        const counts = new Map<string, number>();
        for (const r of results) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
        for (const [outcome, n] of counts) metrics.importRows.inc({ outcome }, n);
      }
      return { processed: results.length, more: run.more };
    },

    async startImportTenures({ jobId }) {
      await startTenures(jobId);
    },

    async endImportRows({ jobId }) {
      const job = await jobOf(db, jobId);
      if (job.status !== 'running') return { similar: false };
      if (job.mode === 'commit') await startTenures(jobId);
      // The created customers' name keys wait in the trigram index's pending list (up to 1 MB): merged now, so the look-ups that follow read the index alone.
      if (job.mode === 'commit' && job.created > 0) await settleNameKeyIndex(db);
      await db.updateTable('import_jobs').set({ rows_done_at: clock.now() }).where('id', '=', jobId).where('rows_done_at', 'is', null).execute();
      // A cancelled commit still compares the customers it created (they stay); a cancelled preview has nothing to show.
      return { similar: !stopsComparing(job) && job.created > 0 };
    },

    async runImportSimilar({ jobId, limit, beside }) {
      const job = await jobOf(db, jobId);
      // Beside the rows it may start before the first batch.
      if (!(job.status === 'running' || (beside && job.status === 'queued')) || stopsComparing(job)) return { checked: 0, more: false };
      const upload = job.mode === 'preview' ? await uploadOf(db, job.upload_id) : null;
      // A preview's names are read from its staged rows; without them it ends with what it found.
      if (job.mode === 'preview' && !upload) return { checked: 0, more: false };
      const control = activityControl();
      const beat = setInterval(() => control.heartbeat({ similarNext: job.similar_next_row }), 1000);
      try {
        const done = await runSimilarBatch({ db, now: clock.now(), threshold, beside: beside ?? false, signal: control.signal }, job, upload?.headers ?? [], limit);
        return done ?? { checked: 0, more: true };
      } finally {
        clearInterval(beat);
      }
    },

    async finishImport({ jobId }) {
      const job = await jobOf(db, jobId);
      const ending = job.status === 'queued' || job.status === 'running';
      if (ending) {
        if (job.mode === 'commit') await startTenures(jobId);
        forgetIndex(jobId);
      }
      // The job ends and its claimed identities (a preview's, serving its run only) go in one
      // transaction, so a retried attempt finds both done or neither; claims a job ended before
      // this was so left behind go too.
      return db.transaction().execute(async (tx) => {
        let status: string = job.status;
        if (ending) {
          status = job.cancel_requested ? 'cancelled' : job.mode === 'preview' ? 'previewed' : 'completed';
          if (!(await endJob(tx, jobId, status as 'cancelled' | 'previewed' | 'completed', clock.now()))) status = (await findImportJob(tx, jobId))!.status;
        }
        await tx.deleteFrom('import_claims').where('job_id', '=', jobId).execute();
        return { status };
      });
    },
  };
}
