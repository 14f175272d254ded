// Starting handovers and bulk moves (R16): who may, what each customer's plan is, and the job's
// workflow; and the job's progress as the API shows it.
import type { Kysely } from 'kysely';
import { newId } from '../ids.js';
import type { BulkMoveBody, HandoverBody, HandoverJobView, HandoverPlan } from '../../schemas/handovers.js';
import { handoverWorkflowId } from '../../schemas/workflow-ids.js';
import type { Actor } from '../auth/actor.js';
import type { Clock } from '../clock.js';
import { type CustomerAction, actsForRep, canAct, canRead, loadSubject, loadSubjects } from '../customers/customer-access.js';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import { type IssueCode, type IssueParams, type RequestIssue, invalidRequest } from '../request-issues.js';
import type { LifecycleClient } from '../lifecycle/lifecycle.client.js';
import { assertPoolOpen } from '../pools/pool-access.js';
import { nameIn, repNames } from '../customers/rep-names.repository.js';
import { repLabel } from '../../schemas/rep-label.js';
import type { Language } from '../../schemas/language.js';
import { moveCodeText } from '../../schemas/move-code-words.js';
import { poolExists } from '../pools/pools.repository.js';
import { receivingRep } from '../reps/receiving-rep.js';
import { findRep, keepAnAdmin, lockRep, teamMembers, teamsManagedBy } from '../reps/reps.repository.js';
import { reaskApprovalsInTransaction } from '../notifications/lifecycle-notices.js';
import type { EmitResult } from '../notifications/emit.js';
import { deactivateRep } from '../reps/rep-deactivation.js';
import { type Metrics, metrics as processMetrics } from '../metrics/metrics.js';
import { completeJob, findJob, insertJob, jobItems, outcomeCounts, runningHandoverOf, settleItem, type HandoverJob } from './handover-jobs.repository.js';
import { type PlannedItem, planHandover } from './handover-plan.js';
import { isTransactionConflict } from '../db/errors.js';

export interface HandoverServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  lifecycle: Pick<LifecycleClient, 'startHandover' | 'handoverFinished'>;
  /** Starts the deliveries of events a handover's transaction emitted (after its commit). */
  dispatchEvents?: ((emitted: EmitResult | readonly EmitResult[]) => Promise<unknown>) | undefined;
  metrics?: Metrics | undefined;
}

const invalid = (pointer: string, code: IssueCode, params?: IssueParams) => invalidRequest('body', [{ pointer, code, ...(params ? { params } : {}) }]);

/** Runs `work` again (up to three times in all) when the database rolled it back for a concurrent transaction. */
async function retryConflicts<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      if (attempt >= 3 || !isTransactionConflict(e)) throw e;
      await new Promise((r) => setTimeout(r, 20 * attempt));
    }
  }
}

/** How long a bulk move's request waits for its job before answering 202 with the progress. */
const BULK_WAIT_MS = 8_000;
/** The whole of a bulk move's waits for Temporal (the job's start, then the job), so that it answers within 15 s with its reads. */
const BULK_ANSWER_MS = 13_000;

export function createHandoverService(deps: HandoverServiceDeps) {
  const { db, clock, lifecycle } = deps;
  // Every customer of a job is counted by its outcome once: by the job's activity, or here when it is settled without one.
  const moves = (deps.metrics ?? processMetrics).handoverMoves;

  /** Starts a stored job's workflow; if it cannot start, the job ends at once (nothing moved) and the caller may try again. */
  async function startWorkflow(jobId: string, items: Parameters<typeof insertJob>[2], answerBy?: number) {
    try {
      await lifecycle.startHandover(jobId, answerBy);
    } catch (e) {
      const at = clock.now();
      for (const it of items) {
        if (it.outcome) continue;
        await settleItem(db, { jobId, customerId: it.customerId }, { outcome: 'failed', code: ErrorCode.WORKFLOW_UNAVAILABLE, message: 'the job could not start', at });
        moves.inc({ outcome: 'failed' });
      }
      await completeJob(db, jobId, at);
      throw e;
    }
  }

  /** The job as `reader` sees it: a customer the policy keeps from them entirely (a pool closed to them) without its name. */
  async function view(job: HandoverJob, reader: Actor, language: Language): Promise<HandoverJobView> {
    const c = await outcomeCounts(db, job.id);
    const items = await jobItems(db, job.id);
    const subjects = await loadSubjects(db, reader, items.map((i) => i.customer_id));
    const named = (id: string) => {
      const subject = subjects.get(id);
      return subject !== undefined && canRead(reader, subject).level !== 'none';
    };
    const total = Object.values(c).reduce((a, b) => a + b, 0);
    const names = await repNames(db, [job.started_by, ...(job.from_rep_id ? [job.from_rep_id] : []), ...items.flatMap((i) => (i.to_rep_id ? [i.to_rep_id] : []))]);
    const nameOf = (id: string | null) => nameIn(names, id);
    return {
      id: job.id,
      kind: job.kind,
      fromRepId: job.from_rep_id,
      fromRepName: nameOf(job.from_rep_id),
      startedBy: job.started_by,
      startedByName: nameOf(job.started_by),
      status: job.status,
      total,
      done: total - c.pending,
      movedToReps: c.to_rep,
      toPool: c.to_pool,
      kept: c.kept,
      refused: c.refused,
      failed: c.failed,
      createdAt: job.created_at.toISOString(),
      finishedAt: job.finished_at?.toISOString() ?? null,
      workflowId: handoverWorkflowId(job.id),
      items: items.map((i) => {
        // A pending item's pool and code are its move's noted intent, not yet where it went.
        const settled = i.outcome !== 'pending';
        return {
          customerId: i.customer_id,
          companyName: named(i.customer_id) ? i.company_name : null,
          outcome: i.outcome,
          toRepId: settled ? i.to_rep_id : null,
          toRepName: settled ? nameOf(i.to_rep_id) : null,
          poolId: settled ? i.pool_id : null,
          code: settled ? i.code : null,
          // A Chinese reader reads why in the words the admin UI says it with (schemas/move-code-words); a code not listed keeps its message.
          message: settled && i.message !== null ? (language === 'zh' && i.code ? (moveCodeText(i.code, 'zh') ?? i.message) : i.message) : null,
        };
      }),
    };
  }

  return {
    /** Deactivates the rep (their collaborations, sessions and open links end) and starts moving every customer they own (owned and won). */
    async handover(actor: Actor, repId: string, body: HandoverBody, language: Language): Promise<HandoverJobView> {
      const rep = await findRep(db, repId);
      if (!rep || (actor.role !== 'admin' && !actsForRep(actor, rep))) throw new AppError(ErrorCode.NOT_FOUND, 'No such rep, or not one you manage.');
      // Nobody hands themselves over (an admin neither: another admin does), and a manager hands over no admin.
      if (rep.id === actor.repId) throw new AppError(ErrorCode.FORBIDDEN, actor.role === 'admin' ? 'You cannot hand yourself over; ask another admin.' : 'You cannot hand over your own customers; ask an admin.');
      if (actor.role !== 'admin' && rep.role === 'admin') throw new AppError(ErrorCode.FORBIDDEN, 'Only an admin hands over an admin.');
      if (body.to.kind === 'rep') await receivingRep(db, actor, body.to.repId, '/to/repId', rep.id);
      if (body.to.kind === 'pool' && body.to.poolId) {
        if (!(await poolExists(db, body.to.poolId))) throw invalid('/to/poolId', 'unknown', { what: 'pool', id: body.to.poolId });
        await assertPoolOpen(db, body.to.poolId, actor, '/to/poolId');
      }
      const now = clock.now();
      const id = newId();
      // One transaction under the rep's lock: deactivated, and one running handover at a time. The
      // customers' own moves (a bulk job's) lock their rows too: a deadlock rolls this one back
      // whole, and it runs again.
      const [items, emitted] = await retryConflicts(() => db.transaction().execute(async (tx) => {
        await lockRep(tx, rep.id);
        // The teams whose manager leaves: their waiting levels ask someone else now.
        const managed = await teamsManagedBy(tx, rep.id);
        if (rep.role === 'admin') await keepAnAdmin(tx, rep.id, '/repId');
        const running = await runningHandoverOf(tx, rep.id);
        if (running) throw new AppError(ErrorCode.CONFLICT, `A handover of ${rep.id} is already running.`, { jobId: running.id });
        // Deactivated as PATCH /reps/{id} does: collaborations, sessions and open links end with it.
        await deactivateRep(tx, rep.id, actor.repId, now);
        const owned = await tx.selectFrom('customers').select(['id', 'status', 'key_customer']).where('owner_id', '=', rep.id).where('status', 'in', ['owned', 'won']).orderBy('id').execute();
        const planned = planHandover(owned, body);
        await insertJob(tx, { id, kind: 'handover', from_rep_id: rep.id, team_id: rep.team_id, started_by: actor.repId, options: body, created_at: now }, planned);
        // Deactivated: the approvers the levels waiting on them (or naming them) ask now are told, as a deactivation is.
        return [planned, await reaskApprovalsInTransaction(tx, clock, [rep.id, ...(await teamMembers(tx, managed))])] as const;
      }));
      // Committed: a delivery that fails to start is picked up by the worker's sweep.
      await deps.dispatchEvents?.(emitted).catch(() => undefined);
      await startWorkflow(id, items);
      return view((await findJob(db, id))!, actor, language);
    },

    /** Transfers, releases or moves between pools the customers the actor may act on; the others are refused with the code. */
    async bulkMove(actor: Actor, body: BulkMoveBody, language: Language): Promise<{ finished: boolean; job: HandoverJobView }> {
      const answerBy = Date.now() + BULK_ANSWER_MS;
      let plan: { plan: HandoverPlan; action: CustomerAction; targetRepId: string | null; targetPoolId: string | null };
      let receiverRep: { id: string; name: string } | null = null;
      if (body.action === 'transfer') {
        const to = await receivingRep(db, actor, body.toRepId, '/toRepId');
        receiverRep = to;
        plan = { plan: 'rep', action: 'reassign', targetRepId: to.id, targetPoolId: null };
      } else if (body.action === 'release') {
        plan = { plan: 'pool', action: 'release', targetRepId: null, targetPoolId: null };
      } else {
        if (!(await poolExists(db, body.poolId))) throw invalid('/poolId', 'unknown', { what: 'pool', id: body.poolId });
        await assertPoolOpen(db, body.poolId, actor, '/poolId');
        plan = { plan: 'move_pool', action: 'move_pool', targetRepId: null, targetPoolId: body.poolId };
      }
      const items: (PlannedItem & { outcome?: 'refused'; code?: string; message?: string })[] = [];
      // Every unknown id is named, not only the first.
      const unknown: RequestIssue[] = [];
      for (const [i, customerId] of body.customerIds.entries()) {
        const subject = await loadSubject(db, actor, customerId);
        if (!subject) {
          unknown.push({ pointer: `/customerIds/${i}`, code: 'unknown', params: { what: 'customer', id: customerId } });
          continue;
        }
        const refusal =
          canAct(actor, subject, plan.action) ??
          (plan.targetRepId && subject.customer.owner_id === plan.targetRepId ? { code: ErrorCode.ALREADY_OWNER, message: `${repLabel({ id: receiverRep!.id, name: receiverRep!.name }, 'en')} owns this customer already.` } : null);
        items.push(refusal ? { customerId, plan: 'refused', targetRepId: null, targetPoolId: null, outcome: 'refused', code: refusal.code, message: refusal.message } : { customerId, ...plan, plannedOwnerId: subject.customer.owner_id });
      }
      if (unknown.length > 0) {
        throw invalidRequest('body', unknown);
      }
      const id = newId();
      await insertJob(db, { id, kind: 'bulk', from_rep_id: null, team_id: actor.teamId, started_by: actor.repId, options: body, created_at: clock.now() }, items);
      for (const it of items) if (it.outcome) moves.inc({ outcome: it.outcome });
      await startWorkflow(id, items, answerBy);
      const finished = await lifecycle.handoverFinished(id, Math.max(0, Math.min(BULK_WAIT_MS, answerBy - Date.now())));
      return { finished, job: await view((await findJob(db, id))!, actor, language) };
    },

    /** A job, for an admin, whoever started it, or the manager of the departing rep's team. */
    async get(actor: Actor, id: string, language: Language): Promise<HandoverJobView> {
      const job = await findJob(db, id);
      const allowed = job && (actor.role === 'admin' || job.started_by === actor.repId || (actor.role === 'manager' && actor.teamId !== null && job.team_id === actor.teamId));
      if (!allowed) throw new AppError(ErrorCode.NOT_FOUND, 'No such job, or not one you may see.');
      return view(job, actor, language);
    },
  };
}
