// The tenure's activities: each runs one domain command in one transaction (idempotent by key),
// then tells people about it (server/notifications/lifecycle-notices.ts) once it committed.
// Refusals (AppError) and values the database refuses become final failures in
// activity-failures.ts, for every activity alike.
import type { Kysely, Transaction } from 'kysely';
import type { OwnershipResult } from '../../schemas/customers.js';
import type { TenureActivities } from '../../workflows/activities.js';
import type { AssignInput } from '../../workflows/shared.js';
import { recordFollowUp } from '../claims/follow-up.command.js';
import { setKey } from '../claims/key.command.js';
import { reassign } from '../claims/reassign.command.js';
import { take } from '../claims/take.command.js';
import type { Clock } from '../clock.js';
import { findCustomerRow } from '../customers/customer-rows.repository.js';
import type { Database } from '../db/database.js';
import { pickAssignee } from '../decisions/assignment.js';
import type { Decisions } from '../decisions/decider.js';
import { merge } from '../merge/merge.command.js';
import { type Metrics, metrics as processMetrics } from '../metrics/metrics.js';
import type { LifecycleEvents } from '../notifications/lifecycle-events.js';
import { lifecycleNotices } from '../notifications/lifecycle-notices.js';
import { refusalsLogged } from './notice-refusals.js';
import { decideApproval } from '../quotes/decide-approval.command.js';
import { escalateApproval } from '../quotes/escalate-approval.command.js';
import { submitQuote } from '../quotes/submit-quote.command.js';
import { redecideDeadline } from '../reclaim/redecide-deadline.command.js';
import { returnToPool } from '../reclaim/return-to-pool.command.js';
import { moveStage } from '../stages/move-stage.command.js';
import { win } from '../stages/win.command.js';

export interface TenureActivityDeps {
  db: Kysely<Database>;
  clock: Clock;
  decisions: Decisions;
  /** How long a rep who released a customer may not claim it back. */
  releaseCooldownMs: number;
  /** Notifications and webhooks; none when absent (tenures run the same without them). */
  events?: LifecycleEvents | undefined;
  /** Where reclaims and their lag are counted (default: the process's registry). */
  metrics?: Metrics | undefined;
}

/** A reclaim started by code from before rule-based deadlines carries no reason or cooldown. */
const DEFAULT_RECLAIM_COOLDOWN_MS = 30 * 86_400_000;

export function createTenureActivities(deps: TenureActivityDeps): TenureActivities {
  const { db, clock, decisions } = deps;
  const inTx = <T>(work: (tx: Transaction<Database>) => Promise<T>) => db.transaction().execute(work);
  const notices = lifecycleNotices(db, refusalsLogged(deps.events));
  const metrics = deps.metrics ?? processMetrics;

  const reclaimCustomer: TenureActivities['reclaimCustomer'] = async (input) => {
    const now = clock.now();
    const reason = input.reason ?? 'no_follow_up';
    const cooldownMs = input.cooldownMs ?? DEFAULT_RECLAIM_COOLDOWN_MS;
    const details = { lagMs: now.getTime() - input.deadline };
    const returned = await inTx((tx) => returnToPool(tx, { ...input, kind: 'reclaimed', reason, actorId: null, cooldownMs, poolId: input.pool ?? null, now, details }));
    if (!returned) return null;
    if (!returned.replayed) {
      // The lag ends when the row is in the pool (committed), not when the activity began.
      metrics.reclaims.inc({ reason });
      metrics.reclaimLag.observe(Math.max(0, clock.now().getTime() - input.deadline) / 1000);
    }
    // Also on a retry after the reclaim committed (the notice's key makes it once).
    await notices.reclaimed({ ...input, poolId: returned.poolId });
    return returned.result;
  };

  const pickNext: TenureActivities['pickAssignee'] = async (input) => {
    const customer = await findCustomerRow(db, input.customerId);
    if (!customer || customer.status !== 'pool') return null;
    const pick = await pickAssignee(db, decisions, customer, { type: 'reclaim', previousOwnerId: input.previousOwnerId }, clock.now());
    return pick.kind === 'rep'
      ? { repId: pick.repId, reason: pick.reason, details: { rule: pick.decision.outcome?.rule ?? null, assignmentVersion: pick.decision.ruleSet?.version ?? null } }
      : null;
  };

  return {
    claimCustomer: (input) => inTx((tx) => take(tx, decisions, { ...input, now: clock.now() }, 'claim')),

    async assignCustomer(input) {
      const result = await inTx((tx) => take(tx, decisions, { ...input, actorId: input.actorId ?? null, reason: input.reason, now: clock.now() }, 'assign'));
      await notices.assigned(input, result);
      return result;
    },

    recordFollowUp: (input) => inTx((tx) => recordFollowUp(tx, decisions, { ...input, occurredAt: new Date(input.occurredAt), now: clock.now() })),

    releaseCustomer: async ({ jobId, ...input }) => (await inTx((tx) => returnToPool(tx, { ...input, kind: 'released', cooldownMs: deps.releaseCooldownMs, now: clock.now(), ...(jobId ? { details: { jobId } } : {}) })))?.result ?? null,

    reclaimCustomer,
    pickAssignee: pickNext,

    /** One round trip through Temporal per deadline instead of two (reclaim lag under load, see the reclaim bench). */
    async reclaimAndPickNext(input): Promise<{ result: OwnershipResult | null; next: AssignInput | null }> {
      const result = await reclaimCustomer(input);
      return { result, next: result ? await pickNext({ customerId: input.customerId, previousOwnerId: input.ownerId }) : null };
    },

    warnDeadline: (input) => notices.deadlineNear(input),

    moveStage: (input) => inTx((tx) => moveStage(tx, decisions, { ...input, now: clock.now() })),

    async submitQuote(input) {
      const result = await inTx((tx) => submitQuote(tx, decisions, { ...input, now: clock.now() }));
      if (result.pending) await notices.approvalRequested(result.pending, input.customerId);
      return result;
    },

    async decideApproval(input) {
      const result = await inTx((tx) => decideApproval(tx, decisions, { ...input, now: clock.now() }));
      await notices.approvalDecided(input, result);
      return result;
    },

    async escalateApproval(input) {
      const escalated = await inTx((tx) => escalateApproval(tx, { ...input, now: clock.now() }));
      if (escalated) await notices.approvalEscalated(input);
      return escalated;
    },

    markWon: (input) => inTx((tx) => win(tx, decisions, { ...input, now: clock.now() })),

    setKey: (input) => inTx((tx) => setKey(tx, decisions, { ...input, now: clock.now() })),

    reassign: (input) => inTx((tx) => reassign(tx, decisions, { ...input, now: clock.now() })),

    absorb: (input) =>
      inTx((tx) => merge(tx, { absorbedId: input.customerId, survivorId: input.intoId, actorId: input.actorId, expectedTenureId: input.tenureId, idempotencyKey: input.idempotencyKey, now: clock.now() })),

    redecideDeadline: (input) => inTx((tx) => redecideDeadline(tx, decisions, { ...input, now: clock.now() })),
  };
}
