// A tenure's durable timers besides its deadline's reclaim: a quote level's escalation, and the
// warnings before the deadline (README "How the guarantees are kept").
import { ActivityFailure, condition, log, sleep } from '@temporalio/workflow';
import type { Mutex } from 'async-mutex';
import type { TenureActivities } from './tenure-activities.js';
import type { LifecycleState, PendingApproval } from './shared.js';

/** What the timers need of a tenure: its state, its lock, and the activities it calls. */
export interface TimedTenure {
  readonly state: LifecycleState;
  readonly lock: Mutex;
  readonly acts: TenureActivities;
}

/** While a level waits, a durable timer escalates it to admins when its timeout passes. */
export function watchApproval(tenure: TimedTenure, pending: PendingApproval): void {
  const { state } = tenure;
  state.approval = pending;
  if (pending.dueAt === null) return;
  const same = () => state.approval?.quoteId === pending.quoteId && state.approval.level === pending.level;
  void (async () => {
    const wait = pending.dueAt! - Date.now();
    if (wait > 0 && (await condition(() => !same() || state.ended !== null, wait))) return;
    if (!same() || state.ended) return;
    // Escalation must happen even if the database is away for a while: retried until it answers.
    for (let attempt = 0; ; attempt++) {
      try {
        await tenure.lock.runExclusive(async () => {
          if (!same()) return;
          await tenure.acts.escalateApproval({ quoteId: pending.quoteId, level: pending.level });
          if (same()) state.approval = { ...pending, dueAt: null };
        });
        return;
      } catch (e) {
        if (!(e instanceof ActivityFailure)) throw e;
        log.warn('approval escalation failed; retrying', { quoteId: pending.quoteId, level: pending.level, error: e.message });
        await sleep(Math.min(1000 * 2 ** attempt, 30_000));
        if (!same() || state.ended) return;
      }
    }
  })();
}

/** Owner first, then their manager halfway to the deadline. True when the deadline moved meanwhile. */
export async function warnBeforeDeadline(tenure: TimedTenure, deadline: number): Promise<boolean> {
  const { state } = tenure;
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
      await tenure.acts.warnDeadline({ customerId: state.customerId, tenureId: state.tenureId, ownerId: state.ownerId, deadline, deadlineKind: state.deadlineKind, to: w.to });
    } catch (e) {
      // A warning that cannot be sent in time is skipped; the deadline itself still decides.
      if (!(e instanceof ActivityFailure)) throw e;
      log.warn('deadline warning not sent', { customerId: state.customerId, to: w.to, error: e.message });
    }
  }
  return false;
}
