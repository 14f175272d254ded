// Collaborations that end because of who the rep has become or where the customer went, not because
// someone removed them: the rep who owns a customer now is its owner, never also its collaborator
// (however it came to them: claimed, assigned, moved, split at a win), a deactivated rep collaborates
// nowhere, and a tenure's collaborations end with it (released, reclaimed, merged). Each end is in the
// customer's history, as a removal by hand is.
import type { Transaction } from 'kysely';
import { newId } from '../ids.js';
import type { Database } from '../db/database.js';
import { insertActivity } from './activities.repository.js';
import { type ActivityText, systemNote } from './activity-notes.js';
import { appendOwnershipEvent } from './ownership-events.repository.js';
import { repNames } from './rep-names.repository.js';

type OwnershipEvent = Parameters<typeof appendOwnershipEvent>[1];

/**
 * Records a change of owner (R12) and ends the new owner's collaboration on the customer: every
 * command that gives a customer to a rep records it here.
 *
 * @example
 * await recordOwnerChange(tx, { customer_id, kind: 'reassigned', from_rep_id, to_rep_id, actor_id, … });
 */
export async function recordOwnerChange(tx: Transaction<Database>, event: OwnershipEvent & { to_rep_id: string; at: Date }): Promise<void> {
  await appendOwnershipEvent(tx, event);
  const ended = await tx
    .updateTable('collaborators')
    .set({ removed_by: event.actor_id ?? null, removed_at: event.at })
    .where('customer_id', '=', event.customer_id)
    .where('rep_id', '=', event.to_rep_id)
    .where('removed_at', 'is', null)
    .returning('id')
    .execute();
  if (ended.length === 0) return;
  // `by`: who gave it to them (null: they claimed it, or the rules assigned it).
  const by = event.actor_id && event.actor_id !== event.to_rep_id ? event.actor_id : null;
  const text = { key: 'collaborator_removed', repId: event.to_rep_id, by, why: 'owner' } as const;
  await insertActivity(tx, { customerId: event.customer_id, repId: by ?? event.to_rep_id, kind: 'collaborator_removed', note: null, text, occurredAt: event.at, tenureId: event.tenure_id ?? null, idempotencyKey: null, at: event.at });
}

/**
 * Ends every collaboration of a rep being deactivated (`by`: who deactivated them), each with an
 * entry in its customer's history. Call it in the transaction that deactivates them.
 */
export async function endCollaborationsOf(tx: Transaction<Database>, repId: string, by: string, at: Date): Promise<void> {
  const ended = await tx.updateTable('collaborators').set({ removed_by: by, removed_at: at }).where('rep_id', '=', repId).where('removed_at', 'is', null).returning('customer_id').execute();
  if (ended.length === 0) return;
  const customers = await tx.selectFrom('customers').select(['id', 'tenure_id']).where('id', 'in', [...new Set(ended.map((e) => e.customer_id))]).execute();
  const text: ActivityText = { key: 'collaborator_removed', repId, by, why: 'deactivated' };
  const note = systemNote(text, await repNames(tx, [repId, by]));
  await tx
    .insertInto('customer_activities')
    .values(customers.map((c) => ({ id: newId(), customer_id: c.id, rep_id: by, kind: 'collaborator_removed', ...note, occurred_at: at, tenure_id: c.tenure_id, idempotency_key: null, created_at: at })))
    .execute();
}

/** How a tenure ended with its customer no longer anyone's: back in the pool (released, reclaimed), or merged into another customer. */
type TenureEnd = 'pool' | 'merged';

/**
 * Ends the collaborations of a tenure that ended (R1): a collaborator added by the owner's side
 * works the tenure, not the customer, so when the customer goes back to the pool (released,
 * reclaimed, handed over or moved to it) or is merged away, every active collaboration ends in the
 * same transaction, each with an entry in the customer's history. A joint follow-up still open
 * lives on pool customers: its participants stay, unless the customer is merged, which closes it
 * first. Owner changes keep the collaborators (recordOwnerChange ends only the new owner's own row).
 *
 * @example
 * await endTenureCollaborations(tx, { customerId, why: 'pool', by: actorId, tenureId, at: now });
 */
export async function endTenureCollaborations(tx: Transaction<Database>, end: { customerId: string; why: TenureEnd; by: string | null; tenureId: string | null; at: Date }): Promise<void> {
  const { customerId, why, by, at } = end;
  if (why === 'merged') {
    // A merged customer's joint follow-up can never close (the close is refused): it ends here, with no split and no assignment.
    const outcome = { kind: 'merged', repId: null, reason: 'merged into another customer' };
    const closed = await tx
      .updateTable('joint_follow_ups')
      .set({ closed_by: by, closed_at: at, outcome: JSON.stringify(outcome) })
      .where('customer_id', '=', customerId)
      .where('closed_at', 'is', null)
      .returning('opened_by')
      .execute();
    for (const joint of closed) {
      await insertActivity(tx, { customerId, repId: by ?? joint.opened_by, kind: 'joint_closed', note: null, text: { key: 'joint_merged' }, occurredAt: at, tenureId: null, idempotencyKey: null, at });
    }
  }
  const ended = await tx
    .updateTable('collaborators')
    .set({ removed_by: by, removed_at: at })
    .where('customer_id', '=', customerId)
    .where('removed_at', 'is', null)
    .where((eb) => eb.or([eb('joint_id', 'is', null), eb('joint_id', 'not in', eb.selectFrom('joint_follow_ups').select('id').where('customer_id', '=', customerId).where('closed_at', 'is', null))]))
    .returning('rep_id')
    .execute();
  if (ended.length === 0) return;
  const names = await repNames(tx, [...ended.map((e) => e.rep_id), ...(by ? [by] : [])]);
  await tx
    .insertInto('customer_activities')
    .values(
      ended.map((e) => {
        const text: ActivityText = { key: 'collaborator_removed', repId: e.rep_id, by, why };
        // Nobody ended it at a reclaim: the entry is the collaborator's, as the history names who it concerns.
        return { id: newId(), customer_id: customerId, rep_id: by ?? e.rep_id, kind: 'collaborator_removed', ...systemNote(text, names), occurred_at: at, tenure_id: end.tenureId, idempotency_key: null, created_at: at };
      }),
    )
    .execute();
}
