// A manager gives the customer to another rep (R2): a new tenure, no cooldown for the former owner.
import type { Transaction } from 'kysely';
import type { OwnershipResult } from '../../schemas/customers.js';
import { updateCustomerVersioned } from '../customers/customer-rows.repository.js';
import { lockForOwnerAction } from '../customers/owner-action.js';
import { ownershipEventSeen } from '../customers/ownership-events.repository.js';
import { recordOwnerChange } from '../customers/collaboration-ends.js';
import { withDeadline } from '../customers/ownership-view.js';
import type { Database } from '../db/database.js';
import { decideCaps } from '../decisions/caps.js';
import type { Decisions } from '../decisions/decider.js';
import { deadlineColumns, decideDeadline } from '../decisions/reclaim.js';
import { AppError, ErrorCode } from '../errors.js';
import { withdrawOpenQuotes } from '../customers/quote-withdrawal.js';
import { lockRep } from '../reps/reps.repository.js';
import { insertStageEvent } from '../stages/stage-events.repository.js';
import { assertClaimAllowed } from './claim-checks.js';
import { replayedOwnership } from '../customers/replayed-ownership.js';
import { assertMayOwn } from '../reps/may-own.js';

export async function reassign(
  tx: Transaction<Database>,
  decisions: Decisions,
  cmd: { customerId: string; tenureId: string; ownerId: string; toRepId: string; newTenureId: string; actorId: string; reason: string; jobId?: string; idempotencyKey: string; now: Date },
): Promise<OwnershipResult> {
  if (await ownershipEventSeen(tx, cmd.idempotencyKey)) return replayedOwnership(tx, cmd.customerId);
  if (cmd.toRepId === cmd.ownerId) throw new AppError(ErrorCode.CONFLICT, 'The customer already belongs to this rep.');
  const to = await lockRep(tx, cmd.toRepId);
  assertMayOwn(to);
  const customer = await lockForOwnerAction(tx, cmd);
  const recordAs = { customerId: customer.id, repId: to.id, trigger: 'reassign', at: cmd.now };
  const caps = await decideCaps(decisions, tx, to, cmd.now, recordAs);
  // The target is checked as for an assignment, except the cooldown a manager may override.
  await assertClaimAllowed(tx, to, { ...customer, status: 'pool', owner_id: null }, cmd.now, caps, 'assign').catch((e: unknown) => {
    if (e instanceof AppError && e.code === ErrorCode.COOLDOWN) return;
    throw e;
  });
  await withdrawOpenQuotes(tx, customer.id, cmd.tenureId, cmd.now);
  const next = { ...customer, owner_id: to.id, tenure_id: cmd.newTenureId, claimed_at: cmd.now, stage: 'claimed', stage_at: cmd.now, key_customer: false, previous_owner_id: cmd.ownerId };
  const deadline = await decideDeadline(decisions, tx, next, to, 'claim', cmd.now, recordAs);
  const updated = await updateCustomerVersioned(
    tx,
    customer.id,
    { owner_id: to.id, tenure_id: cmd.newTenureId, claimed_at: cmd.now, stage: 'claimed', stage_at: cmd.now, key_customer: false, previous_owner_id: cmd.ownerId, ...deadlineColumns(deadline, 'claim', cmd.now) },
    { now: cmd.now },
  );
  await recordOwnerChange(tx, {
    customer_id: customer.id,
    kind: 'reassigned',
    from_rep_id: cmd.ownerId,
    to_rep_id: to.id,
    actor_id: cmd.actorId,
    reason: cmd.reason,
    tenure_id: cmd.newTenureId,
    details: { previousTenureId: cmd.tenureId, deadline: updated.deadline?.toISOString() ?? null, stageBefore: customer.stage, ...(cmd.jobId ? { jobId: cmd.jobId } : {}) },
    idempotency_key: cmd.idempotencyKey,
    at: cmd.now,
  });
  await insertStageEvent(tx, { customerId: customer.id, tenureId: cmd.newTenureId, from: null, to: 'claimed', repId: to.id, actorId: cmd.actorId, idempotencyKey: null, details: { reassigned: true }, at: cmd.now });
  return withDeadline(updated, deadline);
}
