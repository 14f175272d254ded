// The reconciler (R13): one workflow per task queue that, every few seconds, compares owned rows
// with running tenures and repairs what disagrees (reconcile.activities.ts). Its totals can be
// queried; continue-as-new keeps its history short.
import { ActivityFailure, continueAsNew, defineQuery, log, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { Activities, ReconcileReport } from './activities.js';

export interface ReconcilerInput {
  everyMs: number;
  /** Carried across continue-as-new. */
  totals?: ReconcilerTotals;
}

export interface ReconcilerTotals {
  rounds: number;
  failedRounds: number;
  restarted: number;
  overdue: number;
  stopped: number;
  last: ReconcileReport | null;
}

export const reconcilerTotalsQuery = defineQuery<ReconcilerTotals>('totals');
export const reconcilerWorkflowId = (taskQueue: string) => `reconciler-${taskQueue}`;

const { reconcileTenures } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  scheduleToCloseTimeout: '2 minutes',
  // A failed round is simply the next round's work.
  retry: { maximumAttempts: 1 },
});

export async function tenureReconciler(input: ReconcilerInput): Promise<void> {
  const totals: ReconcilerTotals = input.totals ?? { rounds: 0, failedRounds: 0, restarted: 0, overdue: 0, stopped: 0, last: null };
  setHandler(reconcilerTotalsQuery, () => totals);
  for (;;) {
    try {
      const report = await reconcileTenures();
      totals.rounds++;
      totals.restarted += report.restarted;
      totals.overdue += report.overdue;
      totals.stopped += report.stopped;
      totals.last = report;
      if (report.restarted + report.stopped + (report.deferred ?? 0) > 0) log.warn('tenures repaired', { ...report });
    } catch (e) {
      if (!(e instanceof ActivityFailure)) throw e;
      totals.failedRounds++;
      log.warn('reconcile round failed', { error: e.message });
    }
    await sleep(input.everyMs);
    if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof tenureReconciler>({ ...input, totals });
  }
}
