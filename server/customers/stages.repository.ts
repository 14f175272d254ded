// Stage transitions of an owned customer (R4): claimed → follow_up → inquiry → costing → quote →
// sample → won. Each move is logged (activity + stage event, for history and the funnel) and
// re-decides the deadline with the reclaim rules; won ends the tenure and protects the customer.
import { type Transaction, sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { reclaimOutcome } from '../../rules/decide/outcomes.js';
import type { Stage } from '../../schemas/common.js';
import type { OwnershipResult } from '../../schemas/customers.js';
import { MOVES, type Move } from '../../schemas/stage-moves.js';
import type { Customer, Database, Rep } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import type { Decided, Decisions } from '../rules/decisions.js';
import { appendOwnershipEvent, deadlineColumns, decideDeadline, lockCustomer, toOwnershipResult, withDeadline } from './ownership.repository.js';

type Tx = Transaction<Database>;

// The shared move table (no runtime imports, for the UI) names only the API's stages.
void (MOVES satisfies Record<Move, readonly Stage[]>);

/** The customer, locked, if `actor` may act on it now; else a refusal saying why. */
export async function lockForOwnerAction(
  tx: Tx,
  cmd: { customerId: string; tenureId: string; actorId: string; ownerId: string },
): Promise<Customer> {
  const customer = await lockCustomer(tx, cmd.customerId);
  if (customer.status !== 'owned' || customer.tenure_id !== cmd.tenureId || customer.owner_id !== cmd.ownerId) {
    throw new AppError(ErrorCode.NOT_OWNER, 'This customer changed hands; reload it.', { customerId: customer.id });
  }
  return customer;
}

export function assertMove(move: Move, stage: string | null) {
  const from = MOVES[move] as readonly string[];
  if (!stage || !from.includes(stage)) {
    throw new AppError(
      ErrorCode.ILLEGAL_TRANSITION,
      `A customer in stage "${stage}" cannot move to "${move}"; ${move} follows ${from.map((s) => `"${s}"`).join(' or ')}.`,
      { from: stage, to: move, allowedFrom: from },
    );
  }
}

export async function insertStageEvent(
  tx: Tx,
  e: { customer: Customer; to: string; repId: string | null; actorId: string | null; idempotencyKey: string | null; details?: Record<string, unknown>; at: Date },
) {
  await tx
    .insertInto('stage_events')
    .values({
      id: uuidv7(),
      customer_id: e.customer.id,
      tenure_id: e.customer.tenure_id,
      from_stage: e.customer.stage,
      to_stage: e.to,
      rep_id: e.repId,
      actor_id: e.actorId,
      details: JSON.stringify(e.details ?? {}),
      idempotency_key: e.idempotencyKey,
      at: e.at,
    })
    .execute();
}

async function seenKey(tx: Tx, key: string): Promise<boolean> {
  return (await tx.selectFrom('stage_events').select('id').where('idempotency_key', '=', key).executeTakeFirst()) !== undefined;
}

const current = async (tx: Tx, id: string) => tx.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

export interface MoveCommand {
  customerId: string;
  tenureId: string;
  ownerId: string;
  actorId: string;
  idempotencyKey: string;
  move: Exclude<Move, 'won' | 'quote'>;
  note?: string | undefined;
  details?: Record<string, unknown>;
  now: Date;
}

/** Inquiry, costing, a sample made or sent: logged, stage set, deadline re-decided. */
export async function moveStageInTx(tx: Tx, decisions: Decisions, cmd: MoveCommand): Promise<OwnershipResult> {
  if (await seenKey(tx, cmd.idempotencyKey)) return toOwnershipResult(await current(tx, cmd.customerId));
  const customer = await lockForOwnerAction(tx, cmd);
  assertMove(cmd.move, customer.stage);
  const owner = await tx.selectFrom('reps').selectAll().where('id', '=', cmd.ownerId).executeTakeFirstOrThrow();
  const kind = cmd.move === 'sample' ? `sample_${String(cmd.details?.kind ?? 'make')}` : cmd.move;
  await tx
    .insertInto('customer_activities')
    .values({
      id: uuidv7(),
      customer_id: customer.id,
      rep_id: cmd.actorId,
      kind,
      note: cmd.note ?? null,
      occurred_at: cmd.now,
      tenure_id: cmd.tenureId,
      idempotency_key: cmd.idempotencyKey,
      created_at: cmd.now,
    })
    .execute();
  await insertStageEvent(tx, { customer, to: cmd.move, repId: cmd.ownerId, actorId: cmd.actorId, idempotencyKey: cmd.idempotencyKey, details: cmd.details, at: cmd.now });
  return setStage(tx, decisions, customer, owner, cmd.move, cmd.now, 'stage_change');
}

/** Sets the stage and the deadline the reclaim rules give it, recording the decision. */
export async function setStage(tx: Tx, decisions: Decisions, customer: Customer, owner: Rep, stage: string, now: Date, trigger: string) {
  // Re-entering the same stage (another inquiry) keeps the stage's clock.
  const stageAt = stage === customer.stage ? customer.stage_at : now;
  const next: Customer = { ...customer, stage, stage_at: stageAt };
  const deadline = await decideDeadline(decisions, tx, next, owner, trigger, now);
  const updated = await tx
    .updateTable('customers')
    .set({ stage, stage_at: stageAt, ...deadlineColumns(deadline, trigger, now), version: sql`version + 1`, updated_at: now })
    .where('id', '=', customer.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await decisions.record(tx, deadline, { customerId: customer.id, repId: owner.id, trigger, at: now });
  return withDeadline(updated, deadline);
}

/**
 * After a new reclaim policy is published: the deadline the new rules would have set at the moment
 * (and for the trigger) that set the current one — so a fresh claim keeps its first-follow-up
 * deadline and a stage deadline still counts from the stage. Recorded as a policy change.
 */
export async function redecideDeadlineInTx(
  tx: Tx,
  decisions: Decisions,
  cmd: { customerId: string; tenureId: string; ownerId: string; trigger: 'policy_change'; now: Date },
): Promise<OwnershipResult | null> {
  const customer = await lockCustomer(tx, cmd.customerId);
  // Null: the database has moved past this tenure (a command whose workflow task failed after its
  // transaction committed); the tenure's state must not take another tenure's row.
  if (customer.status !== 'owned' || customer.tenure_id !== cmd.tenureId || customer.owner_id !== cmd.ownerId) return null;
  const owner = await tx.selectFrom('reps').selectAll().where('id', '=', cmd.ownerId).executeTakeFirstOrThrow();
  const trigger = customer.deadline_trigger ?? 'claim';
  const at = customer.deadline_from ?? customer.claimed_at ?? cmd.now;
  const deadline = await decideDeadline(decisions, tx, customer, owner, trigger, at);
  const updated = await tx
    .updateTable('customers')
    .set({ ...deadlineColumns(deadline, trigger, at), version: sql`version + 1`, updated_at: cmd.now })
    .where('id', '=', customer.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await decisions.record(tx, deadline, { customerId: customer.id, repId: owner.id, trigger: cmd.trigger, at: cmd.now });
  return withDeadline(updated, deadline);
}

export interface WonCommand {
  customerId: string;
  tenureId: string;
  ownerId: string;
  actorId: string;
  idempotencyKey: string;
  orderValueUsd?: number | undefined;
  note?: string | undefined;
  now: Date;
}

/** The deal is closed: won, protected, never reclaimed; the owner keeps it outside their caps. */
export async function winInTx(tx: Tx, decisions: Decisions, cmd: WonCommand): Promise<OwnershipResult> {
  if (await seenKey(tx, cmd.idempotencyKey)) return toOwnershipResult(await current(tx, cmd.customerId));
  const customer = await lockForOwnerAction(tx, cmd);
  assertMove('won', customer.stage);
  const owner = await tx.selectFrom('reps').selectAll().where('id', '=', cmd.ownerId).executeTakeFirstOrThrow();
  await insertStageEvent(tx, { customer, to: 'won', repId: cmd.ownerId, actorId: cmd.actorId, idempotencyKey: cmd.idempotencyKey, details: { orderValueUsd: cmd.orderValueUsd ?? null }, at: cmd.now });
  await appendOwnershipEvent(tx, {
    customer_id: customer.id,
    kind: 'won',
    from_rep_id: cmd.ownerId,
    to_rep_id: cmd.ownerId,
    actor_id: cmd.actorId,
    reason: cmd.note ?? 'deal closed',
    tenure_id: cmd.tenureId,
    details: { orderValueUsd: cmd.orderValueUsd ?? null, stage: customer.stage },
    idempotency_key: `${cmd.idempotencyKey}/won`,
    at: cmd.now,
  });
  const won: Customer = { ...customer, status: 'won', stage: 'won', won_at: cmd.now };
  // The reclaim rules see a won customer; the shipped ones exempt it. Recorded like any decision.
  const deadline: Decided<ReturnType<typeof reclaimOutcome>> = await decideDeadline(decisions, tx, won, owner, 'stage_change', cmd.now);
  await decisions.record(tx, deadline, { customerId: customer.id, repId: owner.id, trigger: 'won', at: cmd.now });
  const updated = await tx
    .updateTable('customers')
    .set({ status: 'won', stage: 'won', won_at: cmd.now, key_customer: false, deadline: null, deadline_kind: null, version: sql`version + 1`, updated_at: cmd.now })
    .where('id', '=', customer.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toOwnershipResult(updated);
}
