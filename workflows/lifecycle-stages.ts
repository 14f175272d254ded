// The tenure after the claim: stage moves, quotes and their approval levels (with escalation
// timers), won, the key flag, reassignment, merges, and policy changes. Registered by
// customer-lifecycle.ts on the same state and lock.
import { ActivityFailure, condition, log, proxyActivities, setHandler, sleep, uuid4 } from '@temporalio/workflow';
import type { Mutex } from 'async-mutex';
import type { OwnershipResult } from '../schemas/customers.js';
import type { Activities } from './activities.js';
import {
  type CommandBound,
  type LifecycleState,
  type PendingApproval,
  absorbUpdate,
  decideApprovalUpdate,
  markWonUpdate,
  moveStageUpdate,
  policyChangedSignal,
  reassignUpdate,
  setKeyUpdate,
  submitQuoteUpdate,
} from './shared.js';

export interface LifecycleContext {
  state: LifecycleState;
  lock: Mutex;
  acts: ReturnType<typeof proxyActivities<Activities>>;
  apply(r: OwnershipResult): void;
  nextKey(): string;
  refuse(type: string, message: string, details?: Record<string, unknown>): never;
  unwrap<T>(work: Promise<T>): Promise<T>;
  assertOpen(): void;
  assertOwner(repId: string): void;
  /** Refuses a command whose caller stopped waiting (validators only). */
  assertFresh(i: CommandBound): void;
  /** Runs a command under the lock, waiting for it no longer than the caller waits. */
  exclusive<T>(i: CommandBound, work: () => Promise<T>): Promise<T>;
  /** Set by a reassignment: the next tenure's state, continued as a new run. */
  nextCarry: LifecycleState | null;
}

/** While a level waits, a durable timer escalates it to admins when its timeout passes. */
export function watchApproval(ctx: LifecycleContext, pending: PendingApproval): void {
  ctx.state.approval = pending;
  if (pending.dueAt === null) return;
  const same = () => ctx.state.approval?.quoteId === pending.quoteId && ctx.state.approval.level === pending.level;
  void (async () => {
    const wait = pending.dueAt! - Date.now();
    if (wait > 0 && (await condition(() => !same() || ctx.state.ended !== null, wait))) return;
    if (!same() || ctx.state.ended) return;
    // Escalation must happen even if the database is away for a while: retried until it answers.
    for (let attempt = 0; ; attempt++) {
      try {
        await ctx.lock.runExclusive(async () => {
          if (!same()) return;
          await ctx.acts.escalateApproval({ quoteId: pending.quoteId, level: pending.level });
          if (same()) ctx.state.approval = { ...pending, dueAt: null };
        });
        return;
      } catch (e) {
        if (!(e instanceof ActivityFailure)) throw e;
        log.warn('approval escalation failed; retrying', { quoteId: pending.quoteId, level: pending.level, error: e.message });
        await sleep(Math.min(1000 * 2 ** attempt, 30_000));
        if (!same() || ctx.state.ended) return;
      }
    }
  })();
}

/** The owner id the API expects, so a command never lands on a tenure that changed hands. */
const owned = (ctx: LifecycleContext) => {
  ctx.assertOpen();
  if (!ctx.state.ownerId) ctx.refuse('NOT_OWNER', 'Nobody owns this customer now.', { customerId: ctx.state.customerId });
  return { customerId: ctx.state.customerId, tenureId: ctx.state.tenureId, ownerId: ctx.state.ownerId };
};

export function registerStageHandlers(ctx: LifecycleContext): void {
  const { state, lock, acts, unwrap } = ctx;

  setHandler(
    moveStageUpdate,
    (i) =>
      ctx.exclusive(i, async () => {
        const result = await unwrap(acts.moveStage({ ...owned(ctx), ...i, idempotencyKey: ctx.nextKey() }));
        ctx.apply(result);
        return result;
      }),
    {
      validator: (i) => {
        ctx.assertFresh(i);
        owned(ctx);
      },
    },
  );

  setHandler(
    submitQuoteUpdate,
    (i) =>
      ctx.exclusive(i, async () => {
        const result = await unwrap(acts.submitQuote({ ...owned(ctx), actorId: i.actorId, body: i.body, idempotencyKey: ctx.nextKey() }));
        ctx.apply(result.ownership);
        if (result.pending) watchApproval(ctx, result.pending);
        return { ownership: result.ownership, quote: result.quote };
      }),
    {
      validator: (i) => {
        ctx.assertFresh(i);
        owned(ctx);
      },
    },
  );

  setHandler(
    decideApprovalUpdate,
    (i) =>
      ctx.exclusive(i, async () => {
        ctx.assertOpen();
        const result = await unwrap(acts.decideApproval(i));
        if (result.ownership) ctx.apply(result.ownership);
        if (state.approval?.quoteId === i.quoteId) state.approval = null;
        if (result.pending) watchApproval(ctx, result.pending);
        return { decided: result.decided, quote: result.quote, ownership: result.ownership };
      }),
    {
      validator: (i) => {
        ctx.assertFresh(i);
        ctx.assertOpen();
      },
    },
  );

  setHandler(
    markWonUpdate,
    (i) =>
      ctx.exclusive(i, async () => {
        const result = await unwrap(acts.markWon({ ...owned(ctx), ...i, idempotencyKey: ctx.nextKey() }));
        ctx.apply(result);
        // Won ends the tenure; the owner keeps a protected customer no deadline touches.
        state.ended = 'won';
        state.approval = null;
        return result;
      }),
    {
      validator: (i) => {
        ctx.assertFresh(i);
        owned(ctx);
      },
    },
  );

  setHandler(
    setKeyUpdate,
    (i) =>
      ctx.exclusive(i, async () => {
        const result = await unwrap(acts.setKey({ ...owned(ctx), ...i, idempotencyKey: ctx.nextKey() }));
        ctx.apply(result);
        return result;
      }),
    {
      validator: (i) => {
        ctx.assertFresh(i);
        owned(ctx);
      },
    },
  );

  setHandler(
    reassignUpdate,
    (i) =>
      ctx.exclusive(i, async () => {
        const newTenureId = uuid4();
        const result = await unwrap(acts.reassign({ ...owned(ctx), ...i, newTenureId, idempotencyKey: ctx.nextKey() }));
        // The new owner's tenure continues as a new run with the state the database now holds.
        ctx.nextCarry = {
          customerId: state.customerId,
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
        state.ended = 'reassigned';
        return result;
      }),
    {
      validator: (i) => {
        ctx.assertFresh(i);
        owned(ctx);
      },
    },
  );

  setHandler(
    absorbUpdate,
    (i) =>
      ctx.exclusive(i, async () => {
        ctx.assertOpen();
        const result = await unwrap(acts.absorb({ customerId: state.customerId, tenureId: state.tenureId, idempotencyKey: ctx.nextKey(), ...i }));
        state.ended = 'merged';
        state.ownerId = null;
        return result;
      }),
    {
      validator: (i) => {
        ctx.assertFresh(i);
        ctx.assertOpen();
      },
    },
  );

  // A new reclaim policy was published: the deadline again, under the new rules.
  setHandler(policyChangedSignal, async () => {
    // A signal handler must not fail (that would fail the workflow): retried a few times while the
    // database is away, then left at the deadline it has (logged).
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        return await lock.runExclusive(async () => {
          if (state.ended || !state.ownerId) return;
          // Null when the database has moved past this tenure: nothing to apply (histories recorded
          // before carry a row there, which is applied as it was then).
          const result = await acts.redecideDeadline({ customerId: state.customerId, tenureId: state.tenureId, ownerId: state.ownerId, trigger: 'policy_change' });
          if (result) ctx.apply(result);
        });
      } catch (e) {
        if (!(e instanceof ActivityFailure)) throw e;
        log.warn('policy change not applied; retrying', { customerId: state.customerId, attempt, error: e.message });
        await sleep(Math.min(1000 * 2 ** attempt, 10_000));
      }
    }
  });
}
