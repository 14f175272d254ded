// The wording of what the lifecycle tells people, and who is told: one function per notice, each
// reading what it names (the company, the quote, the approvers) after its command committed.
import { type Kysely, type Transaction, sql } from 'kysely';
import type { OwnershipResult } from '../../schemas/customers.js';
import type { Database } from '../db/database.js';
import { type LifecycleEvents, approversOf, eventsInTransaction, managerOf } from './lifecycle-events.js';
import { repNames } from '../customers/rep-names.repository.js';
import { repLabel } from '../../schemas/rep-label.js';
import { reasonWords } from '../../schemas/reason-words.js';
import { noticeWords } from '../chat/chat-texts.js';
import { poolsNamed } from '../chat/chat-outbox.repository.js';

export interface DeadlineNotice {
  customerId: string;
  tenureId: string;
  ownerId: string;
  deadline: number;
  deadlineKind: string | null;
}

export function lifecycleNotices(db: Kysely<Database>, events: LifecycleEvents | undefined) {
  const emit: LifecycleEvents['emit'] = (event) => (events ? events.emit(event) : Promise.resolve());
  const nameOf = async (customerId: string) =>
    (await db.selectFrom('customers').select('company_name').where('id', '=', customerId).executeTakeFirst())?.company_name ?? customerId;
  const quoteOf = (quoteId: string) => db.selectFrom('quotes').selectAll().where('id', '=', quoteId).executeTakeFirstOrThrow();

  /** The reps holding a notification under one of these keys. */
  const toldOf = async (keys: string[]) =>
    new Set(keys.length === 0 ? [] : (await db.selectFrom('notifications').select('rep_id').where('idempotency_key', 'in', keys).execute()).map((n) => n.rep_id));

  /** A level's request for approval, and the reps it asks now. */
  async function approvalRequest(pending: { quoteId: string; level: number }, customerId: string) {
    const level = await db.selectFrom('quote_approvals').selectAll().where('quote_id', '=', pending.quoteId).where('level', '=', pending.level).executeTakeFirstOrThrow();
    const quote = await quoteOf(pending.quoteId);
    const event = {
      type: 'approval.requested' as const,
      customerId,
      title: `Quote to approve: ${await nameOf(customerId)}`,
      body: `${quote.currency} ${quote.amount} (discount ${quote.discount_pct}%, margin ${quote.margin_pct}%), level ${level.level}: ${level.reasons.join('; ')}`,
      // ownerId: the quote's owner, whose team's chat channel is told of every level (an admin's too).
      // The quote's terms and the level's reasons, so the notice can be told in the reader's language.
      data: {
        quoteId: quote.id,
        level: level.level,
        dueAt: level.due_at?.toISOString() ?? null,
        ownerId: quote.rep_id,
        currency: quote.currency,
        amount: String(quote.amount),
        discountPct: String(quote.discount_pct),
        marginPct: String(quote.margin_pct),
        reasons: level.reasons,
      },
      idempotencyKey: `approval.requested/${quote.id}/${level.level}`,
    };
    return { event, approvers: await approversOf(db, level.approvers, quote) };
  }

  return {
    async assigned(input: { customerId: string; repId: string; reason: string; actorId?: string | null | undefined; idempotencyKey: string }, result: OwnershipResult) {
      // A person who assigned it (a manager deciding a dispute) is named; otherwise the rules did.
      const actorId = input.actorId ?? null;
      const actorName = actorId ? ((await repNames(db, [actorId])).get(actorId) ?? null) : null;
      const by = actorId ? `Assigned to you by ${repLabel({ id: actorId, name: actorName }, 'en')} (${reasonWords(input.reason, 'en')})` : `Assigned by the assignment rules (${input.reason})`;
      await emit({
        type: 'customer.assigned',
        customerId: input.customerId,
        recipients: [input.repId],
        title: `New customer for you: ${await nameOf(input.customerId)}`,
        body: `${by}. First deadline: ${result.deadline ?? 'none'}.`,
        data: { deadline: result.deadline, reason: input.reason, ...(actorId ? { actorId, actorName } : {}) },
        idempotencyKey: `customer.assigned/${input.idempotencyKey}`,
      });
    },

    /** `pool`: the pool the reclaim rule named (null: none); `poolId`: the pool the customer went to. */
    async reclaimed(input: DeadlineNotice & { idempotencyKey: string; reason?: string | null; pool?: string | null; poolId: string }) {
      const manager = await managerOf(db, input.ownerId);
      const data = {
        reason: input.reason ?? 'no_follow_up',
        deadlineKind: input.deadlineKind,
        formerOwnerId: input.ownerId,
        deadline: new Date(input.deadline).toISOString(),
        pool: input.pool ?? null,
        poolId: input.poolId,
      };
      const title = `Reclaimed to the pool: ${await nameOf(input.customerId)}`;
      // The English the webhooks carry, in the words the inbox and the chat robots tell it in.
      const people = { names: new Map<string, string>(), timeZone: 'UTC', pools: await poolsNamed(db, [input.poolId]) };
      const { body } = noticeWords({ type: 'customer.reclaimed', customerName: null, payload: { title, body: '', data }, people }, 'en');
      await emit({
        type: 'customer.reclaimed',
        customerId: input.customerId,
        recipients: [input.ownerId, ...(manager ? [manager] : [])],
        title,
        body,
        data,
        idempotencyKey: `customer.reclaimed/${input.idempotencyKey}`,
      });
    },

    /** Warns the owner (then their manager) that a deadline is near. */
    async deadlineNear(input: DeadlineNotice & { to: 'owner' | 'manager' }) {
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

    /**
     * Tells the approvers of the level now waiting that a quote needs them, but not one a re-ask
     * told already (this notice tried again, or run late, after a change of team asked them).
     */
    async approvalRequested(pending: { quoteId: string; level: number }, customerId: string) {
      const { event, approvers } = await approvalRequest(pending, customerId);
      const reasked = await toldOf(approvers.map((id) => `${event.idempotencyKey}/${id}:${id}`));
      await emit({ ...event, recipients: approvers.filter((id) => !reasked.has(id)) });
    },

    /**
     * Tells whoever a waiting level asks now and was not told yet: after these reps changed teams or
     * their team its manager, a level waiting for "the owner's manager" waits for someone else (or,
     * with no manager to ask, for the admins); a level naming one of these reps waits for the admins
     * while the rep is deactivated. One event for each newly asked rep, keyed by them, so nobody is
     * told twice and webhooks and chat robots hear of the new approver.
     */
    async approvalsReasked(repIds: readonly string[]) {
      if (repIds.length === 0) return;
      const reps = [...new Set(repIds)];
      const waiting = await db
        .selectFrom('quote_approvals as a')
        .innerJoin('quotes as q', 'q.id', 'a.quote_id')
        .select(['a.quote_id as quoteId', 'a.level', 'q.customer_id as customerId'])
        .where('q.status', '=', 'pending_approval')
        .where('a.status', '=', 'pending')
        .where((eb) =>
          eb.or([
            eb('q.rep_id', 'in', reps).and(sql<boolean>`a.approvers @> '[{"role":"manager"}]'::jsonb`),
            eb.or(reps.map((id) => sql<boolean>`a.approvers @> ${JSON.stringify([{ rep: id }])}::jsonb`)),
          ]),
        )
        .orderBy('a.quote_id')
        .orderBy('a.level')
        .execute();
      for (const w of waiting) {
        const { event, approvers } = await approvalRequest(w, w.customerId);
        if (approvers.length === 0) continue;
        // Told by the request itself (its key) or by an earlier re-ask (theirs).
        const told = await toldOf(approvers.flatMap((id) => [`${event.idempotencyKey}:${id}`, `${event.idempotencyKey}/${id}:${id}`]));
        for (const id of approvers.filter((a) => !told.has(a))) await emit({ ...event, recipients: [id], idempotencyKey: `${event.idempotencyKey}/${id}` });
      }
    },

    /** The next level is asked, or the rep (and whoever submitted it for them) hears the final decision. */
    async approvalDecided(input: { quoteId: string; approverId: string; comment?: string | undefined }, result: { decided: string; pending: { quoteId: string; level: number } | null }) {
      const quote = await quoteOf(input.quoteId);
      if (result.pending) return this.approvalRequested(result.pending, quote.customer_id);
      const decidedByName = (await repNames(db, [input.approverId])).get(input.approverId) ?? null;
      const data = { quoteId: quote.id, decided: result.decided, comment: input.comment ?? null, decidedBy: input.approverId, decidedByName };
      const title = `Quote ${result.decided === 'approved' ? 'approved' : 'rejected'}: ${await nameOf(quote.customer_id)}`;
      // The English the webhooks carry, in the words the inbox and the chat robots tell it in.
      const people = { names: new Map<string, string>(), timeZone: 'UTC', pools: new Map<string, string>() };
      const { body } = noticeWords({ type: 'approval.decided', customerName: null, payload: { title, body: '', data }, people }, 'en');
      await emit({
        type: 'approval.decided',
        customerId: quote.customer_id,
        recipients: [...new Set([quote.rep_id, quote.submitted_by])],
        title,
        body,
        data,
        idempotencyKey: `approval.decided/${quote.id}`,
      });
    },

    async approvalEscalated(input: { quoteId: string; level: number }) {
      const quote = await quoteOf(input.quoteId);
      await emit({
        type: 'approval.escalated',
        customerId: quote.customer_id,
        recipients: await approversOf(db, [{ role: 'admin' }], quote),
        title: `Approval overdue: ${await nameOf(quote.customer_id)}`,
        body: `Level ${input.level} of a ${quote.currency} ${quote.amount} quote was not decided in time.`,
        data: { quoteId: quote.id, level: input.level },
        idempotencyKey: `approval.escalated/${quote.id}/${input.level}`,
      });
    },
  };
}

/**
 * In the caller's transaction (a change of team, manager, role or activity): whoever the levels
 * waiting on these reps' quotes, or naming these reps, ask now and were not told is told
 * (approvalsReasked). Answers the events emitted, to dispatch after the commit.
 */
export async function reaskApprovalsInTransaction(tx: Transaction<Database>, clock: { now(): Date }, repIds: readonly string[]) {
  const events = eventsInTransaction(tx, clock);
  await lifecycleNotices(tx, events).approvalsReasked(repIds);
  return events.emitted;
}
