// The tenure's state as the workflow keeps it, and as it is built from what the database answers.
import { upsertSearchAttributes, uuid4 } from '@temporalio/workflow';
import type { OwnershipResult } from '../schemas/customers.js';
import { DeadlineAttribute, type LifecycleState, OwnerAttribute, StageAttribute } from './shared.js';

/** A tenure nobody has taken yet: a claim or an assignment decides it. */
export function newTenureState(customerId: string): LifecycleState {
  return { customerId, tenureId: uuid4(), ownerId: null, stage: null, grade: null, deadline: null, deadlineKind: null, seq: 0, ended: null };
}

/** Takes the ownership the database answered, and shows it to operators as search attributes. */
export function applyOwnership(state: LifecycleState, r: OwnershipResult): void {
  state.ownerId = r.ownerId;
  state.stage = r.stage;
  state.grade = r.grade;
  state.deadline = r.deadline ? Date.parse(r.deadline) : null;
  state.deadlineKind = r.deadlineKind;
  state.deadlineReason = r.deadlineReason ?? null;
  state.cooldownMs = r.cooldownMs ?? null;
  state.warnAt = r.warnAt ? Date.parse(r.warnAt) : null;
  state.reclaimPool = r.reclaimPool ?? null;
  showOwnership(state);
}

/** Shows the tenure's owner, stage and deadline to operators (and the reconciler) as search attributes. */
export function showOwnership(state: LifecycleState): void {
  upsertSearchAttributes([
    { key: StageAttribute, value: state.stage ?? 'pool' },
    { key: OwnerAttribute, value: state.ownerId },
    { key: DeadlineAttribute, value: state.deadline === null ? null : new Date(state.deadline) },
  ]);
}

/** The new owner's tenure after a reassignment, as the database now holds it; a new run continues it. */
export function reassignedState(customerId: string, newTenureId: string, result: OwnershipResult): LifecycleState {
  return {
    customerId,
    // The tenure the database holds: the same id, also when a retried update finds its
    // transaction already committed.
    tenureId: result.tenureId ?? newTenureId,
    ownerId: result.ownerId,
    stage: result.stage,
    grade: result.grade,
    deadline: result.deadline ? Date.parse(result.deadline) : null,
    deadlineKind: result.deadlineKind,
    deadlineReason: result.deadlineReason,
    cooldownMs: result.cooldownMs,
    warnAt: result.warnAt ? Date.parse(result.warnAt) : null,
    reclaimPool: result.reclaimPool,
    approval: null,
    seq: 0,
    ended: null,
  };
}

/** What a release answers when the database reports no row of its own: the customer in the pool. */
export function releasedResult(state: LifecycleState, workflowId: string): OwnershipResult {
  return {
    customerId: state.customerId,
    ownerId: null,
    status: 'pool',
    stage: null,
    grade: state.grade,
    deadline: null,
    deadlineKind: null,
    deadlineReason: null,
    warnAt: null,
    cooldownMs: null,
    reclaimPool: null,
    tenureId: null,
    workflowId,
  };
}
