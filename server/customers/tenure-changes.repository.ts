// Changes to a tenure beyond stages: the key-customer flag (within the key quota, R2), a
// manager's reassignment to another rep, and an admin's merge of two customers (R8).
import { type Transaction, sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { OwnershipResult } from '../../schemas/customers.js';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import type { Decisions } from '../rules/decisions.js';
import { withdrawOpenQuotes } from '../quotes/withdraw.js';
import { assertClaimAllowed, decideCaps } from './claim-checks.js';
import { appendOwnershipEvent, decideDeadline, deadlineColumns, lockCustomer, lockRep, toOwnershipResult, withDeadline } from './ownership.repository.js';
import { lockForOwnerAction, setStage } from './stages.repository.js';

type Tx = Transaction<Database>;

/** Marks or unmarks a key customer (紧密客户); the key quota comes from the caps rules. */
export async function setKeyInTx(
  tx: Tx,
  decisions: Decisions,
  cmd: { customerId: string; tenureId: string; ownerId: string; actorId: string; key: boolean; now: Date },
): Promise<OwnershipResult> {
  const owner = await lockRep(tx, cmd.ownerId);
  const customer = await lockForOwnerAction(tx, cmd);
  if (customer.key_customer === cmd.key) return toOwnershipResult(customer);
  if (cmd.key) {
    const caps = await decideCaps(decisions, tx, owner, cmd.now);
    const keys = await tx
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('owner_id', '=', owner.id)
      .where('status', '=', 'owned')
      .where('key_customer', '=', true)
      .executeTakeFirstOrThrow();
    if (Number(keys.n) >= caps.outcome.keyMax) {
      throw new AppError(ErrorCode.KEY_CAP_REACHED, `${owner.name} already has ${keys.n} key customers, the key quota; unmark one first.`, {
        cap: caps.outcome.keyMax,
        count: Number(keys.n),
        rule: caps.outcome.rule,
      });
    }
  }
  await tx.updateTable('customers').set({ key_customer: cmd.key }).where('id', '=', customer.id).execute();
  return setStage(tx, decisions, { ...customer, key_customer: cmd.key }, owner, customer.stage ?? 'claimed', cmd.now, 'key_change');
}

/** A manager gives the customer to another rep: a new tenure, no cooldown for the former owner. */
export async function reassignInTx(
  tx: Tx,
  decisions: Decisions,
  cmd: { customerId: string; tenureId: string; ownerId: string; toRepId: string; newTenureId: string; actorId: string; reason: string; idempotencyKey: string; now: Date },
): Promise<OwnershipResult> {
  const seen = await tx.selectFrom('ownership_events').select('id').where('idempotency_key', '=', cmd.idempotencyKey).executeTakeFirst();
  if (seen) return toOwnershipResult(await tx.selectFrom('customers').selectAll().where('id', '=', cmd.customerId).executeTakeFirstOrThrow());
  if (cmd.toRepId === cmd.ownerId) throw new AppError(ErrorCode.CONFLICT, 'The customer already belongs to this rep.');
  const to = await lockRep(tx, cmd.toRepId);
  const customer = await lockForOwnerAction(tx, cmd);
  const caps = await decideCaps(decisions, tx, to, cmd.now);
  // The target is checked as for an assignment, except the cooldown a manager may override.
  await assertClaimAllowed(tx, to, { ...customer, status: 'pool', owner_id: null }, cmd.now, caps, 'assign').catch((e: unknown) => {
    if (e instanceof AppError && e.code === ErrorCode.COOLDOWN) return;
    throw e;
  });
  await withdrawOpenQuotes(tx, customer.id, cmd.tenureId, cmd.now);
  const next = { ...customer, owner_id: to.id, tenure_id: cmd.newTenureId, claimed_at: cmd.now, stage: 'claimed', stage_at: cmd.now, key_customer: false, previous_owner_id: cmd.ownerId };
  const deadline = await decideDeadline(decisions, tx, next, to, 'claim', cmd.now);
  const updated = await tx
    .updateTable('customers')
    .set({
      owner_id: to.id,
      tenure_id: cmd.newTenureId,
      claimed_at: cmd.now,
      stage: 'claimed',
      stage_at: cmd.now,
      key_customer: false,
      previous_owner_id: cmd.ownerId,
      ...deadlineColumns(deadline, 'claim', cmd.now),
      version: sql`version + 1`,
      updated_at: cmd.now,
    })
    .where('id', '=', customer.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendOwnershipEvent(tx, {
    customer_id: customer.id,
    kind: 'reassigned',
    from_rep_id: cmd.ownerId,
    to_rep_id: to.id,
    actor_id: cmd.actorId,
    reason: cmd.reason,
    tenure_id: cmd.newTenureId,
    details: { previousTenureId: cmd.tenureId, deadline: updated.deadline?.toISOString() ?? null, stageBefore: customer.stage },
    idempotency_key: cmd.idempotencyKey,
    at: cmd.now,
  });
  await tx
    .insertInto('stage_events')
    .values({ id: uuidv7(), customer_id: customer.id, tenure_id: cmd.newTenureId, from_stage: null, to_stage: 'claimed', rep_id: to.id, actor_id: cmd.actorId, details: JSON.stringify({ reassigned: true }), idempotency_key: null, at: cmd.now })
    .execute();
  await decisions.record(tx, caps, { customerId: customer.id, repId: to.id, trigger: 'reassign', at: cmd.now });
  await decisions.record(tx, deadline, { customerId: customer.id, repId: to.id, trigger: 'reassign', at: cmd.now });
  return withDeadline(updated, deadline);
}

/**
 * Merges `absorbedId` into `survivorId`: the survivor takes the absorbed customer's identities and
 * fills its empty contact fields; the absorbed one becomes "merged" (its owner, if any, loses it
 * without a cooldown). History stays where it was written and is read across the link.
 */
export async function mergeInTx(
  tx: Tx,
  cmd: { absorbedId: string; survivorId: string; actorId: string; expectedTenureId: string | null; idempotencyKey: string; now: Date },
): Promise<{ survivorId: string; absorbedOwner: string | null }> {
  const seen = await tx.selectFrom('ownership_events').select('id').where('idempotency_key', '=', `${cmd.idempotencyKey}/absorbed`).executeTakeFirst();
  if (seen) return { survivorId: cmd.survivorId, absorbedOwner: null };
  if (cmd.absorbedId === cmd.survivorId) throw new AppError(ErrorCode.CONFLICT, 'A customer cannot be merged into itself.');
  // Lock both in id order so two merges of the same pair cannot deadlock.
  const [first, second] = [cmd.absorbedId, cmd.survivorId].sort();
  const a = await lockCustomer(tx, first!);
  const b = await lockCustomer(tx, second!);
  const absorbed = a.id === cmd.absorbedId ? a : b;
  const survivor = a.id === cmd.survivorId ? a : b;
  if (absorbed.status === 'merged' || survivor.status === 'merged') {
    throw new AppError(ErrorCode.CONFLICT, `Customer ${absorbed.status === 'merged' ? absorbed.id : survivor.id} was already merged into another; merge into the survivor.`);
  }
  if (cmd.expectedTenureId !== absorbed.tenure_id) throw new AppError(ErrorCode.CONFLICT, 'The customer changed hands during the merge; try again.');
  if (absorbed.status === 'won' && survivor.status !== 'won') {
    throw new AppError(ErrorCode.CONFLICT, 'A won customer can only be merged into another won customer; merge the other way round.');
  }
  await withdrawOpenQuotes(tx, absorbed.id, absorbed.tenure_id, cmd.now);
  await tx.updateTable('customer_identities').set({ customer_id: survivor.id }).where('customer_id', '=', absorbed.id).execute();
  await tx
    .updateTable('customers')
    .set({
      contact_name: survivor.contact_name ?? absorbed.contact_name,
      email: survivor.email ?? absorbed.email,
      phone: survivor.phone ?? absorbed.phone,
      website: survivor.website ?? absorbed.website,
      country: survivor.country ?? absorbed.country,
      region: survivor.region ?? absorbed.region,
      follow_ups: sql`follow_ups + ${absorbed.follow_ups}`,
      reclaims: sql`reclaims + ${absorbed.reclaims}`,
      version: sql`version + 1`,
      updated_at: cmd.now,
    })
    .where('id', '=', survivor.id)
    .execute();
  await tx
    .updateTable('customers')
    .set({ status: 'merged', merged_into_id: survivor.id, owner_id: null, tenure_id: null, stage: null, deadline: null, deadline_kind: null, key_customer: false, version: sql`version + 1`, updated_at: cmd.now })
    .where('id', '=', absorbed.id)
    .execute();
  for (const [customerId, details] of [
    [absorbed.id, { into: survivor.id }],
    [survivor.id, { absorbed: absorbed.id }],
  ] as const) {
    await appendOwnershipEvent(tx, {
      customer_id: customerId,
      kind: 'merged',
      from_rep_id: customerId === absorbed.id ? absorbed.owner_id : null,
      to_rep_id: null,
      actor_id: cmd.actorId,
      reason: 'merged',
      tenure_id: customerId === absorbed.id ? absorbed.tenure_id : survivor.tenure_id,
      details,
      idempotency_key: `${cmd.idempotencyKey}/${customerId === absorbed.id ? 'absorbed' : 'survivor'}`,
      at: cmd.now,
    });
  }
  return { survivorId: survivor.id, absorbedOwner: absorbed.owner_id };
}
