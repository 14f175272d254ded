// A customer worked together is won (issue 15 §1): the owner's and each collaborator's contribution
// over the tenure is recorded, and the collaborations end (the won customer stays with its owner).
import type { Transaction } from 'kysely';
import type { Customer, Database } from '../db/database.js';
import { insertActivity } from '../customers/activities.repository.js';
import { endCollaborations } from './collaborators.repository.js';
import { insertContributions, measureContributions } from './contributions.js';

export async function recordWonSplit(tx: Transaction<Database>, customer: Customer, ownerId: string, actorId: string, now: Date): Promise<void> {
  const since = customer.claimed_at ?? customer.created_at;
  // Everyone who collaborated during this tenure, including those removed before the win.
  const rows = await tx
    .selectFrom('collaborators')
    .select('rep_id')
    .distinct()
    .where('customer_id', '=', customer.id)
    .where((eb) => eb.or([eb('removed_at', 'is', null), eb('removed_at', '>=', since)]))
    .where('rep_id', '!=', ownerId)
    .execute();
  if (rows.length === 0) return;
  const list = await measureContributions(tx, customer.id, [{ repId: ownerId, role: 'owner' }, ...rows.map((r) => ({ repId: r.rep_id, role: 'collaborator' as const }))], since);
  await insertContributions(tx, { customerId: customer.id, occasion: 'won', jointId: null, at: now }, list);
  await endCollaborations(tx, customer.id, actorId, now);
  const split = list.map((c) => `${c.repId} ${Math.round(c.share * 100)}%`).join(', ');
  await insertActivity(tx, { customerId: customer.id, repId: actorId, kind: 'contributions_recorded', note: `Won together: ${split}`, occurredAt: now, tenureId: customer.tenure_id, idempotencyKey: null, at: now });
}
