// The owner (or a collaborator, issue 15 §1) logs a contact (R3, R4): re-graded by the grading rules,
// next deadline from the reclaim rules, which see who acted as `actor.role`.
import type { Transaction } from 'kysely';
import type { Grade } from '../../schemas/common.js';
import type { OwnershipResult } from '../../schemas/customers.js';
import { isCollaborator } from '../customers/collaborator-rows.js';
import { activityKeySeen, insertActivity } from '../customers/activities.repository.js';
import { lockCustomer, updateCustomerVersioned } from '../customers/customer-rows.repository.js';
import { withDeadline } from '../customers/ownership-view.js';
import type { Customer, Database } from '../db/database.js';
import type { Decisions } from '../decisions/decider.js';
import { decideGrade } from '../decisions/grading.js';
import { deadlineColumns, decideDeadline } from '../decisions/reclaim.js';
import { AppError, ErrorCode } from '../errors.js';
import { repRow } from '../reps/reps.repository.js';
import { insertStageEvent } from '../stages/stage-events.repository.js';
import { replayedOwnership } from '../customers/replayed-ownership.js';

export interface FollowUpCommand {
  customerId: string;
  repId: string;
  /** Set when the rep is a collaborator rather than the owner. */
  actorRole?: 'collaborator' | 'manager' | undefined;
  tenureId: string;
  idempotencyKey: string;
  kind: string;
  note?: string | undefined;
  occurredAt: Date;
  grade?: Grade | undefined;
  expectedCloseDays?: number | undefined;
  noDemand?: boolean | undefined;
  now: Date;
}

export async function recordFollowUp(tx: Transaction<Database>, decisions: Decisions, cmd: FollowUpCommand): Promise<OwnershipResult> {
  if (await activityKeySeen(tx, cmd.idempotencyKey)) return replayedOwnership(tx, cmd.customerId);

  const customer = await lockCustomer(tx, cmd.customerId);
  if (customer.tenure_id !== cmd.tenureId || customer.status !== 'owned' || customer.owner_id === null) {
    throw new AppError(ErrorCode.NOT_OWNER, 'Only the current owner can log follow-ups on this customer.', { customerId: customer.id });
  }
  if (cmd.actorRole ? !(await isCollaborator(tx, customer.id, cmd.repId)) : customer.owner_id !== cmd.repId) {
    throw new AppError(ErrorCode.NOT_OWNER, cmd.actorRole ? 'You are no longer a collaborator on this customer.' : 'Only the current owner can log follow-ups on this customer.', { customerId: customer.id });
  }
  const owner = await repRow(tx, customer.owner_id);
  await insertActivity(tx, { customerId: customer.id, repId: cmd.repId, kind: cmd.kind, note: cmd.note ?? null, occurredAt: cmd.occurredAt, tenureId: cmd.tenureId, idempotencyKey: cmd.idempotencyKey, at: cmd.now });

  let next: Customer = {
    ...customer,
    stage: customer.stage === 'claimed' ? 'follow_up' : customer.stage,
    stage_at: customer.stage === 'claimed' ? cmd.now : customer.stage_at,
    follow_ups: customer.follow_ups + 1,
    // The latest follow-up: one logged now that happened before it leaves it where it is.
    last_follow_up_at: customer.last_follow_up_at && customer.last_follow_up_at.getTime() > cmd.occurredAt.getTime() ? customer.last_follow_up_at : cmd.occurredAt,
    rep_grade: cmd.grade ?? customer.rep_grade,
    expected_close_days: cmd.expectedCloseDays ?? customer.expected_close_days,
    no_demand: cmd.noDemand ?? customer.no_demand,
  };
  const recordAs = { customerId: customer.id, repId: cmd.repId, trigger: 'follow_up', at: cmd.now };
  const grading = await decideGrade(decisions, tx, next, cmd.now, recordAs);
  next = { ...next, grade: grading.outcome?.grade ?? next.grade };
  const deadline = await decideDeadline(decisions, tx, next, owner, 'follow_up', cmd.now, recordAs, cmd.actorRole ?? 'owner');

  const updated = await updateCustomerVersioned(
    tx,
    customer.id,
    {
      stage: next.stage,
      stage_at: next.stage_at,
      grade: next.grade,
      follow_ups: next.follow_ups,
      last_follow_up_at: next.last_follow_up_at,
      rep_grade: next.rep_grade,
      expected_close_days: next.expected_close_days,
      no_demand: next.no_demand,
      ...deadlineColumns(deadline, 'follow_up', cmd.now, cmd.actorRole ?? 'owner'),
    },
    { now: cmd.now, expectVersion: customer.version },
  );
  if (customer.stage === 'claimed') {
    await insertStageEvent(tx, { customerId: customer.id, tenureId: cmd.tenureId, from: 'claimed', to: 'follow_up', repId: owner.id, actorId: cmd.repId, idempotencyKey: `${cmd.idempotencyKey}/stage`, details: { kind: cmd.kind }, at: cmd.now });
  }
  return withDeadline(updated, deadline);
}
