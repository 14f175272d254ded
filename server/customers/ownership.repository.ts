// Owner changes, each in one transaction that locks the rows it decides on (R1, R2, R5, R12).
// Lock order everywhere: the rep row first, then the customer row, so claims never deadlock.
// Caps, grades and deadlines come from the published rule sets; each decision is recorded.
import { type Insertable, type Transaction, sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { customerFacts, repFacts } from '../../rules/decide/facts.js';
import { gradingOutcome, needsCalendar, reclaimOutcome, type ReclaimOutcome } from '../../rules/decide/outcomes.js';
import { loadWorkingCalendar } from '../calendars/calendar-context.js';
import type { Grade } from '../../schemas/common.js';
import type { OwnershipResult } from '../../schemas/customers.js';
import { workflowIdFor } from '../../schemas/workflow-ids.js';
import type { Customer, Database, OwnershipEventsTable, Rep } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import type { Decided, Decisions } from '../rules/decisions.js';
import { withdrawOpenQuotes } from '../quotes/withdraw.js';
import { assertClaimAllowed, decideCaps } from './claim-checks.js';

type Tx = Transaction<Database>;

export function toOwnershipResult(
  c: Customer,
  extra: { reason?: string | null; cooldownMs?: number | null; warnAt?: Date | null; pool?: string | null } = {},
): OwnershipResult {
  return {
    customerId: c.id,
    ownerId: c.owner_id,
    status: c.status,
    stage: c.stage,
    grade: c.grade,
    deadline: c.deadline?.toISOString() ?? null,
    deadlineKind: c.deadline_kind,
    deadlineReason: extra.reason ?? null,
    warnAt: extra.warnAt?.toISOString() ?? null,
    cooldownMs: extra.cooldownMs ?? null,
    reclaimPool: extra.pool ?? null,
    tenureId: c.tenure_id,
    workflowId: workflowIdFor(c.id),
  };
}

export const withDeadline = (c: Customer, d: Decided<ReclaimOutcome>) =>
  d.outcome.kind === 'deadline'
    ? toOwnershipResult(c, { reason: d.outcome.reason, cooldownMs: d.outcome.cooldownMs, warnAt: d.outcome.warnAt, pool: d.outcome.pool })
    : toOwnershipResult(c);

/** Appends to the ownership audit (R12; append-only, a trigger refuses changes). */
export async function appendOwnershipEvent(
  tx: Tx,
  event: Omit<Insertable<OwnershipEventsTable>, 'id' | 'details'> & { details: Record<string, unknown> },
): Promise<void> {
  await tx
    .insertInto('ownership_events')
    .values({ ...event, id: uuidv7(), details: JSON.stringify(event.details) })
    .execute();
}

export async function lockCustomer(tx: Tx, customerId: string): Promise<Customer> {
  const c = await tx.selectFrom('customers').selectAll().where('id', '=', customerId).forUpdate().executeTakeFirst();
  if (!c) throw new AppError(ErrorCode.NOT_FOUND, `Customer ${customerId} does not exist.`, { customerId });
  return c;
}

export async function lockRep(tx: Tx, repId: string): Promise<Rep> {
  const rep = await tx.selectFrom('reps').selectAll().where('id', '=', repId).forUpdate().executeTakeFirst();
  if (!rep) throw new AppError(ErrorCode.NOT_FOUND, `Rep ${repId} does not exist.`, { repId });
  return rep;
}

async function eventExists(tx: Tx, idempotencyKey: string): Promise<boolean> {
  const row = await tx.selectFrom('ownership_events').select('id').where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
  return row !== undefined;
}

/**
 * The reclaim decision for an owned customer: its next deadline (or none, or exempt). Working-day
 * deadlines count in the owner's calendar (holidays, make-up days, leave), loaded only when needed.
 */
export async function decideDeadline(decisions: Decisions, tx: Tx, customer: Customer, owner: Rep, trigger: string, now: Date): Promise<Decided<ReclaimOutcome>> {
  const decided = await decisions.decide(
    tx,
    'reclaim',
    { customer: customerFacts(customer, now), rep: repFacts(owner, now), trigger: { type: trigger, previousOwnerId: customer.previous_owner_id } },
    (fired) => fired,
  );
  const calendar = needsCalendar(decided.fired) ? await loadWorkingCalendar(tx, owner, { from: customer.claimed_at ?? now }) : undefined;
  return { ...decided, outcome: reclaimOutcome(decided.fired, { now, claimedAt: customer.claimed_at, stageAt: customer.stage_at, timeZone: owner.time_zone, calendar }) };
}

/** The deadline columns, with what set the deadline (trigger and moment) for later re-decisions. */
export const deadlineColumns = (d: Decided<ReclaimOutcome>, trigger: string, at: Date) => ({
  ...(d.outcome.kind === 'deadline' ? { deadline: d.outcome.deadline, deadline_kind: d.outcome.name } : { deadline: null, deadline_kind: null }),
  deadline_trigger: trigger,
  deadline_from: at,
});

export interface TakeCommand {
  customerId: string;
  repId: string;
  tenureId: string;
  idempotencyKey: string;
  now: Date;
  /** Who caused it: the rep (claim) or the assignment rules (assign). */
  actorId?: string | null;
  reason?: string;
  details?: Record<string, unknown>;
}

/**
 * A rep takes a customer, by claiming it (all claim rules) or by assignment (no daily limit).
 * Refuses owned, won, cooldown and caps under locks; sets the first deadline from the reclaim rules.
 */
export async function takeInTx(tx: Tx, decisions: Decisions, cmd: TakeCommand, mode: 'claim' | 'assign'): Promise<OwnershipResult> {
  if (await eventExists(tx, cmd.idempotencyKey)) {
    return toOwnershipResult(await tx.selectFrom('customers').selectAll().where('id', '=', cmd.customerId).executeTakeFirstOrThrow());
  }
  const rep = await lockRep(tx, cmd.repId);
  const customer = await lockCustomer(tx, cmd.customerId);
  const caps = await decideCaps(decisions, tx, rep, cmd.now);
  const { ownedCount } = await assertClaimAllowed(tx, rep, customer, cmd.now, caps, mode);

  const owned: Customer = { ...customer, status: 'owned', owner_id: rep.id, stage: 'claimed', stage_at: cmd.now, tenure_id: cmd.tenureId, claimed_at: cmd.now };
  const deadline = await decideDeadline(decisions, tx, owned, rep, 'claim', cmd.now);
  const updated = await tx
    .updateTable('customers')
    .set({
      status: 'owned',
      owner_id: rep.id,
      stage: 'claimed',
      stage_at: cmd.now,
      tenure_id: cmd.tenureId,
      claimed_at: cmd.now,
      ...deadlineColumns(deadline, 'claim', cmd.now),
      version: sql`version + 1`,
      updated_at: cmd.now,
    })
    .where('id', '=', customer.id)
    .where('version', '=', customer.version)
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendOwnershipEvent(tx, {
    customer_id: customer.id,
    kind: mode === 'claim' ? 'claimed' : 'assigned',
    from_rep_id: null,
    to_rep_id: rep.id,
    actor_id: cmd.actorId === undefined ? rep.id : cmd.actorId,
    reason: cmd.reason ?? mode,
    tenure_id: cmd.tenureId,
    rule_version: caps.ruleSet ? `caps@${caps.ruleSet.version}` : null,
    details: {
      deadline: updated.deadline?.toISOString() ?? null,
      deadlineKind: updated.deadline_kind,
      deadlineRule: deadline.outcome.kind === 'none' ? null : deadline.outcome.rule,
      reclaimVersion: deadline.ruleSet?.version ?? null,
      ownedBefore: ownedCount,
      cap: caps.outcome.privateMax,
      capsRule: caps.outcome.rule,
      ...cmd.details,
    },
    idempotency_key: cmd.idempotencyKey,
    at: cmd.now,
  });
  await tx
    .insertInto('stage_events')
    .values({ id: uuidv7(), customer_id: customer.id, tenure_id: cmd.tenureId, from_stage: null, to_stage: 'claimed', rep_id: rep.id, actor_id: cmd.actorId === undefined ? rep.id : cmd.actorId, details: JSON.stringify({ via: mode }), idempotency_key: `${cmd.idempotencyKey}/stage`, at: cmd.now })
    .execute();
  await decisions.record(tx, caps, { customerId: customer.id, repId: rep.id, trigger: mode, at: cmd.now });
  await decisions.record(tx, deadline, { customerId: customer.id, repId: rep.id, trigger: mode, at: cmd.now });
  return withDeadline(updated, deadline);
}

export interface FollowUpCommand {
  customerId: string;
  repId: string;
  tenureId: string;
  idempotencyKey: string;
  kind: string;
  note?: string | undefined;
  occurredAt: Date;
  grade?: Grade | undefined;
  expectedCloseDays?: number | undefined;
  noDemand?: boolean | undefined;
  now: Date;
}

/** Logs a contact, re-grades (grading rules) and sets the next deadline (reclaim rules). */
export async function recordFollowUpInTx(tx: Tx, decisions: Decisions, cmd: FollowUpCommand): Promise<OwnershipResult> {
  const seen = await tx.selectFrom('customer_activities').select('id').where('idempotency_key', '=', cmd.idempotencyKey).executeTakeFirst();
  if (seen) return toOwnershipResult(await tx.selectFrom('customers').selectAll().where('id', '=', cmd.customerId).executeTakeFirstOrThrow());

  const customer = await lockCustomer(tx, cmd.customerId);
  if (customer.owner_id !== cmd.repId || customer.tenure_id !== cmd.tenureId || customer.status !== 'owned') {
    throw new AppError(ErrorCode.NOT_OWNER, 'Only the current owner can log follow-ups on this customer.', { customerId: customer.id });
  }
  const owner = await tx.selectFrom('reps').selectAll().where('id', '=', cmd.repId).executeTakeFirstOrThrow();
  await tx
    .insertInto('customer_activities')
    .values({
      id: uuidv7(),
      customer_id: customer.id,
      rep_id: cmd.repId,
      kind: cmd.kind,
      note: cmd.note ?? null,
      occurred_at: cmd.occurredAt,
      tenure_id: cmd.tenureId,
      idempotency_key: cmd.idempotencyKey,
      created_at: cmd.now,
    })
    .execute();

  let next: Customer = {
    ...customer,
    stage: customer.stage === 'claimed' ? 'follow_up' : customer.stage,
    stage_at: customer.stage === 'claimed' ? cmd.now : customer.stage_at,
    follow_ups: customer.follow_ups + 1,
    last_follow_up_at: cmd.occurredAt,
    rep_grade: cmd.grade ?? customer.rep_grade,
    expected_close_days: cmd.expectedCloseDays ?? customer.expected_close_days,
    no_demand: cmd.noDemand ?? customer.no_demand,
  };
  const grading = await decisions.decide(tx, 'grading', { customer: customerFacts(next, cmd.now) }, gradingOutcome);
  next = { ...next, grade: grading.outcome?.grade ?? next.grade };
  const deadline = await decideDeadline(decisions, tx, next, owner, 'follow_up', cmd.now);

  const updated = await tx
    .updateTable('customers')
    .set({
      stage: next.stage,
      stage_at: next.stage_at,
      grade: next.grade,
      follow_ups: next.follow_ups,
      last_follow_up_at: next.last_follow_up_at,
      rep_grade: next.rep_grade,
      expected_close_days: next.expected_close_days,
      no_demand: next.no_demand,
      ...deadlineColumns(deadline, 'follow_up', cmd.now),
      version: sql`version + 1`,
      updated_at: cmd.now,
    })
    .where('id', '=', customer.id)
    .where('version', '=', customer.version)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (customer.stage === 'claimed') {
    await tx
      .insertInto('stage_events')
      .values({ id: uuidv7(), customer_id: customer.id, tenure_id: cmd.tenureId, from_stage: 'claimed', to_stage: 'follow_up', rep_id: cmd.repId, actor_id: cmd.repId, details: JSON.stringify({ kind: cmd.kind }), idempotency_key: `${cmd.idempotencyKey}/stage`, at: cmd.now })
      .execute();
  }
  await decisions.record(tx, grading, { customerId: customer.id, repId: cmd.repId, trigger: 'follow_up', at: cmd.now });
  await decisions.record(tx, deadline, { customerId: customer.id, repId: cmd.repId, trigger: 'follow_up', at: cmd.now });
  return withDeadline(updated, deadline);
}

export interface ReturnToPoolCommand {
  customerId: string;
  /** The owner whose tenure ends; nothing happens if the customer moved on since. */
  ownerId: string;
  tenureId: string;
  idempotencyKey: string;
  kind: 'released' | 'reclaimed';
  reason: string;
  actorId: string | null;
  cooldownMs: number;
  /** The pool the reclaim rules send it to; null keeps its pool. */
  poolId?: string | null;
  now: Date;
  details?: Record<string, unknown>;
}

/**
 * Returns a customer to the pool: owner cleared, event recorded, cooldown for the former owner.
 * Returns null when the tenure already ended (a retried or stale command), so it is idempotent.
 */
export async function returnToPoolInTx(tx: Tx, cmd: ReturnToPoolCommand): Promise<OwnershipResult | null> {
  if (await eventExists(tx, cmd.idempotencyKey)) return null;
  const customer = await lockCustomer(tx, cmd.customerId);
  if (customer.owner_id !== cmd.ownerId || customer.tenure_id !== cmd.tenureId || customer.status !== 'owned') {
    return null;
  }
  // A pool named by the rules but deleted since: keep the customer's pool rather than fail forever.
  const target = cmd.poolId ? await tx.selectFrom('pools').select('id').where('id', '=', cmd.poolId).executeTakeFirst() : undefined;
  const updated = await tx
    .updateTable('customers')
    .set({
      status: 'pool',
      pool_id: target?.id ?? customer.pool_id,
      owner_id: null,
      previous_owner_id: cmd.ownerId,
      stage: null,
      stage_at: null,
      tenure_id: null,
      deadline: null,
      deadline_kind: null,
      deadline_trigger: null,
      deadline_from: null,
      claimed_at: null,
      reclaims: cmd.kind === 'reclaimed' ? sql`reclaims + 1` : sql`reclaims`,
      version: sql`version + 1`,
      updated_at: cmd.now,
    })
    .where('id', '=', customer.id)
    .where('version', '=', customer.version)
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendOwnershipEvent(tx, {
    customer_id: customer.id,
    kind: cmd.kind,
    from_rep_id: cmd.ownerId,
    to_rep_id: null,
    actor_id: cmd.actorId,
    reason: cmd.reason,
    tenure_id: cmd.tenureId,
    details: {
      stage: customer.stage,
      deadline: customer.deadline?.toISOString() ?? null,
      deadlineKind: customer.deadline_kind,
      ...(cmd.poolId ? { pool: target?.id ?? customer.pool_id, ...(target ? {} : { poolMissing: cmd.poolId }) } : {}),
      ...cmd.details,
    },
    idempotency_key: cmd.idempotencyKey,
    at: cmd.now,
  });
  await withdrawOpenQuotes(tx, customer.id, cmd.tenureId, cmd.now);
  const until = new Date(cmd.now.getTime() + cmd.cooldownMs);
  await tx
    .insertInto('cooldowns')
    .values({ rep_id: cmd.ownerId, customer_id: customer.id, until, reason: cmd.reason, created_at: cmd.now })
    .onConflict((oc) => oc.columns(['rep_id', 'customer_id']).doUpdateSet({ until, reason: cmd.reason, created_at: cmd.now }))
    .execute();
  return toOwnershipResult(updated);
}
