// A handover or bulk-move job's activities (workflows/handover.ts): move the pending items of a
// batch a few at a time, record each result, count it and tell the receiver; at the end, tell
// who started the job what moved where.
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { Decisions } from '../decisions/decider.js';
import { completeJob, countPending, findJob, type HandoverJob, type HandoverItem, outcomeCounts, pendingItems, settleItem } from '../handovers/handover-jobs.repository.js';
import { createMover, type MoveDeps, type MoveResult } from '../handovers/handover-move.service.js';
import type { LifecycleEvents } from '../notifications/lifecycle-events.js';
import { type Metrics, metrics as processMetrics } from '../metrics/metrics.js';
import type { HandoverActivities, HandoverSummary } from '../../workflows/activities.js';
import { activityControl } from './activity-context.js';
import { refusalsLogged } from './notice-refusals.js';
import { nameIn, repNames } from '../customers/rep-names.repository.js';
import { repLabel } from '../../schemas/rep-label.js';

export interface HandoverActivityDeps {
  db: Kysely<Database>;
  clock: Clock;
  decisions: Decisions;
  lifecycle?: MoveDeps['lifecycle'] | undefined;
  events?: LifecycleEvents | undefined;
  /** Moves running at once within a batch. */
  concurrency?: number;
  metrics?: Metrics | undefined;
}

export function createHandoverActivities(deps: HandoverActivityDeps): HandoverActivities {
  const { db, clock } = deps;
  const concurrency = deps.concurrency ?? 8;
  const metrics = deps.metrics ?? processMetrics;
  const mover = deps.lifecycle ? createMover({ db, clock, decisions: deps.decisions, lifecycle: deps.lifecycle }) : null;
  const events = refusalsLogged(deps.events);
  const emit: LifecycleEvents['emit'] = (e) => (events ? events.emit(e) : Promise.resolve());
  const nameOf = async (id: string) => (await db.selectFrom('customers').select('company_name').where('id', '=', id).executeTakeFirst())?.company_name ?? id;

  /** The reps a notice names, by name beside the id (the names stored with the event for its Chinese telling). */
  async function people(ids: Record<string, string | null | undefined>) {
    const names = await repNames(db, Object.values(ids).filter((id): id is string => typeof id === 'string'));
    const name = (id: string | null | undefined) => nameIn(names, id);
    const label = (id: string | null | undefined) => (id ? repLabel({ id, name: name(id) }, 'en') : '?');
    return { name, label };
  }

  async function report(job: HandoverJob, item: HandoverItem, r: MoveResult) {
    if (r.outcome !== 'to_rep' && r.outcome !== 'to_pool') return;
    const name = await nameOf(item.customer_id);
    const reps = await people({ from: job.from_rep_id, by: job.started_by, to: r.toRepId });
    await emit({
      type: 'customer.handed_over',
      customerId: item.customer_id,
      recipients: r.outcome === 'to_rep' && r.toRepId ? [r.toRepId] : [],
      title: r.outcome === 'to_rep' ? `Handed over to you: ${name}` : `Returned to the pool: ${name}`,
      body:
        job.kind === 'handover'
          ? `${name} was a customer of ${reps.label(job.from_rep_id)}, who left; ${r.outcome === 'to_rep' ? 'it is yours now, with its history' : `it is in pool ${r.poolId}`}${r.code ? ` (${r.code})` : ''}.`
          : `Moved in bulk by ${reps.label(job.started_by)}${r.outcome === 'to_pool' ? ` to pool ${r.poolId}` : ''}.`,
      data: {
        jobId: job.id,
        kind: job.kind,
        fromRepId: job.from_rep_id,
        fromRepName: reps.name(job.from_rep_id),
        startedBy: job.started_by,
        startedByName: reps.name(job.started_by),
        toRepId: r.toRepId ?? null,
        toRepName: reps.name(r.toRepId),
        poolId: r.poolId ?? null,
        code: r.code ?? null,
      },
      idempotencyKey: `customer.handed_over/${job.id}/${item.customer_id}`,
    });
  }

  return {
    async runHandoverBatch({ jobId, limit }) {
      const job = await findJob(db, jobId);
      if (!job || job.status !== 'running') return { moved: 0, pending: 0 };
      if (!mover) throw new Error('runHandoverBatch needs a Temporal client and the task queue in the activity dependencies');
      const items = await pendingItems(db, jobId, limit);
      const control = activityControl();
      let next = 0;
      let moved = 0;
      const lane = async () => {
        while (next < items.length) {
          // A worker shutting down stops between customers; the retry finds the rest pending.
          if (control.signal.aborted) throw new Error('handover batch cancelled; the rest stays pending');
          const item = items[next++]!;
          const result = await mover(job, item);
          // A move that failed while the worker shut down (its workflow's updates went unanswered)
          // is not the customer's failure: it stays pending for the retry on a worker that runs.
          if (result.outcome === 'failed' && control.signal.aborted) throw new Error('handover batch cancelled; the rest stays pending');
          // Told before the item reads done: a retry after a failed notice finds the item pending,
          // finds the move made (the mover knows its own moves) and tells again (the event's key makes it once).
          await report(job, item, result);
          await settleItem(db, { jobId, customerId: item.customer_id }, { ...result, at: clock.now() });
          metrics.handoverMoves.inc({ outcome: result.outcome });
          moved++;
          control.heartbeat({ moved });
        }
      };
      // The heartbeat says the worker is alive, whatever one slow move takes, so a retry of the
      // batch never runs beside this attempt.
      const beat = setInterval(() => control.heartbeat({ moved }), 1000);
      try {
        await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
      } finally {
        clearInterval(beat);
      }
      return { moved, pending: await countPending(db, jobId) };
    },

    async finishHandover({ jobId }): Promise<HandoverSummary> {
      const job = await findJob(db, jobId);
      const c = await outcomeCounts(db, jobId);
      const summary: HandoverSummary = {
        total: Object.values(c).reduce((a, b) => a + b, 0),
        movedToReps: c.to_rep,
        toPool: c.to_pool,
        kept: c.kept,
        refused: c.refused,
        failed: c.failed,
      };
      if (job) {
        // Told before the job reads completed, and on every attempt (the event's key makes it once):
        // a failure between the two steps neither loses the notice nor shows a finished job untold.
        const reps = await people({ from: job.from_rep_id });
        await emit({
          type: 'handover.completed',
          customerId: null,
          recipients: [job.started_by],
          title: job.kind === 'handover' ? `Handover of ${reps.label(job.from_rep_id)} done` : 'Bulk move done',
          body: `${summary.total} customers: ${summary.movedToReps} to reps, ${summary.toPool} to the pool, ${summary.kept} kept, ${summary.refused} refused, ${summary.failed} failed.`,
          data: { jobId, kind: job.kind, fromRepId: job.from_rep_id, fromRepName: reps.name(job.from_rep_id), ...summary },
          idempotencyKey: `handover.completed/${jobId}`,
        });
        await completeJob(db, jobId, clock.now());
      }
      return summary;
    },
  };
}
