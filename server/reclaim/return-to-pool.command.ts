// A tenure ends and the customer goes back to the pool (R1): released by its owner or reclaimed
// at its deadline. Owner and key flag cleared, event recorded, open quotes withdrawn, the tenure's
// collaborations ended, cooldown for the former owner.
import type { Transaction } from 'kysely';
import { sql } from 'kysely';
import type { OwnershipResult } from '../../schemas/customers.js';
import { endTenureCollaborations } from '../customers/collaboration-ends.js';
import { lockCustomer, updateCustomerVersioned } from '../customers/customer-rows.repository.js';
import { appendOwnershipEvent, ownershipEventSeen } from '../customers/ownership-events.repository.js';
import { toOwnershipResult } from '../customers/ownership-view.js';
import type { Database } from '../db/database.js';
import { poolExists } from '../pools/pools.repository.js';
import { withdrawOpenQuotes } from '../customers/quote-withdrawal.js';

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

export interface Returned {
  result: OwnershipResult;
  /** A retry of a command that had committed: its result again, nothing written now. */
  replayed: boolean;
  /** The pool the customer went to (on a replay: the pool it is in now). */
  poolId: string;
}

/**
 * Null when the tenure moved on before the command (a stale command). A retry of one that
 * committed answers it again (so what follows it, a notice or the next assignment, still runs).
 */
export async function returnToPool(tx: Transaction<Database>, cmd: ReturnToPoolCommand): Promise<Returned | null> {
  // Locked first: an attempt still running beside its retry has committed or not by then.
  const customer = await lockCustomer(tx, cmd.customerId);
  if (await ownershipEventSeen(tx, cmd.idempotencyKey)) return { result: toOwnershipResult(customer), replayed: true, poolId: customer.pool_id };
  if (customer.owner_id !== cmd.ownerId || customer.tenure_id !== cmd.tenureId || customer.status !== 'owned') {
    return null;
  }
  // A pool named by the rules but deleted since: keep the customer's pool rather than fail forever.
  const target = cmd.poolId && (await poolExists(tx, cmd.poolId)) ? { id: cmd.poolId } : undefined;
  const updated = await updateCustomerVersioned(
    tx,
    customer.id,
    {
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
      deadline_actor_role: null,
      claimed_at: null,
      // Key is the owner's protection: the next owner marks it again within their own key quota.
      key_customer: false,
      reclaims: cmd.kind === 'reclaimed' ? sql`reclaims + 1` : sql`reclaims`,
    },
    { now: cmd.now, expectVersion: customer.version },
  );
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
      ...(customer.key_customer ? { keyCustomer: true } : {}),
      ...(cmd.poolId ? { pool: target?.id ?? customer.pool_id, ...(target ? {} : { poolMissing: cmd.poolId }) } : {}),
      ...cmd.details,
    },
    idempotency_key: cmd.idempotencyKey,
    at: cmd.now,
  });
  await withdrawOpenQuotes(tx, customer.id, cmd.tenureId, cmd.now);
  await endTenureCollaborations(tx, { customerId: customer.id, why: 'pool', by: cmd.actorId, tenureId: cmd.tenureId, at: cmd.now });
  const until = new Date(cmd.now.getTime() + cmd.cooldownMs);
  await tx
    .insertInto('cooldowns')
    .values({ rep_id: cmd.ownerId, customer_id: customer.id, until, reason: cmd.reason, created_at: cmd.now })
    .onConflict((oc) => oc.columns(['rep_id', 'customer_id']).doUpdateSet({ until, reason: cmd.reason, created_at: cmd.now }))
    .execute();
  return { result: toOwnershipResult(updated), replayed: false, poolId: updated.pool_id };
}
