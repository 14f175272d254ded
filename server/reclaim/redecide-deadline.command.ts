// After a new reclaim policy is published: the deadline the new rules would have set at the moment
// (and for the trigger) that set the current one — so a fresh claim keeps its first-follow-up
// deadline and a stage deadline still counts from the stage. Recorded as a policy change.
import type { Transaction } from 'kysely';
import type { OwnershipResult } from '../../schemas/customers.js';
import { lockCustomer, updateCustomerVersioned } from '../customers/customer-rows.repository.js';
import { withDeadline } from '../customers/ownership-view.js';
import type { Database } from '../db/database.js';
import type { Decisions } from '../decisions/decider.js';
import { deadlineColumns, decideDeadline } from '../decisions/reclaim.js';
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
  const trigger = customer.deadline_trigger ?? 'claim';
  const at = customer.deadline_from ?? customer.claimed_at ?? cmd.now;
  const deadline = await decideDeadline(decisions, tx, customer, owner, trigger, at, { customerId: customer.id, repId: owner.id, trigger: cmd.trigger, at: cmd.now });
  const updated = await updateCustomerVersioned(tx, customer.id, deadlineColumns(deadline, trigger, at), { now: cmd.now });
  return withDeadline(updated, deadline);
}
