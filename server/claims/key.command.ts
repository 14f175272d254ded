// Marks or unmarks a key customer (紧密客户); the key quota comes from the caps rules.
import type { Transaction } from 'kysely';
import type { OwnershipResult } from '../../schemas/customers.js';
import { ownedCount } from '../customers/customer-rows.repository.js';
import { lockForOwnerAction } from '../customers/owner-action.js';
import { toOwnershipResult } from '../customers/ownership-view.js';
import type { Database } from '../db/database.js';
import { decideCaps } from '../decisions/caps.js';
import type { Decisions } from '../decisions/decider.js';
import { AppError, ErrorCode } from '../errors.js';
import { lockRep } from '../reps/reps.repository.js';
import { setStage } from '../stages/stage-moves.js';

export async function setKey(
  tx: Transaction<Database>,
  decisions: Decisions,
  cmd: { customerId: string; tenureId: string; ownerId: string; actorId: string; key: boolean; now: Date },
): Promise<OwnershipResult> {
  const owner = await lockRep(tx, cmd.ownerId);
  const customer = await lockForOwnerAction(tx, cmd);
  if (customer.key_customer === cmd.key) return toOwnershipResult(customer);
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
  await tx.updateTable('customers').set({ key_customer: cmd.key }).where('id', '=', customer.id).execute();
  return setStage(tx, decisions, { ...customer, key_customer: cmd.key }, owner, customer.stage ?? 'claimed', cmd.now, 'key_change');
}
