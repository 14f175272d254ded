// The deal is closed: won, protected, never reclaimed; the owner keeps it outside their caps. Worked
// together, each one's contribution is recorded, the collaborations end and the assignment rules
// (trigger collaboration_end) may give it to the top contributor.
import type { Transaction } from 'kysely';
import type { OwnershipResult } from '../../schemas/customers.js';
import { updateCustomerVersioned } from '../customers/customer-rows.repository.js';
import { lockForOwnerAction } from '../customers/owner-action.js';
import { appendOwnershipEvent } from '../customers/ownership-events.repository.js';
import { toOwnershipResult } from '../customers/ownership-view.js';
import type { Customer, Database } from '../db/database.js';
import type { Decisions } from '../decisions/decider.js';
import { decideDeadline } from '../decisions/reclaim.js';
import { repRow } from '../reps/reps.repository.js';
import { insertStageEvent, stageEventSeen } from './stage-events.repository.js';
import { assertMove } from './stage-moves.js';
import { recordWonSplit } from '../collaborators/won-split.js';
import { replayedOwnership } from '../customers/replayed-ownership.js';
import { withdrawOpenQuotes } from '../customers/quote-withdrawal.js';

export interface WonCommand {
  customerId: string;
  tenureId: string;
  ownerId: string;
  actorId: string;
  idempotencyKey: string;
  orderValueUsd?: number | undefined;
  note?: string | undefined;
  now: Date;
}

export async function win(tx: Transaction<Database>, decisions: Decisions, cmd: WonCommand): Promise<OwnershipResult> {
  if (await stageEventSeen(tx, cmd.idempotencyKey)) return replayedOwnership(tx, cmd.customerId);
  const customer = await lockForOwnerAction(tx, cmd);
  assertMove('won', customer.stage);
  const owner = await repRow(tx, cmd.ownerId);
  await insertStageEvent(tx, { customerId: customer.id, tenureId: customer.tenure_id, from: customer.stage, to: 'won', repId: cmd.ownerId, actorId: cmd.actorId, idempotencyKey: cmd.idempotencyKey, details: { orderValueUsd: cmd.orderValueUsd ?? null }, at: cmd.now });
  await appendOwnershipEvent(tx, {
    customer_id: customer.id,
    kind: 'won',
    from_rep_id: cmd.ownerId,
    to_rep_id: cmd.ownerId,
    actor_id: cmd.actorId,
    reason: cmd.note ?? 'deal closed',
    tenure_id: cmd.tenureId,
    details: { orderValueUsd: cmd.orderValueUsd ?? null, stage: customer.stage },
    idempotency_key: `${cmd.idempotencyKey}/won`,
    at: cmd.now,
  });
  // The tenure ends here, as at a release: a quote still awaiting approval lapses with it.
  await withdrawOpenQuotes(tx, customer.id, cmd.tenureId, cmd.now);
  const won: Customer = { ...customer, status: 'won', stage: 'won', won_at: cmd.now };
  // The reclaim rules see a won customer; the shipped ones exempt it. Recorded like any decision.
  await decideDeadline(decisions, tx, won, owner, 'stage_change', cmd.now, { customerId: customer.id, repId: owner.id, trigger: 'won', at: cmd.now });
  const updated = await updateCustomerVersioned(tx, customer.id, { status: 'won', stage: 'won', won_at: cmd.now, key_customer: false, deadline: null, deadline_kind: null }, { now: cmd.now });
  const after = await recordWonSplit(tx, decisions, { customer: updated, ownerId: cmd.ownerId, actorId: cmd.actorId, idempotencyKey: cmd.idempotencyKey, now: cmd.now });
  return toOwnershipResult(after);
}
