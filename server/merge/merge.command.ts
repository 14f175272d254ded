// An admin merges two records of one company (R8): the survivor takes the absorbed customer's
// identities and fills its empty contact fields; the absorbed one becomes "merged".
import { type Kysely, type Transaction, sql } from 'kysely';
import { endTenureCollaborations } from '../customers/collaboration-ends.js';
import { lockCustomer, updateCustomerVersioned } from '../customers/customer-rows.repository.js';
import { appendOwnershipEvent, ownershipEventSeen } from '../customers/ownership-events.repository.js';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import { withdrawOpenQuotes } from '../customers/quote-withdrawal.js';

/**
 * Merges `absorbedId` into `survivorId`: the survivor takes the absorbed customer's identities and
 * fills its empty contact fields; the absorbed one becomes "merged" (its owner, if any, loses it
 * without a cooldown, and its collaborators stop collaborating on it). History stays where it was written and is read across the link.
 */
export async function merge(
  tx: Transaction<Database>,
  cmd: { absorbedId: string; survivorId: string; actorId: string; expectedTenureId: string | null; idempotencyKey: string; now: Date },
): Promise<{ survivorId: string; absorbedOwner: string | null }> {
  if (await ownershipEventSeen(tx, `${cmd.idempotencyKey}/absorbed`)) return { survivorId: cmd.survivorId, absorbedOwner: null };
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
  // The absorbed customer's collaborations end with it; the survivor's stay with the survivor.
  await endTenureCollaborations(tx, { customerId: absorbed.id, why: 'merged', by: cmd.actorId, tenureId: absorbed.tenure_id, at: cmd.now });
  await tx.updateTable('customer_identities').set({ customer_id: survivor.id }).where('customer_id', '=', absorbed.id).execute();
  await updateCustomerVersioned(
    tx,
    survivor.id,
    {
      contact_name: survivor.contact_name ?? absorbed.contact_name,
      email: survivor.email ?? absorbed.email,
      phone: survivor.phone ?? absorbed.phone,
      website: survivor.website ?? absorbed.website,
      country: survivor.country ?? absorbed.country,
      region: survivor.region ?? absorbed.region,
      follow_ups: sql`follow_ups + ${absorbed.follow_ups}`,
      reclaims: sql`reclaims + ${absorbed.reclaims}`,
    },
    { now: cmd.now },
  );
  await updateCustomerVersioned(
    tx,
    absorbed.id,
    { status: 'merged', merged_into_id: survivor.id, owner_id: null, tenure_id: null, stage: null, deadline: null, deadline_kind: null, key_customer: false },
    { now: cmd.now },
  );
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

/** The merge in a transaction of its own (a customer no tenure holds, so no workflow is involved). */
export const mergeNow = (db: Kysely<Database>, cmd: Parameters<typeof merge>[1]) => db.transaction().execute((tx) => merge(tx, cmd));
