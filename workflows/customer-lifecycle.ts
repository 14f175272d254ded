// One customer tenure (README "How the guarantees are kept"): claimed or assigned by
// update-with-start, moved through its stages by updates, warned before and reclaimed at its
// deadline by durable timers. The tenure's state and commands are the Tenure class (tenure.ts);
// this file wires its handlers and runs the deadline.
// Logic added after v1 runs behind patched() so histories of running tenures still replay.
import { ActivityFailure, ApplicationFailure, allHandlersFinished, condition, continueAsNew, log, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { unwrap } from './refusals.js';
import { localActs, remoteActs } from './tenure-activities.js';
import { newTenureState, showOwnership } from './tenure-state.js';
import { warnBeforeDeadline, watchApproval } from './tenure-timers.js';
import { Tenure, type TenureHandlers } from './tenure.js';
import {
  type AssignInput,
  type LifecycleInput,
  type LifecycleState,
  type TenureCommand,
  type TenureInput,
  type TenureEnd,
  assignUpdate,
  claimUpdate,
  policyChangedSignal,
  stateQuery,
  tenureCommands,
  tenureUpdates,
} from './shared.js';

/** Pause before the n-th retry of the deadline's reclaim: 0.5 s doubling to 5 s. */
const reclaimBackoffMs = (n: number) => Math.min(500 * 2 ** n, 5000);

/** One tenure command's update, handled by the Tenure's method of the same name. */
function wire<K extends TenureCommand>(tenure: Tenure, command: K): void {
  const handlers: TenureHandlers = tenure;
  const handler = (i: TenureInput<K>) => handlers[command](i);
  // The SDK's handler type cannot be resolved for a generic K; TenureHandlers has checked it.
  setHandler(tenureUpdates[command], handler as never, { validator: (i: TenureInput<K>) => tenure.validate(command, i) });
}

export async function customerLifecycle(input: LifecycleInput): Promise<{ end: TenureEnd; state: LifecycleState }> {
  // The one patch marker a new run records; every later change keys on it (tenure-activities.ts).
  const local = patched('local-activities');
  // Commands wait for the lock only as long as their caller waits (runs started by this code).
  const bounded = patched('bounded-commands');
  const tenure = new Tenure(input.carry ?? newTenureState(input.customerId), local ? localActs : remoteActs, bounded);
  const { state, lock, acts } = tenure;
  // A run continuing a tenure (a reassignment's new owner) inherits the last run's search
  // attributes: they show the new owner from its first task (runs started by this code).
  if (input.carry && patched('carry-search-attributes')) showOwnership(state);

  setHandler(stateQuery, () => state);
  setHandler(claimUpdate, (i) => tenure.claim(i), { validator: (i) => tenure.validateTake(i) });
  setHandler(assignUpdate, (i) => tenure.assign(i), { validator: (i) => tenure.validateTake(i) });
  for (const command of tenureCommands) wire(tenure, command);
  setHandler(policyChangedSignal, () => tenure.policyChanged());
  if (state.approval) watchApproval(tenure, state.approval);

  // A tenure the assignment rules started after a reclaim: give it to the picked rep first.
  if (input.assignTo) {
    const assignTo = input.assignTo;
    await lock.runExclusive(async () => {
      try {
        tenure.apply(await unwrap(acts.assignCustomer({ ...assignTo, customerId: state.customerId, tenureId: state.tenureId, idempotencyKey: tenure.nextKey() })));
      } catch (e) {
        // Refused, or the database did not answer in time: the customer stays in the pool (a
        // commit the workflow did not hear of is repaired by the reconciler).
        if (!(e instanceof ApplicationFailure)) throw e;
      }
    });
    if (state.ownerId === null) {
      state.ended = 'not_assigned';
      return { end: state.ended, state };
    }
  } else if (!input.carry) {
    // A run started by a claim that was refused ends at once; the pool stays as it was. (A claim
    // the validator rejected never reaches the handler, hence the bound.)
    await condition(
      () => state.ownerId !== null || (tenure.claimsSeen > 0 && !lock.isLocked() && allHandlersFinished()),
      '1 minute',
    );
    await condition(() => state.ownerId !== null || (!lock.isLocked() && allHandlersFinished()));
    if (state.ownerId === null) {
      state.ended = 'not_claimed';
      return { end: state.ended, state };
    }
  }

  let nextTenure: AssignInput | null = null;
  // The reclaim of the current deadline, keyed once: a retry after a failed attempt finds the
  // work an attempt may have committed before it timed out.
  let reclaimFor: { deadline: number; key: string } | null = null;
  let reclaimFailures = 0;
  while (!state.ended) {
    const deadline = state.deadline;
    if (deadline === null) {
      await condition(() => state.deadline !== null || state.ended !== null);
      continue;
    }
    // Runs with local activities came after warnings, so they need no marker of their own.
    if ((local || patched('deadline-warnings')) && (await warnBeforeDeadline(tenure, deadline))) continue;
    const remaining = deadline - Date.now();
    const moved = remaining > 0 && (await condition(() => state.deadline !== deadline || state.ended !== null, remaining));
    if (!moved) {
      try {
        await lock.runExclusive(async () => {
          // A follow-up that won the lock may have moved the deadline; then there is nothing to do.
          if (state.ended || state.deadline !== deadline || !state.ownerId) return;
          const formerOwner = state.ownerId;
          if (reclaimFor?.deadline !== deadline) {
            reclaimFor = { deadline, key: tenure.nextKey() };
            reclaimFailures = 0;
          }
          const reclaim = {
            customerId: state.customerId,
            tenureId: state.tenureId,
            idempotencyKey: reclaimFor.key,
            ownerId: formerOwner,
            deadline,
            deadlineKind: state.deadlineKind,
            reason: state.deadlineReason ?? null,
            cooldownMs: state.cooldownMs ?? null,
            pool: state.reclaimPool ?? null,
          };
          if (local) {
            // The reclaim and the next assignment in one local activity, in this workflow task.
            const { result, next } = await localActs.reclaimAndPickNext(reclaim);
            state.ended = 'reclaimed';
            if (result) {
              tenure.apply(result);
              nextTenure = next;
            }
            return;
          }
          const result = await acts.reclaimCustomer(reclaim);
          state.ended = 'reclaimed';
          if (result) {
            tenure.apply(result);
            // The assignment rules may hand the customer straight to the next rep: a new tenure.
            if (patched('assign-after-reclaim')) nextTenure = await acts.pickAssignee({ customerId: state.customerId, previousOwnerId: formerOwner });
          }
        });
      } catch (e) {
        // The database (or Temporal) did not answer within the activity's bounds. The deadline
        // stands: try again shortly, with the lock free meanwhile so commands are answered.
        if (!(e instanceof ActivityFailure)) throw e;
        log.warn('reclaim failed; retrying', { customerId: state.customerId, attempt: reclaimFailures + 1, error: e.message });
        await condition(() => state.deadline !== deadline || state.ended !== null, reclaimBackoffMs(reclaimFailures++));
        if (!state.ended && workflowInfo().continueAsNewSuggested && !lock.isLocked()) {
          await condition(allHandlersFinished);
          await continueAsNew<typeof customerLifecycle>({ customerId: state.customerId, carry: state });
        }
        continue;
      }
    }
    if (!state.ended && workflowInfo().continueAsNewSuggested && !lock.isLocked()) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof customerLifecycle>({ customerId: state.customerId, carry: state });
    }
  }
  await condition(allHandlersFinished);
  if (nextTenure) {
    await continueAsNew<typeof customerLifecycle>({ customerId: state.customerId, assignTo: nextTenure });
  }
  // A reassignment: the next tenure, already in the database, continues as a new run.
  if (tenure.nextCarry) {
    await continueAsNew<typeof customerLifecycle>({ customerId: state.customerId, carry: tenure.nextCarry });
  }
  return { end: state.ended, state };
}
