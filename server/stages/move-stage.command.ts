// Inquiry, costing, a sample made or sent: logged, stage set, deadline re-decided (R4).
import type { Transaction } from 'kysely';
import type { OwnershipResult } from '../../schemas/customers.js';
import type { Move } from '../../schemas/stage-moves.js';
import { insertActivity } from '../customers/activities.repository.js';
import { lockForOwnerAction } from '../customers/owner-action.js';
import type { Database } from '../db/database.js';
import type { Decisions } from '../decisions/decider.js';
import { repRow } from '../reps/reps.repository.js';
import { insertStageEvent, stageEventSeen } from './stage-events.repository.js';
import { assertMove, setStage } from './stage-moves.js';
import { replayedOwnership } from '../customers/replayed-ownership.js';

export interface MoveCommand {
  customerId: string;
  tenureId: string;
  ownerId: string;
  actorId: string;
  idempotencyKey: string;
  move: Exclude<Move, 'won' | 'quote'>;
  note?: string | undefined;
  details?: Record<string, unknown>;
  now: Date;
}

export async function moveStage(tx: Transaction<Database>, decisions: Decisions, cmd: MoveCommand): Promise<OwnershipResult> {
  if (await stageEventSeen(tx, cmd.idempotencyKey)) return replayedOwnership(tx, cmd.customerId);
  const customer = await lockForOwnerAction(tx, cmd);
  assertMove(cmd.move, customer.stage);
  const owner = await repRow(tx, cmd.ownerId);
  const kind = cmd.move === 'sample' ? `sample_${String(cmd.details?.kind ?? 'make')}` : cmd.move;
  // An inquiry logged later says when the buyer asked; the history places it there.
  const at = typeof cmd.details?.occurredAt === 'string' ? new Date(cmd.details.occurredAt) : cmd.now;
  await insertActivity(tx, { customerId: customer.id, repId: cmd.actorId, kind, note: cmd.note ?? null, occurredAt: Number.isNaN(at.getTime()) ? cmd.now : at, tenureId: cmd.tenureId, idempotencyKey: cmd.idempotencyKey, at: cmd.now });
  await insertStageEvent(tx, { customerId: customer.id, tenureId: customer.tenure_id, from: customer.stage, to: cmd.move, repId: cmd.ownerId, actorId: cmd.actorId, idempotencyKey: cmd.idempotencyKey, details: cmd.details, at: cmd.now });
  return setStage(tx, decisions, customer, owner, cmd.move, cmd.now, 'stage_change');
}
