// Stage transitions of an owned customer (R4): claimed → follow_up → inquiry → costing → quote →
// sample → won. Which move may follow which stage, and setting a stage with the deadline the
// reclaim rules give it.
import type { Transaction } from 'kysely';
import type { Stage } from '../../schemas/common.js';
import type { OwnershipResult } from '../../schemas/customers.js';
import { MOVES, type Move } from '../../schemas/stage-moves.js';
import { updateCustomerVersioned } from '../customers/customer-rows.repository.js';
import { withDeadline } from '../customers/ownership-view.js';
import type { Customer, Database, Rep } from '../db/database.js';
import type { Decisions } from '../decisions/decider.js';
import { deadlineColumns, decideDeadline } from '../decisions/reclaim.js';
import { AppError, ErrorCode } from '../errors.js';

// The shared move table (no runtime imports, for the UI) names only the API's stages.
void (MOVES satisfies Record<Move, readonly Stage[]>);

export function assertMove(move: Move, stage: string | null) {
  const from = MOVES[move] as readonly string[];
  if (!stage || !from.includes(stage)) {
    throw new AppError(
      ErrorCode.ILLEGAL_TRANSITION,
      `A customer in stage "${stage}" cannot move to "${move}"; ${move} follows ${from.map((s) => `"${s}"`).join(' or ')}.`,
      { from: stage, to: move, allowedFrom: from },
    );
  }
}

/** Sets the stage and the deadline the reclaim rules give it, recording the decision. */
export async function setStage(
  tx: Transaction<Database>,
  decisions: Decisions,
  customer: Customer,
  owner: Rep,
  stage: string,
  now: Date,
  trigger: string,
): Promise<OwnershipResult> {
  // Re-entering the same stage (another inquiry) keeps the stage's clock.
  const stageAt = stage === customer.stage ? customer.stage_at : now;
  const next: Customer = { ...customer, stage, stage_at: stageAt };
  const deadline = await decideDeadline(decisions, tx, next, owner, trigger, now, { customerId: customer.id, repId: owner.id, trigger, at: now });
  const updated = await updateCustomerVersioned(tx, customer.id, { stage, stage_at: stageAt, ...deadlineColumns(deadline, trigger, now) }, { now });
  return withDeadline(updated, deadline);
}
