// Disputes of rule decisions (客户分配申诉, issue 15 §2): a rep files one against a recorded decision
// within the window; their manager (an admin across teams) upholds it or reassigns the customer to
// the rep through the customer's workflow, within the rep's caps. Each step is in the customer's
// history and told to both sides.
import type { Kysely } from 'kysely';
import { newId } from '../ids.js';
import type { DecideDisputeBody, DisputeStatus, DisputeView, FileDisputeBody } from '../../schemas/disputes.js';
import type { Actor } from '../auth/actor.js';
import { keyedMutex } from '../claims/keyed-mutex.js';
import type { Clock } from '../clock.js';
import { insertActivity } from '../customers/activities.repository.js';
import type { RuleRef } from '../customers/activity-notes.js';
import { customerToActOn, refuseMerged } from '../customers/customer-access.js';
import { findCustomerRow } from '../customers/customer-rows.repository.js';
import { latestOwnershipEvent } from '../customers/ownership-events.repository.js';
import { repNames } from '../customers/rep-names.repository.js';
import { repLabel } from '../../schemas/rep-label.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/errors.js';
import { AppError, ErrorCode } from '../errors.js';
import type { Language } from '../../rules/explain/sentence.js';
import type { LifecycleClient } from '../lifecycle/lifecycle.client.js';
import type { EmitResult } from '../notifications/emit.js';
import { repRow } from '../reps/reps.repository.js';
import { deciderContext, deciderRefusal, otherSides } from './dispute-deciders.js';
import { disputeDecided, disputeFiled } from './dispute-notices.js';
import { disputableView, decisionsInvolving, disputedByRep, disputeTarget, disputeUntil, overturnedDecisions, overturnedRefusal } from './disputable.js';
import { type DisputeRow, findDispute, listDisputes, markDecided, openDisputeOf, settleDisputeNotices, releaseDecision, reserveDecision } from './disputes.repository.js';
import { disputeView } from './dispute-view.js';

export const DEFAULT_DISPUTE_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** How long a decider holds a dispute at most while its customer is moved (a move answers within 15 s). */
const RESERVATION_MS = 60_000;

export interface DisputeServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  lifecycle: LifecycleClient;
  /** How long after a decision it may be disputed (DISPUTE_WINDOW). */
  disputeWindowMs?: number | undefined;
  /** Starts the webhook deliveries and wakes the chat robots of an event, after its commit. */
  dispatchEvents?: ((emitted: EmitResult | readonly EmitResult[]) => Promise<unknown>) | undefined;
}

const refuse = (r: { code: ErrorCode; message: string; details?: Record<string, unknown> }) => new AppError(r.code, r.message, r.details);
const ruleOf = (d: Pick<DisputeRow, 'rule_name' | 'rule_set_version' | 'decision'>): RuleRef => ({ decision: d.decision, name: d.rule_name, version: d.rule_set_version });

export function createDisputeService(deps: DisputeServiceDeps) {
  const { db, clock, lifecycle } = deps;
  const windowMs = deps.disputeWindowMs ?? DEFAULT_DISPUTE_WINDOW_MS;
  const exclusive = keyedMutex();
  const dispatch = async (emitted: EmitResult) => {
    // The event is committed: a failed start is picked up by the worker's sweep.
    await deps.dispatchEvents?.(emitted).catch(() => undefined);
  };

  async function loadVisible(actor: Actor, id: string): Promise<DisputeRow> {
    const d = await findDispute(db, id);
    if (!d) throw new AppError(ErrorCode.NOT_FOUND, 'No such dispute.');
    if (actor.role === 'admin' || actor.repId === d.rep_id) return d;
    if (actor.role === 'manager' && actor.teamId !== null && actor.teamId === d.team_id) return d;
    // The other side (told of it when filed and decided): the rep the decision gave it to, or its owner now.
    if ((await otherSides(db, d)).includes(actor.repId)) return d;
    throw new AppError(ErrorCode.FORBIDDEN, "This is another rep's dispute: only they, their team's manager, the other side and admins see it.", { disputeId: id });
  }

  async function view(actor: Actor, d: DisputeRow, language: Language): Promise<DisputeView> {
    const refusal = d.status === 'open' ? deciderRefusal(actor, d, await deciderContext(db, d)) : null;
    return disputeView(db, d, { canDecide: d.status === 'open' && refusal === null, decideRefusal: refusal?.code ?? null, language });
  }

  /** Gives the customer to the disputing rep: a reassignment of its open tenure, or a new tenure from the pool. */
  async function moveToRep(d: DisputeRow, actor: Actor): Promise<void> {
    // A decision is overturned once: when another rep's dispute of it took the customer, this one is upheld or nothing.
    const overturned = (await overturnedDecisions(db, d.customer_id)).get(d.decision_record_id);
    if (overturned && overturned.disputeId !== d.id) throw await overturnedRefusal(db, overturned);
    // A sibling's move that went through before its decision could be recorded overturned it too.
    const moved = await latestOwnershipEvent(db, d.customer_id);
    if (moved && moved.reason === 'dispute' && moved.to_rep_id !== null && moved.to_rep_id !== d.rep_id) {
      const sibling = await db
        .selectFrom('disputes')
        .select(['id', 'rep_id'])
        .where('decision_record_id', '=', d.decision_record_id)
        .where('rep_id', '=', moved.to_rep_id)
        .where('filed_at', '<=', moved.at)
        .executeTakeFirst();
      if (sibling) throw await overturnedRefusal(db, { disputeId: sibling.id, repId: sibling.rep_id });
    }
    const c = await findCustomerRow(db, d.customer_id);
    if (!c) throw new AppError(ErrorCode.NOT_FOUND, 'The customer no longer exists.');
    if (c.status === 'merged') throw await refuseMerged(db, actor, c);
    if (c.status === 'won') throw new AppError(ErrorCode.CUSTOMER_WON, 'This customer is won; its tenure is closed, so it cannot be reassigned. Uphold the dispute instead.', { customerId: c.id });
    if (c.owner_id === d.rep_id) {
      // An earlier attempt of this decision moved it and failed before its record: the move stands, the decision is recorded now.
      if (moved && moved.to_rep_id === d.rep_id && moved.reason === 'dispute' && moved.at >= d.filed_at) return;
      throw new AppError(ErrorCode.CONFLICT, `The customer already belongs to ${d.rep_id}; uphold the dispute to close it.`, { customerId: c.id });
    }
    if (c.status === 'owned') {
      // From the owner the decider saw: a customer a job or a manager moved meanwhile is refused (NOT_OWNER), not taken from its new owner.
      await lifecycle.reassign(c.id, { actorId: actor.repId, toRepId: d.rep_id, reason: 'dispute', expectOwnerId: c.owner_id ?? undefined });
    } else {
      await lifecycle.assign(c.id, { repId: d.rep_id, reason: 'dispute', actorId: actor.repId, overrideCooldown: true, details: { disputeId: d.id } });
    }
  }

  return {
    windowMs,

    /** The decisions about this customer the actor may still dispute, newest first. */
    async disputable(actor: Actor, customerId: string, language: Language) {
      const customer = await customerToActOn(db, actor, customerId, 'dispute');
      const rep = await repRow(db, actor.repId);
      const now = clock.now();
      const { mine } = await decisionsInvolving(db, rep, customer.id, ['assignment', 'claim_refusal', 'reclaim']);
      const disputed = await disputedByRep(db, rep.id, customer.id);
      const overturned = await overturnedDecisions(db, customer.id);
      return mine.filter((t) => !disputed.has(t.record.id) && !overturned.has(t.record.id) && disputeUntil(t, windowMs) >= now).map((t) => disputableView(t, windowMs, language));
    },

    async file(actor: Actor, customerId: string, body: FileDisputeBody, language: Language): Promise<DisputeView> {
      const customer = await customerToActOn(db, actor, customerId, 'dispute');
      const rep = await repRow(db, actor.repId);
      if (!rep.active) throw new AppError(ErrorCode.REP_INACTIVE, `Rep ${rep.id} is inactive and cannot dispute decisions.`);
      const open = await openDisputeOf(db, customer.id, rep.id);
      if (open) throw new AppError(ErrorCode.DISPUTE_OPEN, 'You already have an open dispute about this customer; wait for its decision.', { pointer: '', disputeId: open.id });
      const now = clock.now();
      const target = await disputeTarget(db, rep, customer.id, body, now, windowMs);
      const id = newId();
      let emitted: EmitResult;
      let row: DisputeRow;
      try {
        [row, emitted] = await db.transaction().execute(async (tx) => {
          await tx
            .insertInto('disputes')
            .values({
              id,
              customer_id: customer.id,
              rep_id: rep.id,
              team_id: rep.team_id,
              kind: target.kind,
              decision_record_id: target.record.id,
              ownership_event_id: target.ownershipEventId,
              other_rep_id: target.otherRepId,
              decision: target.decision,
              rule_set_id: target.record.rule_set_id,
              rule_set_version: target.record.rule_set_version,
              rule_name: target.ruleName,
              disputed_at: target.at,
              reason: body.reason,
              status: 'open',
              filed_at: now,
            })
            .execute();
          const filed = (await findDispute(tx, id))!;
          await insertActivity(tx, {
            customerId: customer.id,
            repId: rep.id,
            kind: 'dispute_filed',
            note: null,
            text: { key: 'dispute_filed', kind: target.kind, otherRepId: target.otherRepId, code: target.code, rule: ruleOf(filed), reason: body.reason },
            occurredAt: now,
            tenureId: null,
            idempotencyKey: `dispute/${id}/filed`,
            at: now,
          });
          return [filed, await disputeFiled(tx, filed, await deciderContext(tx, filed), now)] as const;
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw new AppError(ErrorCode.DISPUTE_OPEN, 'You already have an open dispute about this customer; wait for its decision.', { pointer: '' });
        throw e;
      }
      await dispatch(emitted);
      return view(actor, row, language);
    },

    decide(actor: Actor, id: string, body: DecideDisputeBody, language: Language): Promise<DisputeView> {
      // One decision per dispute at a time in this process; across processes the decider reserves
      // the dispute while the customer is moved (through its tenure, outside any transaction: a
      // transaction held across the move would wait on the move's own writes), and records the
      // decision under the reservation.
      return exclusive(id, async () => {
        const d = await loadVisible(actor, id).catch((e: unknown) => {
          if (e instanceof AppError && e.code === ErrorCode.FORBIDDEN) throw new AppError(ErrorCode.NOT_DECIDER, "Only the disputing rep's team manager or an admin decides this dispute.", { disputeId: id });
          throw e;
        });
        /** A rep a refusal names: the id (stable) and the name beside it. */
        const named = async (repId: string | null) => {
          const name = repId ? ((await repNames(db, [repId])).get(repId) ?? null) : null;
          return { name, label: repId ? repLabel({ id: repId, name }, 'en') : 'someone' };
        };
        const decidedAlready = async (status: DisputeStatus, by: string | null) => {
          const who = await named(by);
          return new AppError(ErrorCode.DISPUTE_DECIDED, `This dispute was already decided (${status}) by ${who.label}.`, { status, decidedBy: by, decidedByName: who.name });
        };
        if (d.status !== 'open') throw await decidedAlready(d.status, d.decided_by);
        const ctx = await deciderContext(db, d);
        const refusal = deciderRefusal(actor, d, ctx);
        if (refusal) throw refuse(refusal);
        const status: Exclude<DisputeStatus, 'open'> = body.outcome === 'reassign' ? 'reassigned' : 'upheld';
        const token = newId();
        const reservedAt = clock.now();
        const reserved = await reserveDecision(db, id, { by: actor.repId, token, now: reservedAt, until: new Date(reservedAt.getTime() + RESERVATION_MS) });
        if (!reserved.granted) {
          if (!reserved.row) throw new AppError(ErrorCode.NOT_FOUND, 'No such dispute.');
          // Decided by another process meanwhile: that decision stands.
          if (reserved.row.status !== 'open') throw await decidedAlready(reserved.row.status, reserved.row.decided_by);
          const deciding = await named(reserved.row.deciding_by ?? reserved.siblingDecider);
          const what = reserved.row.deciding_by === null && reserved.siblingDecider !== null ? 'another dispute of the same decision' : 'this dispute';
          throw new AppError(ErrorCode.DISPUTE_BEING_DECIDED, `${deciding.label} is deciding ${what} right now; reload in a moment to see the outcome.`, { disputeId: id, decidingBy: reserved.row.deciding_by ?? reserved.siblingDecider, decidingByName: deciding.name });
        }
        let recorded: readonly [DisputeRow & { status: typeof status }, EmitResult];
        try {
          // The disputes of one decision are decided one at a time here, so that only one overturns it.
          recorded = await exclusive(`decision/${d.decision_record_id}`, async () => {
            if (body.outcome === 'reassign') await moveToRep(d, actor);
            return db.transaction().execute(async (tx) => {
              const now = clock.now();
              if (!(await markDecided(tx, id, { status, decidedBy: actor.repId, comment: body.comment, at: now, token }))) {
                throw new AppError(ErrorCode.DISPUTE_DECIDED, 'This dispute was decided meanwhile.', { disputeId: id });
              }
              const decided = (await findDispute(tx, id))! as DisputeRow & { status: typeof status };
              await settleDisputeNotices(tx, id, now);
              await insertActivity(tx, {
                customerId: d.customer_id,
                repId: actor.repId,
                kind: 'dispute_decided',
                note: null,
                text: { key: 'dispute_decided', repId: d.rep_id, kind: d.kind, rule: ruleOf(d), reassigned: status === 'reassigned', comment: body.comment },
                occurredAt: now,
                tenureId: null,
                idempotencyKey: `dispute/${id}/decided`,
                at: now,
              });
              return [decided, await disputeDecided(tx, decided, ctx.otherSides, now)] as const;
            });
          });
        } catch (e) {
          // Refused or failed: open to decide again at once (a move that went through is found by the next attempt).
          await releaseDecision(db, id, token).catch(() => {});
          throw e;
        }
        const [row, emitted] = recorded;
        await dispatch(emitted);
        return view(actor, row, language);
      });
    },

    async get(actor: Actor, id: string, language: Language): Promise<DisputeView> {
      return view(actor, await loadVisible(actor, id), language);
    },

    async list(actor: Actor, query: { status?: DisputeStatus | undefined; customerId?: string | undefined; limit: number }, language: Language): Promise<DisputeView[]> {
      const scope = actor.role === 'admin' ? {} : actor.role === 'manager' && actor.teamId !== null ? { repId: actor.repId, teamId: actor.teamId } : { repId: actor.repId };
      const rows = await listDisputes(db, { ...scope, ...query });
      return Promise.all(rows.map((d) => view(actor, d, language)));
    },
  };
}

export type DisputeService = ReturnType<typeof createDisputeService>;
