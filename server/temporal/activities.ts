// Activities: the lifecycle's writes to the read model, each one transaction, idempotent by key;
// and what people are told about them (notifications, webhooks) once the transaction committed.
import type { Client } from '@temporalio/client';
import type { Kysely, Transaction } from 'kysely';
import type { OwnershipResult } from '../../schemas/customers.js';
import type { QuoteBody } from '../../schemas/lifecycle.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { recordFollowUpInTx, returnToPoolInTx, takeInTx } from '../customers/ownership.repository.js';
import { moveStageInTx, redecideDeadlineInTx, winInTx } from '../customers/stages.repository.js';
import { mergeInTx, reassignInTx, setKeyInTx } from '../customers/tenure-changes.repository.js';
import type { DestinationPolicy } from '../net/public-destination.js';
import { createWebhookActivities } from './webhook-delivery.activities.js';
import { decideApprovalInTx, escalateApprovalInTx, submitQuoteInTx } from '../quotes/quotes.repository.js';
import { assignmentRecord, pickAssignee } from '../rules/assignment.js';
import type { Decisions } from '../rules/decisions.js';
import { type LifecycleEvents, approversOf, managerOf } from '../notifications/lifecycle-events.js';
import { createReconcileActivities } from './reconcile.activities.js';
import type { Activities, ReconcileReport } from '../../workflows/activities.js';
import { type AssignInput, type FollowUpInput, type PendingApproval, type StageInput, policyChangedSignal, workflowIdFor } from '../../workflows/shared.js';

export interface ActivityDeps {
  db: Kysely<Database>;
  clock: Clock;
  decisions: Decisions;
  /** How long a rep who released a customer may not claim it back. */
  releaseCooldownMs: number;
  /** Notifications and webhooks; none when absent (tenures run the same without them). */
  events?: LifecycleEvents | undefined;
  /** For activities that talk to other workflows (policy rollouts signal open tenures). */
  client?: Client | undefined;
  /** The task queue this worker serves (the reconciler compares it with the database). */
  taskQueue?: string | undefined;
  /** Where webhook deliveries may connect: public addresses and the allowed private ranges. */
  destinations: DestinationPolicy;
}

interface Keyed {
  customerId: string;
  tenureId: string;
  idempotencyKey: string;
}

interface Owned extends Keyed {
  ownerId: string;
}

type ReclaimInput = Keyed & { ownerId: string; deadline: number; deadlineKind: string | null; reason?: string | null; cooldownMs?: number | null; pool?: string | null };

/** A reclaim started by code from before rule-based deadlines carries no reason or cooldown. */
const DEFAULT_RECLAIM_COOLDOWN_MS = 30 * 86_400_000;

export function createActivities(deps: ActivityDeps): Activities {
  const { db, clock, decisions } = deps;
  // Refusals (AppError) and values the database refuses become final failures in
  // activity-failures.ts, for every activity alike.
  const inTx = <T>(work: (tx: Transaction<Database>) => Promise<T>) => db.transaction().execute(work);
  const emit: LifecycleEvents['emit'] = (event) => (deps.events ? deps.events.emit(event) : Promise.resolve());
  const nameOf = async (customerId: string) =>
    (await db.selectFrom('customers').select('company_name').where('id', '=', customerId).executeTakeFirst())?.company_name ?? customerId;

  /** Tells the approvers of the level now waiting that a quote needs them. */
  const requestApproval = async (pending: PendingApproval, customerId: string) => {
    const level = await db.selectFrom('quote_approvals').selectAll().where('quote_id', '=', pending.quoteId).where('level', '=', pending.level).executeTakeFirstOrThrow();
    const quote = await db.selectFrom('quotes').selectAll().where('id', '=', pending.quoteId).executeTakeFirstOrThrow();
    await emit({
      type: 'approval.requested',
      customerId,
      recipients: await approversOf(db, level.approvers, quote),
      title: `Quote to approve: ${await nameOf(customerId)}`,
      body: `${quote.currency} ${quote.amount} (discount ${quote.discount_pct}%, margin ${quote.margin_pct}%), level ${level.level}: ${level.reasons.join('; ')}`,
      data: { quoteId: quote.id, level: level.level, dueAt: level.due_at?.toISOString() ?? null },
      idempotencyKey: `approval.requested/${quote.id}/${level.level}`,
    });
  };

  async function reclaim(input: ReclaimInput): Promise<OwnershipResult | null> {
    const now = clock.now();
    const result = await inTx((tx) =>
      returnToPoolInTx(tx, {
        ...input,
        kind: 'reclaimed',
        reason: input.reason ?? 'no_follow_up',
        actorId: null,
        cooldownMs: input.cooldownMs ?? DEFAULT_RECLAIM_COOLDOWN_MS,
        poolId: input.pool ?? null,
        now,
        details: { lagMs: now.getTime() - input.deadline },
      }),
    );
    if (result) {
      const manager = await managerOf(db, input.ownerId);
      await emit({
        type: 'customer.reclaimed',
        customerId: input.customerId,
        recipients: [input.ownerId, ...(manager ? [manager] : [])],
        title: `Reclaimed to the pool: ${await nameOf(input.customerId)}`,
        body: `The ${input.deadlineKind ?? 'follow-up'} deadline passed (${input.reason ?? 'no_follow_up'}).`,
        data: { reason: input.reason ?? 'no_follow_up', formerOwnerId: input.ownerId, deadline: new Date(input.deadline).toISOString(), pool: input.pool ?? null },
        idempotencyKey: `customer.reclaimed/${input.idempotencyKey}`,
      });
    }
    return result;
  }

  async function pickNext(input: { customerId: string; previousOwnerId: string | null }): Promise<AssignInput | null> {
    const now = clock.now();
    const customer = await db.selectFrom('customers').selectAll().where('id', '=', input.customerId).executeTakeFirst();
    if (!customer || customer.status !== 'pool') return null;
    const pick = await pickAssignee(db, decisions, customer, { type: 'reclaim', previousOwnerId: input.previousOwnerId }, now);
    await decisions.record(db, assignmentRecord(pick), { customerId: customer.id, repId: pick.kind === 'rep' ? pick.repId : null, trigger: 'reclaim', at: now });
    return pick.kind === 'rep'
      ? { repId: pick.repId, reason: pick.reason, details: { rule: pick.decision.outcome?.rule ?? null, assignmentVersion: pick.decision.ruleSet?.version ?? null } }
      : null;
  }

  const reconcile =
    deps.client && deps.taskQueue
      ? createReconcileActivities({ db, clock, decisions, client: deps.client, taskQueue: deps.taskQueue })
      : {
          reconcileTenures(): Promise<ReconcileReport> {
            throw new Error('reconcileTenures needs a Temporal client and the task queue in the activity dependencies');
          },
        };

  return {
    // Webhook deliveries run on the same worker: one signed POST per attempt.
    ...createWebhookActivities({ db, clock, destinations: deps.destinations }),
    // The reconciler's round (reconciler.ts).
    ...reconcile,

    async claimCustomer(input: Keyed & { repId: string }): Promise<OwnershipResult> {
      return inTx((tx) => takeInTx(tx, decisions, { ...input, now: clock.now() }, 'claim'));
    },

    async assignCustomer(input: Keyed & AssignInput): Promise<OwnershipResult> {
      const result = await inTx((tx) => takeInTx(tx, decisions, { ...input, actorId: null, reason: input.reason, now: clock.now() }, 'assign'));
      await emit({
        type: 'customer.assigned',
        customerId: input.customerId,
        recipients: [input.repId],
        title: `New customer for you: ${await nameOf(input.customerId)}`,
        body: `Assigned by the assignment rules (${input.reason}). First deadline: ${result.deadline ?? 'none'}.`,
        data: { deadline: result.deadline, reason: input.reason },
        idempotencyKey: `customer.assigned/${input.idempotencyKey}`,
      });
      return result;
    },

    async recordFollowUp(input: Keyed & FollowUpInput): Promise<OwnershipResult> {
      return inTx((tx) => recordFollowUpInTx(tx, decisions, { ...input, occurredAt: new Date(input.occurredAt), now: clock.now() }));
    },

    async releaseCustomer(input: Keyed & { ownerId: string; actorId: string; reason: string }): Promise<OwnershipResult | null> {
      return inTx((tx) => returnToPoolInTx(tx, { ...input, kind: 'released', cooldownMs: deps.releaseCooldownMs, now: clock.now() }));
    },

    /** The deadline passed: back to the pool with the reason, and a cooldown for the former owner. */
    reclaimCustomer: reclaim,

    /** After a reclaim: the assignment rules may hand the customer straight to another rep. */
    pickAssignee: pickNext,

    /**
     * The reclaim and the assignment decision after it in one activity: one round trip through
     * Temporal per deadline instead of two (reclaim lag under load, see the reclaim bench).
     */
    async reclaimAndPickNext(input: ReclaimInput): Promise<{ result: OwnershipResult | null; next: AssignInput | null }> {
      const result = await reclaim(input);
      return { result, next: result ? await pickNext({ customerId: input.customerId, previousOwnerId: input.ownerId }) : null };
    },

    /** Warns the owner (then their manager) that a deadline is near. */
    async warnDeadline(input: { customerId: string; tenureId: string; ownerId: string; deadline: number; deadlineKind: string | null; to: 'owner' | 'manager' }): Promise<void> {
      const recipient = input.to === 'owner' ? input.ownerId : await managerOf(db, input.ownerId);
      if (!recipient) return;
      const name = await nameOf(input.customerId);
      await emit({
        type: input.to === 'owner' ? 'deadline.warning' : 'deadline.escalation',
        customerId: input.customerId,
        recipients: [recipient],
        title: input.to === 'owner' ? `Deadline soon: ${name}` : `Your team may lose ${name}`,
        body: `The ${input.deadlineKind ?? 'follow-up'} deadline is ${new Date(input.deadline).toISOString()}; after it the customer returns to the pool.`,
        data: { deadline: new Date(input.deadline).toISOString(), deadlineKind: input.deadlineKind, ownerId: input.ownerId },
        idempotencyKey: `deadline/${input.tenureId}/${input.deadline}/${input.to}`,
      });
    },

    async moveStage(input: Owned & StageInput): Promise<OwnershipResult> {
      return inTx((tx) => moveStageInTx(tx, decisions, { ...input, now: clock.now() }));
    },

    async submitQuote(input: Owned & { actorId: string; body: QuoteBody }) {
      const result = await inTx((tx) => submitQuoteInTx(tx, decisions, { ...input, now: clock.now() }));
      if (result.pending) await requestApproval(result.pending, input.customerId);
      return result;
    },

    async decideApproval(input: { quoteId: string; approverId: string; approve: boolean; comment?: string | undefined }) {
      const result = await inTx((tx) => decideApprovalInTx(tx, decisions, { ...input, now: clock.now() }));
      const quote = await db.selectFrom('quotes').selectAll().where('id', '=', input.quoteId).executeTakeFirstOrThrow();
      if (result.pending) await requestApproval(result.pending, quote.customer_id);
      else {
        await emit({
          type: 'approval.decided',
          customerId: quote.customer_id,
          recipients: [quote.rep_id],
          title: `Quote ${result.decided === 'approved' ? 'approved' : 'rejected'}: ${await nameOf(quote.customer_id)}`,
          body: result.decided === 'approved' ? 'Send it; the customer moves on to samples.' : `Reason: ${input.comment ?? '—'}. Revise and submit a new quote.`,
          data: { quoteId: quote.id, decided: result.decided, comment: input.comment ?? null },
          idempotencyKey: `approval.decided/${quote.id}`,
        });
      }
      return result;
    },

    /** A level waited past its timeout: admins may decide it too, and are told. */
    async escalateApproval(input: { quoteId: string; level: number }): Promise<boolean> {
      const escalated = await inTx((tx) => escalateApprovalInTx(tx, { ...input, now: clock.now() }));
      if (escalated) {
        const quote = await db.selectFrom('quotes').selectAll().where('id', '=', input.quoteId).executeTakeFirstOrThrow();
        await emit({
          type: 'approval.escalated',
          customerId: quote.customer_id,
          recipients: await approversOf(db, [{ role: 'admin' }], quote),
          title: `Approval overdue: ${await nameOf(quote.customer_id)}`,
          body: `Level ${input.level} of a ${quote.currency} ${quote.amount} quote was not decided in time.`,
          data: { quoteId: quote.id, level: input.level },
          idempotencyKey: `approval.escalated/${quote.id}/${input.level}`,
        });
      }
      return escalated;
    },

    async markWon(input: Owned & { actorId: string; orderValueUsd?: number | undefined; note?: string | undefined }): Promise<OwnershipResult> {
      return inTx((tx) => winInTx(tx, decisions, { ...input, now: clock.now() }));
    },

    async setKey(input: Owned & { actorId: string; key: boolean }): Promise<OwnershipResult> {
      return inTx((tx) => setKeyInTx(tx, decisions, { ...input, now: clock.now() }));
    },

    async reassign(input: Owned & { actorId: string; toRepId: string; newTenureId: string; reason: string }): Promise<OwnershipResult> {
      return inTx((tx) => reassignInTx(tx, decisions, { ...input, now: clock.now() }));
    },

    async absorb(input: Keyed & { actorId: string; intoId: string }): Promise<{ survivorId: string }> {
      return inTx((tx) =>
        mergeInTx(tx, { absorbedId: input.customerId, survivorId: input.intoId, actorId: input.actorId, expectedTenureId: input.tenureId, idempotencyKey: input.idempotencyKey, now: clock.now() }),
      );
    },

    /** Owned customers after `after` in id order, for policy rollouts. */
    async ownedCustomerIds(input: { after: string; limit: number }): Promise<string[]> {
      const rows = await db.selectFrom('customers').select('id').where('status', '=', 'owned').where('id', '>', input.after).orderBy('id').limit(input.limit).execute();
      return rows.map((r) => r.id);
    },

    /** Tells open tenures a new reclaim policy is published; tenures that just ended are skipped. */
    async signalPolicyChanged(input: { customerIds: string[]; ruleSetId: string }): Promise<number> {
      if (!deps.client) throw new Error('signalPolicyChanged needs a Temporal client in the activity dependencies');
      let sent = 0;
      for (let i = 0; i < input.customerIds.length; i += 20) {
        await Promise.all(
          input.customerIds.slice(i, i + 20).map(async (id) => {
            try {
              await deps.client!.workflow.getHandle(workflowIdFor(id)).signal(policyChangedSignal, { ruleSetId: input.ruleSetId });
              sent++;
            } catch (e) {
              if ((e as { name?: string }).name !== 'WorkflowNotFoundError') throw e;
            }
          }),
        );
      }
      return sent;
    },

    async redecideDeadline(input: { customerId: string; tenureId: string; ownerId: string; trigger: 'policy_change' }): Promise<OwnershipResult | null> {
      return inTx((tx) => redecideDeadlineInTx(tx, decisions, { ...input, now: clock.now() }));
    },
  };
}

