// Marks or unmarks a key customer (紧密客户); the key quota comes from the caps rules.
import type { Transaction } from 'kysely';
import type { OwnershipResult } from '../../schemas/customers.js';
import { ownedCount, updateCustomerVersioned } from '../customers/customer-rows.repository.js';
import { lockForOwnerAction } from '../customers/owner-action.js';
import { withDeadline } from '../customers/ownership-view.js';
import { replayedOwnership } from '../customers/replayed-ownership.js';
import type { Database } from '../db/database.js';
import { decideCaps } from '../decisions/caps.js';
import type { Decisions } from '../decisions/decider.js';
import { AppError, ErrorCode } from '../errors.js';
import { lockRep } from '../reps/reps.repository.js';
import { deadlineAsSet } from '../reclaim/redecide-deadline.command.js';

export async function setKey(
  tx: Transaction<Database>,
  decisions: Decisions,
  cmd: { customerId: string; tenureId: string; ownerId: string; actorId: string; key: boolean; now: Date },
): Promise<OwnershipResult> {
  const owner = await lockRep(tx, cmd.ownerId);
  const customer = await lockForOwnerAction(tx, cmd);
  // Set already (a second click, a retry): the answer is the deadline as its decision set it.
  if (customer.key_customer === cmd.key) return replayedOwnership(tx, customer.id);
  if (cmd.key) {
    // A check, not an act: the quota is read, not recorded (as for the API's early refusals).
    const caps = await decideCaps(decisions, tx, owner, cmd.now);
    const keys = await ownedCount(tx, owner.id, { key: true });
    if (keys >= caps.outcome.keyMax) {
      throw new AppError(ErrorCode.KEY_CAP_REACHED, `${owner.name} already has ${keys} key customers, the key quota; unmark one first.`, {
        cap: caps.outcome.keyMax,
        count: keys,
        rule: caps.outcome.rule,
      });
    }
  }
  // Re-decided as of what set the deadline (a claim, the last follow-up, a stage), never from now:
  // marking and unmarking is not work, so it neither skips the first follow-up nor restarts a cadence.
  const { deadline, columns } = await deadlineAsSet(tx, decisions, { ...customer, key_customer: cmd.key }, owner, { trigger: 'key_change', at: cmd.now });
  if (!cmd.key && deadline.outcome.kind === 'deadline' && deadline.outcome.deadline <= cmd.now) {
    // Unmarked, the customer's own cadence has run out: refused rather than reclaimed on the spot.
    throw new AppError(ErrorCode.DEADLINE_WOULD_PASS, `Without the key flag this customer's ${deadline.outcome.name.replaceAll('_', ' ')} deadline would have passed (${deadline.outcome.deadline.toISOString()}); log a follow-up first, then unmark it.`, {
      deadline: deadline.outcome.deadline.toISOString(),
      deadlineKind: deadline.outcome.name,
    });
  }
  const updated = await updateCustomerVersioned(tx, customer.id, { key_customer: cmd.key, ...columns }, { now: cmd.now });
  return withDeadline(updated, deadline);
}
