// After a new reclaim policy is published: the deadline the new rules would have set at the moment
// (and for the trigger) that set the current one — so a fresh claim keeps its first-follow-up
// deadline and a stage deadline still counts from the stage. Recorded as a policy change.
import type { Transaction } from 'kysely';
import type { OwnershipResult } from '../../schemas/customers.js';
import { lockCustomer, updateCustomerVersioned } from '../customers/customer-rows.repository.js';
import { withDeadline } from '../customers/ownership-view.js';
import type { Customer, Database, Rep } from '../db/database.js';
import type { Decisions } from '../decisions/decider.js';
import { deadlineColumns, deadlineSetBy, decideDeadline } from '../decisions/reclaim.js';
import { repRow } from '../reps/reps.repository.js';

export async function redecideDeadline(
  tx: Transaction<Database>,
  decisions: Decisions,
  cmd: { customerId: string; tenureId: string; ownerId: string; trigger: 'policy_change'; now: Date },
): Promise<OwnershipResult | null> {
  const customer = await lockCustomer(tx, cmd.customerId);
  // Null: the database has moved past this tenure (a command whose workflow task failed after its
  // transaction committed); the tenure's state must not take another tenure's row.
  if (customer.status !== 'owned' || customer.tenure_id !== cmd.tenureId || customer.owner_id !== cmd.ownerId) return null;
  const owner = await repRow(tx, cmd.ownerId);
  const { deadline, columns } = await deadlineAsSet(tx, decisions, customer, owner, { trigger: cmd.trigger, at: cmd.now });
  const updated = await updateCustomerVersioned(tx, customer.id, columns, { now: cmd.now });
  return withDeadline(updated, deadline);
}

/**
 * The deadline the rules give `customer` (as it is now: a new policy, a key flag changed) for the
 * trigger and at the moment that set its current deadline, recorded as `record.trigger`: a claim
 * keeps its first-follow-up deadline and a cadence still counts from the last follow-up, so no
 * change that is not work moves the clock.
 */
export async function deadlineAsSet(tx: Transaction<Database>, decisions: Decisions, customer: Customer, owner: Rep, record: { trigger: string; at: Date }) {
  const { trigger, from, actorRole } = deadlineSetBy(customer, record.at);
  const deadline = await decideDeadline(decisions, tx, customer, owner, trigger, from, { customerId: customer.id, repId: owner.id, trigger: record.trigger, at: record.at }, actorRole);
  return { deadline, columns: deadlineColumns(deadline, trigger, from, actorRole) };
}
