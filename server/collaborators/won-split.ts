// A customer worked together is won (issue 15 §1): the owner's and each collaborator's contribution
// over the tenure is recorded, the collaborations end, and the assignment rules decide with the
// trigger `collaboration_end` who keeps the won customer. The tenure ended at the win, so a move is
// a versioned update of the owner with an ownership event; no workflow holds the owner any more.
import type { Transaction } from 'kysely';
import type { Customer, Database } from '../db/database.js';
import { insertActivity } from '../customers/activities.repository.js';
import { type ActivityText, sharesOf } from '../customers/activity-notes.js';
import { updateCustomerVersioned } from '../customers/customer-rows.repository.js';
import { recordOwnerChange } from '../customers/collaboration-ends.js';
import { pickAssignee } from '../decisions/assignment.js';
import type { Decisions } from '../decisions/decider.js';
import { endCollaborations } from './collaborators.repository.js';
import { insertContributions, measureContributions } from './contributions.js';

export interface WonSplit {
  customer: Customer;
  ownerId: string;
  actorId: string;
  idempotencyKey: string;
  now: Date;
}

/**
 * Records the split of a won customer (`customer` as the win left it) and lets the rules move it to
 * a contributor. Returns the row afterwards.
 */
export async function recordWonSplit(tx: Transaction<Database>, decisions: Decisions, cmd: WonSplit): Promise<Customer> {
  const { customer, ownerId, actorId, now } = cmd;
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
  if (rows.length === 0) return customer;
  const list = await measureContributions(tx, customer.id, [{ repId: ownerId, role: 'owner' }, ...rows.map((r) => ({ repId: r.rep_id, role: 'collaborator' as const }))], since);
  await insertContributions(tx, { customerId: customer.id, occasion: 'won', jointId: null, at: now }, list);
  await endCollaborations(tx, customer.id, actorId, now);
  const pick = await pickAssignee(tx, decisions, customer, { type: 'collaboration_end', previousOwnerId: ownerId }, now, list);
  // The rules picked nobody, the pool or the owner: the owner keeps it.
  const to = pick.kind === 'rep' && pick.repId !== ownerId ? pick.repId : null;
  const text: ActivityText = { key: 'won_together', split: sharesOf(list), to: to ? { kind: 'rep', repId: to } : { kind: 'stays', repId: ownerId }, reason: pick.reason, why: pick.why };
  await insertActivity(tx, { customerId: customer.id, repId: actorId, kind: 'contributions_recorded', note: null, text, occurredAt: now, tenureId: customer.tenure_id, idempotencyKey: null, at: now });
  if (!to) return customer;
  const moved = await updateCustomerVersioned(tx, customer.id, { owner_id: to, previous_owner_id: ownerId }, { now });
  const { ruleSet, fired } = pick.decision;
  await recordOwnerChange(tx, {
    customer_id: customer.id,
    kind: 'reassigned',
    from_rep_id: ownerId,
    to_rep_id: to,
    actor_id: actorId,
    reason: pick.reason,
    tenure_id: customer.tenure_id,
    rule_version: ruleSet ? `assignment@${ruleSet.version}` : null,
    details: { won: true, trigger: 'collaboration_end', decision: 'assignment', ruleSetId: ruleSet?.id ?? null, firedRules: fired.map((f) => f.name), shares: Object.fromEntries(list.map((c) => [c.repId, c.share])) },
    idempotency_key: `${cmd.idempotencyKey}/won-split`,
    at: now,
  });
  return moved;
}

