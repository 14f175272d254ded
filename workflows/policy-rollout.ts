// After a new reclaim policy is published: every open tenure re-decides its deadline. Signals go
// out in batches at a bounded rate, so a large customer base does not flood the workers.
import { continueAsNew, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { Activities } from './activities.js';
import { persistently as retrying } from './persistently.js';

const persistently = <T>(work: () => Promise<T>) => retrying(work, '1 minute');

// Each activity is bounded (R13); a rollout outlasts an outage by trying again after a pause.
const acts = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  scheduleToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

export interface RolloutInput {
  ruleSetId: string;
  /** Signals per second at most. */
  perSecond: number;
  batchSize?: number;
  /** Continue-as-new carries where the last run stopped. */
  after?: string;
  signalled?: number;
}

export async function reclaimPolicyRollout(input: RolloutInput): Promise<{ signalled: number }> {
  const batchSize = input.batchSize ?? 200;
  let after = input.after ?? '';
  let signalled = input.signalled ?? 0;
  for (;;) {
    const ids = await persistently(() => acts.ownedCustomerIds({ after, limit: batchSize }));
    if (ids.length === 0) return { signalled };
    await persistently(() => acts.signalPolicyChanged({ customerIds: ids, ruleSetId: input.ruleSetId }));
    signalled += ids.length;
    after = ids[ids.length - 1]!;
    await sleep(Math.ceil((ids.length / input.perSecond) * 1000));
    if (workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof reclaimPolicyRollout>({ ...input, after, signalled });
    }
  }
}
