// One customer tenure (DESIGN §7): claimed or assigned by update-with-start, moved through its
// stages by updates, warned before and reclaimed at its deadline by durable timers.
// Logic added after v1 runs behind patched() so histories of running tenures still replay.
import {
  ActivityFailure,
  ApplicationFailure,
  TimeoutFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import { Mutex } from 'async-mutex';
import type { OwnershipResult } from '../schemas/customers.js';
import type { Activities } from './activities.js';
import { type LifecycleContext, registerStageHandlers, watchApproval } from './lifecycle-stages.js';
import {
  CLAIM_IN_PROGRESS,
  type CommandBound,
  DeadlineAttribute,
  OwnerAttribute,
  StageAttribute,
  TEMPORARILY_UNAVAILABLE,
  TENURE_CLOSED,
  type AssignInput,
  type LifecycleInput,
  type LifecycleState,
  type TenureEnd,
  assignUpdate,
  claimUpdate,
  recordFollowUpUpdate,
  releaseUpdate,
  stateQuery,
} from './shared.js';

/**
 * Every activity is bounded (R13): an attempt that hangs is cut off, and retries (an outage) stop
 * after the schedule-to-close bound, so no command holds the tenure's lock for longer, and a
 * caller hears back within 15 s. Values the database refuses fail at once (activity-failures.ts).
 * The deadline's reclaim is retried by the workflow itself until it succeeds (see the main loop).
 */
const activityOptions = {
  startToCloseTimeout: '4 seconds',
  scheduleToCloseTimeout: '5 seconds',
  retry: { initialInterval: '200 ms', backoffCoefficient: 2, maximumInterval: '2 seconds' },
} as const;

// Ordinary activities also wait in the task queue, so their bound is wider.
const remoteActs = proxyActivities<Activities>({ ...activityOptions, startToCloseTimeout: '10 seconds', scheduleToCloseTimeout: '10 seconds' });

/**
 * Runs started by this code do their work as local activities: inside the workflow task that the
 * update, signal or timer starts, with no activity task and no second workflow task in between —
 * a third of the round trips through Temporal for every claim, follow-up, stage move and reclaim.
 * Each is a short Postgres transaction keyed for idempotency (workflow id, tenure and sequence
 * number), so running again after a crashed workflow task is harmless; while Postgres is away they
 * retry with the same policy as ordinary activities. Runs started before
 * (no 'local-activities' marker in their history) keep ordinary activities to the end.
 */
const localActs = proxyLocalActivities<Activities>(activityOptions);

function refuse(type: string, message: string, details: Record<string, unknown> = {}): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: [details] });
}

/**
 * Surfaces an activity's domain refusal (CAP_REACHED …) to the update caller as itself, and an
 * activity that ran out of its bounds (the database not answering) as TEMPORARILY_UNAVAILABLE.
 */
async function unwrap<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof ActivityFailure && e.cause instanceof ApplicationFailure && e.cause.nonRetryable) throw e.cause;
    if (e instanceof ActivityFailure && (e.cause instanceof TimeoutFailure || e.cause instanceof ApplicationFailure)) {
      refuse(TEMPORARILY_UNAVAILABLE, 'The command could not be completed in time (the database did not answer); check the customer and try again.', {
        cause: e.cause.message,
      });
    }
    throw e;
  }
}

/** Pause before the n-th retry of the deadline's reclaim: 0.5 s doubling to 5 s. */
const reclaimBackoffMs = (n: number) => Math.min(500 * 2 ** n, 5000);
/** The longest a command waits for the tenure's lock, whatever its caller's bound. */
const MAX_LOCK_WAIT_MS = 8000;

export async function customerLifecycle(input: LifecycleInput): Promise<{ end: TenureEnd; state: LifecycleState }> {
  const { workflowId } = workflowInfo();
  // The one patch marker a new run records; every later change keys on it (see remoteActs).
  const local = patched('local-activities');
  // Commands wait for the lock only as long as their caller waits (runs started by this code).
  const bounded = patched('bounded-commands');
  const acts = local ? localActs : remoteActs;
  const state: LifecycleState = input.carry ?? {
    customerId: input.customerId,
    tenureId: uuid4(),
    ownerId: null,
    stage: null,
    grade: null,
    deadline: null,
    deadlineKind: null,
    seq: 0,
    ended: null,
  };
  // Commands run one at a time, so a follow-up and the deadline can never both decide.
  const lock = new Mutex();

  /** Refuses a command whose caller has stopped waiting (checked in validators: never replayed). */
  const assertFresh = (i: CommandBound) => {
    if (i.expiresAt !== undefined && Date.now() > i.expiresAt) {
      refuse(TEMPORARILY_UNAVAILABLE, 'The command arrived after its caller stopped waiting; nothing was changed. Try again.');
    }
  };
  /**
   * Runs a command under the tenure's lock. While another command holds it, the command waits
   * until its caller's bound at most, then is refused (nothing changed) rather than run late.
   */
  const exclusive = async <T>(i: CommandBound, work: () => Promise<T>): Promise<T> => {
    if (!bounded || !lock.isLocked()) return lock.runExclusive(work);
    const wait = Math.min(MAX_LOCK_WAIT_MS, (i.expiresAt ?? Number.POSITIVE_INFINITY) - Date.now());
    let release: (() => void) | null = null;
    const acquiring = lock.acquire().then((r) => {
      release = r;
    });
    if (wait <= 0 || !(await condition(() => release !== null, wait))) {
      // Our turn comes later; hand it straight on.
      void acquiring.then(() => release!());
      refuse(TEMPORARILY_UNAVAILABLE, 'The customer is busy with another command; nothing was changed. Try again in a moment.');
    }
    try {
      return await work();
    } finally {
      release!();
    }
  };
  let claimsSeen = 0;
  let claiming = false;
  const nextKey = () => `${workflowId}/${state.tenureId}/${++state.seq}`;

  const apply = (r: OwnershipResult) => {
    state.ownerId = r.ownerId;
    state.stage = r.stage;
    state.grade = r.grade;
    state.deadline = r.deadline ? Date.parse(r.deadline) : null;
    state.deadlineKind = r.deadlineKind;
    state.deadlineReason = r.deadlineReason ?? null;
    state.cooldownMs = r.cooldownMs ?? null;
    state.warnAt = r.warnAt ? Date.parse(r.warnAt) : null;
    state.reclaimPool = r.reclaimPool ?? null;
    upsertSearchAttributes([
      { key: StageAttribute, value: r.stage ?? 'pool' },
      { key: OwnerAttribute, value: r.ownerId },
      { key: DeadlineAttribute, value: r.deadline ? new Date(r.deadline) : null },
    ]);
  };
  const assertOpen = () => {
    if (state.ended) refuse(TENURE_CLOSED, 'This tenure is closing; try again.');
  };
  const assertClaimable = (repId: string) => {
    assertOpen();
    if (state.ownerId) {
      refuse('CUSTOMER_OWNED', state.ownerId === repId ? 'You already own this customer.' : 'Another rep already owns this customer.', {
        customerId: state.customerId,
        ownedByYou: state.ownerId === repId,
      });
    }
  };
  const assertOwner = (repId: string) => {
    assertOpen();
    if (!state.ownerId || state.ownerId !== repId) {
      refuse('NOT_OWNER', 'Only the current owner can do this.', { customerId: state.customerId });
    }
  };

  setHandler(stateQuery, () => state);

  // A claim or an assignment starts the tenure; concurrent ones are refused at once (no queue).
  const take = <I extends { repId: string } & CommandBound>(run: (i: I) => Promise<OwnershipResult>) => ({
    handler: async (i: I) => {
      claimsSeen++;
      claiming = true;
      try {
        return await exclusive(i, async () => {
          assertClaimable(i.repId);
          const result = await unwrap(run(i));
          apply(result);
          return result;
        });
      } finally {
        claiming = false;
      }
    },
    validator: (i: I) => {
      if (typeof i.repId !== 'string' || i.repId.length === 0) throw new Error('repId is required');
      assertFresh(i);
      assertClaimable(i.repId);
      if (claiming) refuse(CLAIM_IN_PROGRESS, 'Another claim of this customer is being decided; try again.');
    },
  });
  const claim = take((i: { repId: string }) =>
    acts.claimCustomer({ customerId: state.customerId, tenureId: state.tenureId, idempotencyKey: nextKey(), repId: i.repId }),
  );
  setHandler(claimUpdate, claim.handler, { validator: claim.validator });
  // The assignment rules give the customer to a rep (no daily limit; caps and cooldowns hold).
  const assign = take((i: AssignInput) => acts.assignCustomer({ ...i, customerId: state.customerId, tenureId: state.tenureId, idempotencyKey: nextKey() }));
  setHandler(assignUpdate, assign.handler, { validator: assign.validator });

  setHandler(
    recordFollowUpUpdate,
    (followUp) =>
      exclusive(followUp, async () => {
        assertOwner(followUp.repId);
        const result = await unwrap(
          acts.recordFollowUp({ ...followUp, customerId: state.customerId, tenureId: state.tenureId, idempotencyKey: nextKey() }),
        );
        apply(result);
        return result;
      }),
    {
      validator: (followUp) => {
        assertFresh(followUp);
        assertOwner(followUp.repId);
      },
    },
  );

  setHandler(
    releaseUpdate,
    ({ actorId, reason, expiresAt }) =>
      exclusive({ expiresAt }, async () => {
        assertOpen();
        if (!state.ownerId) refuse('NOT_OWNER', 'Nobody owns this customer.', { customerId: state.customerId });
        const result = await unwrap(
          acts.releaseCustomer({
            customerId: state.customerId,
            tenureId: state.tenureId,
            idempotencyKey: nextKey(),
            ownerId: state.ownerId,
            actorId,
            reason,
          }),
        );
        state.ended = 'released';
        if (result) apply(result);
        return (
          result ?? {
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
          }
        );
      }),
    {
      validator: (release) => {
        assertFresh(release);
        assertOpen();
      },
    },
  );

  const ctx: LifecycleContext = { state, lock, acts, apply, nextKey, refuse, unwrap, assertOpen, assertOwner, assertFresh, exclusive, nextCarry: null };
  registerStageHandlers(ctx);
  if (state.approval) watchApproval(ctx, state.approval);

  // A tenure the assignment rules started after a reclaim: give it to the picked rep first.
  if (input.assignTo) {
    const assignTo = input.assignTo;
    await lock.runExclusive(async () => {
      try {
        apply(await unwrap(acts.assignCustomer({ ...assignTo, customerId: state.customerId, tenureId: state.tenureId, idempotencyKey: nextKey() })));
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
      () => state.ownerId !== null || (claimsSeen > 0 && !lock.isLocked() && allHandlersFinished()),
      '1 minute',
    );
    await condition(() => state.ownerId !== null || (!lock.isLocked() && allHandlersFinished()));
    if (state.ownerId === null) {
      state.ended = 'not_claimed';
      return { end: state.ended, state };
    }
  }

  /** Owner first, then their manager halfway to the deadline. True when the deadline moved meanwhile. */
  const warn = async (deadline: number): Promise<boolean> => {
    const warnAt = state.warnAt;
    if (!warnAt || warnAt >= deadline) return false;
    const plan = [
      { at: warnAt, to: 'owner' as const },
      { at: warnAt + Math.floor((deadline - warnAt) / 2), to: 'manager' as const },
    ];
    for (const w of plan) {
      const wait = w.at - Date.now();
      if (wait > 0 && (await condition(() => state.deadline !== deadline || state.ended !== null, wait))) return true;
      if (state.deadline !== deadline || state.ended) return true;
      if (Date.now() >= deadline || !state.ownerId) return false;
      try {
        await acts.warnDeadline({ customerId: state.customerId, tenureId: state.tenureId, ownerId: state.ownerId, deadline, deadlineKind: state.deadlineKind, to: w.to });
      } catch (e) {
        // A warning that cannot be sent in time is skipped; the deadline itself still decides.
        if (!(e instanceof ActivityFailure)) throw e;
        log.warn('deadline warning not sent', { customerId: state.customerId, to: w.to, error: e.message });
      }
    }
    return false;
  };

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
    if ((local || patched('deadline-warnings')) && (await warn(deadline))) continue;
    const remaining = deadline - Date.now();
    const moved = remaining > 0 && (await condition(() => state.deadline !== deadline || state.ended !== null, remaining));
    if (!moved) {
      try {
        await lock.runExclusive(async () => {
          // A follow-up that won the lock may have moved the deadline; then there is nothing to do.
          if (state.ended || state.deadline !== deadline || !state.ownerId) return;
          const formerOwner = state.ownerId;
          if (reclaimFor?.deadline !== deadline) {
            reclaimFor = { deadline, key: nextKey() };
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
              apply(result);
              nextTenure = next;
            }
            return;
          }
          const result = await acts.reclaimCustomer(reclaim);
          state.ended = 'reclaimed';
          if (result) {
            apply(result);
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
  if (ctx.nextCarry) {
    await continueAsNew<typeof customerLifecycle>({ customerId: state.customerId, carry: ctx.nextCarry });
  }
  return { end: state.ended, state };
}
