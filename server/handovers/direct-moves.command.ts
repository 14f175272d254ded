// The two moves that have no running tenure to go through: a won customer (its tenure closed at
// the win) changing owner, and a pool customer changing pool. Each is one transaction, audited and
// idempotent by key.
import type { Transaction } from 'kysely';
import { lockCustomer, updateCustomerVersioned } from '../customers/customer-rows.repository.js';
import { appendOwnershipEvent, ownershipEventSeen } from '../customers/ownership-events.repository.js';
import { recordOwnerChange } from '../customers/collaboration-ends.js';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import { poolExists } from '../pools/pools.repository.js';
import { lockRep } from '../reps/reps.repository.js';
import { assertMayOwn } from '../reps/may-own.js';

interface Audited {
  customerId: string;
  actorId: string;
  reason: string;
  idempotencyKey: string;
  now: Date;
}

/** A won customer goes to another rep; won customers count against no cap. */
export async function transferWon(tx: Transaction<Database>, cmd: Audited & { fromRepId: string; toRepId: string }): Promise<void> {
  if (await ownershipEventSeen(tx, cmd.idempotencyKey)) return;
  const to = await lockRep(tx, cmd.toRepId);
  if (!to.active) throw new AppError(ErrorCode.REP_INACTIVE, `Rep ${to.id} is inactive and cannot receive customers.`, { repId: to.id });
  assertMayOwn(to);
  const customer = await lockCustomer(tx, cmd.customerId);
  if (customer.status !== 'won' || customer.owner_id !== cmd.fromRepId) {
    throw new AppError(ErrorCode.NOT_OWNER, `This customer is no longer a won customer of ${cmd.fromRepId}.`, { customerId: customer.id });
  }
  await updateCustomerVersioned(tx, customer.id, { owner_id: to.id, previous_owner_id: cmd.fromRepId }, { now: cmd.now });
  await recordOwnerChange(tx, {
    customer_id: customer.id,
    kind: 'reassigned',
    from_rep_id: cmd.fromRepId,
    to_rep_id: to.id,
    actor_id: cmd.actorId,
    reason: cmd.reason,
    tenure_id: customer.tenure_id,
    details: { won: true },
    idempotency_key: cmd.idempotencyKey,
    at: cmd.now,
  });
}

/** A pool customer moves to another pool. */
export async function movePool(tx: Transaction<Database>, cmd: Audited & { poolId: string }): Promise<void> {
  if (await ownershipEventSeen(tx, cmd.idempotencyKey)) return;
  if (!(await poolExists(tx, cmd.poolId))) throw new AppError(ErrorCode.NOT_FOUND, `Pool ${cmd.poolId} does not exist.`, { poolId: cmd.poolId });
  const customer = await lockCustomer(tx, cmd.customerId);
  if (customer.status !== 'pool') {
    throw new AppError(ErrorCode.CUSTOMER_OWNED, 'Only pool customers move between pools; this one is not in a pool.', { customerId: customer.id, status: customer.status });
  }
  if (customer.pool_id === cmd.poolId) return;
  await updateCustomerVersioned(tx, customer.id, { pool_id: cmd.poolId }, { now: cmd.now });
  await appendOwnershipEvent(tx, {
    customer_id: customer.id,
    kind: 'pool_moved',
    from_rep_id: null,
    to_rep_id: null,
    actor_id: cmd.actorId,
    reason: cmd.reason,
    tenure_id: null,
    details: { fromPool: customer.pool_id, toPool: cmd.poolId },
    idempotency_key: cmd.idempotencyKey,
    at: cmd.now,
  });
}
