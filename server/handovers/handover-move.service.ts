// One customer of a handover or bulk-move job, moved through its own workflow: an owned customer by
// a reassign or release update on its tenure (so caps, quotes and deadlines follow the lifecycle's
// rules), a won or pool customer by one audited transaction. A receiver's refusal sends a handed-over
// customer to the pool with the refusal's code; in a bulk transfer it is answered as refused. A
// receiver the rules picked who refuses for a reason a fresh pick avoids is picked again.
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../clock.js';
import { findCustomerRow } from '../customers/customer-rows.repository.js';
import { latestOwnershipEvent, ownershipEventSeen } from '../customers/ownership-events.repository.js';
import type { Customer, Database } from '../db/database.js';
import { pickAssignee } from '../decisions/assignment.js';
import type { Decisions } from '../decisions/decider.js';
import { AppError, ErrorCode } from '../errors.js';
import type { LifecycleClient } from '../lifecycle/lifecycle.client.js';
import type { HandoverOutcome } from '../../schemas/handovers.js';
import { movePool, transferWon } from './direct-moves.command.js';
import { findItem, noteIntent, type HandoverItem, type HandoverJob } from './handover-jobs.repository.js';

export interface MoveDeps {
  db: Kysely<Database>;
  clock: Clock;
  decisions: Decisions;
  lifecycle: Pick<LifecycleClient, 'reassign' | 'release'>;
}

export interface MoveResult {
  outcome: Exclude<HandoverOutcome, 'pending'>;
  toRepId?: string | null;
  poolId?: string | null;
  code?: string | null;
  message?: string | null;
}

/** Codes that say "try again later", not "no". */
const TRANSIENT = new Set<string>([ErrorCode.TEMPORARILY_UNAVAILABLE, ErrorCode.WORKFLOW_UNAVAILABLE, ErrorCode.DATABASE_UNAVAILABLE, ErrorCode.INTERNAL]);
const isRefusal = (e: unknown): e is AppError => e instanceof AppError && !TRANSIENT.has(e.code);

/**
 * Refusals of a receiver the rules picked that a fresh pick avoids: moves of one batch run at once,
 * so several may pick the same rep with room for one; the pick skips a rep at a cap, inactive or
 * on leave, and sees the counts as they are now.
 */
const REPICKABLE = new Set<string>([ErrorCode.CAP_REACHED, ErrorCode.REP_INACTIVE, ErrorCode.REP_ON_LEAVE]);
/**
 * Picks per customer: each round of a race places at least one of the racing moves, and a batch
 * runs eight at once (handover.activities.ts), so eight picks place all that fit.
 */
const MAX_PICKS = 8;

/** The reason recorded on every move of the job. */
export const jobReason = (job: Pick<HandoverJob, 'kind'>) => (job.kind === 'handover' ? 'handover' : 'bulk_move');

export function createMover(deps: MoveDeps) {
  const { db, clock, decisions, lifecycle } = deps;
  const inTx = <T>(work: (tx: Transaction<Database>) => Promise<T>) => db.transaction().execute(work);

  /** Whether the customer's last owner change was this job's (a retry after the move committed). */
  async function movedByJob(c: Customer, job: HandoverJob): Promise<MoveResult | null> {
    const last = await latestOwnershipEvent(db, c.id);
    if (!last || last.reason !== jobReason(job) || last.actor_id !== job.started_by) return null;
    // This job's, not another the same person started beside it: the job is on the event (a release or
    // reassignment through the workflow), or in its key (a pool move, a won customer's transfer).
    if ((last.details as { jobId?: unknown }).jobId !== job.id && !last.idempotency_key?.startsWith(`${job.id}/`)) return null;
    if (last.kind === 'reassigned' && c.owner_id === last.to_rep_id) return { outcome: 'to_rep', toRepId: c.owner_id };
    if ((last.kind === 'released' || last.kind === 'pool_moved') && c.status === 'pool') return { outcome: 'to_pool', poolId: c.pool_id };
    return null;
  }

  /** Into the named pool after the release (the customer's own pool when none is named). */
  async function intoPool(c: Customer, job: HandoverJob, poolId: string | null, why: { code: string | null; message: string | null }): Promise<MoveResult> {
    if (poolId && c.pool_id !== poolId) await inTx((tx) => movePool(tx, { customerId: c.id, poolId, actorId: job.started_by, reason: jobReason(job), idempotencyKey: `${job.id}/${c.id}/pool`, now: clock.now() }));
    const row = await findCustomerRow(db, c.id);
    return { outcome: 'to_pool', poolId: row?.pool_id ?? null, code: why.code, message: why.message };
  }

  async function toPool(c: Customer, job: HandoverJob, poolId: string | null, why?: { code: string; message: string }): Promise<MoveResult> {
    // Noted first: a retry that finds the customer released finishes the move to this pool, with this reason.
    const intent = { poolId, code: why?.code ?? null, message: why?.message ?? null };
    await noteIntent(db, { jobId: job.id, customerId: c.id }, intent);
    await lifecycle.release(c.id, { actorId: job.started_by, reason: jobReason(job), expectOwnerId: c.owner_id ?? undefined, jobId: job.id });
    return intoPool((await findCustomerRow(db, c.id)) ?? c, job, poolId, intent);
  }

  /** `repick`: the receiver was the rules' pick; a refusal a fresh pick may avoid goes back to the rules. */
  async function toRep(c: Customer, job: HandoverJob, repId: string, repick?: () => Promise<MoveResult>): Promise<MoveResult> {
    try {
      if (c.status === 'won') {
        await inTx((tx) => transferWon(tx, { customerId: c.id, fromRepId: c.owner_id!, toRepId: repId, actorId: job.started_by, reason: jobReason(job), idempotencyKey: `${job.id}/${c.id}/won`, now: clock.now() }));
      } else {
        await lifecycle.reassign(c.id, { actorId: job.started_by, toRepId: repId, reason: jobReason(job), expectOwnerId: c.owner_id ?? undefined, jobId: job.id });
      }
      return { outcome: 'to_rep', toRepId: repId };
    } catch (e) {
      if (!isRefusal(e) || e.code === ErrorCode.NOT_OWNER) throw e;
      // A refusal of a customer that changed hands meanwhile (an earlier attempt of this move) is no refusal of the receiver.
      const now = await findCustomerRow(db, c.id);
      if (!now || now.owner_id !== c.owner_id || now.tenure_id !== c.tenure_id || now.status !== c.status) {
        return (now && (await movedByJob(now, job))) ?? { outcome: 'refused', code: ErrorCode.NOT_OWNER, message: 'This customer changed hands before the job reached it.' };
      }
      if (repick && REPICKABLE.has(e.code)) return repick();
      // The receiver refused (a cap, inactive, on leave…): a departing rep's customer goes to the
      // pool with the reason; a won one stays; a bulk transfer answers the refusal.
      if (job.kind === 'handover' && c.status === 'owned') return toPool(c, job, null, { code: e.code, message: e.message });
      return { outcome: job.kind === 'handover' ? 'kept' : 'refused', code: e.code, message: e.message };
    }
  }

  async function attempt(job: HandoverJob, item: HandoverItem): Promise<MoveResult> {
    const c = await findCustomerRow(db, item.customer_id);
    if (!c) return { outcome: 'refused', code: ErrorCode.NOT_FOUND, message: 'The customer no longer exists.' };
    if (item.plan === 'keep') return { outcome: 'kept' };
    if (item.plan === 'move_pool') {
      const poolId = item.target_pool_id!;
      const key = `${job.id}/${c.id}/pool`;
      if (c.status === 'pool' && c.pool_id === poolId) {
        // Moved there by an earlier attempt of this job, or there before it: nothing was moved.
        if (await ownershipEventSeen(db, key)) return { outcome: 'to_pool', poolId };
        return { outcome: 'refused', code: ErrorCode.ALREADY_IN_POOL, message: `The customer is in pool ${poolId} already; nothing was moved.` };
      }
      await inTx((tx) => movePool(tx, { customerId: c.id, poolId, actorId: job.started_by, reason: jobReason(job), idempotencyKey: key, now: clock.now() }));
      return { outcome: 'to_pool', poolId };
    }
    // Whose customer the job moves: a handover's departing rep, or the owner a bulk move was planned for.
    const from = job.from_rep_id ?? item.planned_owner_id ?? null;
    const stillTheirs = (c.status === 'owned' || c.status === 'won') && (from === null || c.owner_id === from);
    if (!stillTheirs || (item.plan === 'rep' && c.owner_id === item.target_rep_id)) {
      const done = await movedByJob(c, job);
      // Released by an earlier attempt, which noted where to and why: the move is finished now (a
      // named pool the release did not reach) and reported with the reason the attempt had.
      if (done?.outcome === 'to_pool') {
        const noted = await findItem(db, { jobId: job.id, customerId: c.id });
        return intoPool(c, job, noted?.pool_id ?? (item.plan === 'pool' ? item.target_pool_id : null), { code: noted?.code ?? null, message: noted?.message ?? null });
      }
      if (done) return done;
      return { outcome: 'refused', code: ErrorCode.NOT_OWNER, message: from ? `No longer a customer of ${from}; it left before the job reached it.` : 'This customer changed hands before the job reached it.' };
    }
    if (item.plan === 'pool') return toPool(c, job, item.target_pool_id);
    if (item.plan === 'rep') return toRep(c, job, item.target_rep_id!);
    return byRules(c, job);
  }

  /**
   * By the assignment rules, as after a reclaim; nobody eligible: the pool, with the rules' reason.
   * A picked rep who refuses for a reason a fresh pick avoids (another move filled their cap
   * meanwhile) is followed by a fresh pick, up to MAX_PICKS; the last refusal stands as the reason.
   */
  async function byRules(c: Customer, job: HandoverJob, picks = 1): Promise<MoveResult> {
    const pick = await pickAssignee(db, decisions, c, { type: 'reclaim', previousOwnerId: c.owner_id }, clock.now());
    if (pick.kind === 'rep') return toRep(c, job, pick.repId, picks < MAX_PICKS ? () => byRules(c, job, picks + 1) : undefined);
    if (c.status === 'won') return { outcome: 'kept', code: 'NO_ELIGIBLE_REP', message: pick.reason };
    return toPool(c, job, pick.poolId, { code: 'NO_ELIGIBLE_REP', message: pick.reason });
  }

  /** Moves one item; refusals are answers, transient failures are tried three times, then reported. */
  return async function moveOne(job: HandoverJob, item: HandoverItem): Promise<MoveResult> {
    for (let n = 1; ; n++) {
      try {
        return await attempt(job, item);
      } catch (e) {
        if (isRefusal(e)) return { outcome: 'refused', code: e.code, message: e.message };
        if (n >= 3) return { outcome: 'failed', code: e instanceof AppError ? e.code : ErrorCode.INTERNAL, message: e instanceof Error ? e.message : String(e) };
        await new Promise((r) => setTimeout(r, 200 * 2 ** n));
      }
    }
  };
}
