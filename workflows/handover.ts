// A handover or bulk-move job (R16) as one durable workflow, `handover-<jobId>`: the items live in
// the database, so each batch activity picks up whatever is still pending (a restarted worker, a
// retried batch) and the history stays a few events per batch; continue-as-new keeps it short.
import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities, HandoverSummary } from './activities.js';
import { persistently as retrying } from './persistently.js';

// Bounded (R13); the heartbeat lets a replacement worker take over a batch within seconds.
const acts = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  scheduleToCloseTimeout: '15 minutes',
  heartbeatTimeout: '5 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/** An activity that ran out of its bounds is tried again after a pause: the job never gives up on its customers. */
const persistently = <T>(work: () => Promise<T>) => retrying(work, '30 seconds');

export interface HandoverJobInput {
  jobId: string;
  /** Customers per batch activity. */
  batchSize?: number;
}

export async function handoverJob(input: HandoverJobInput): Promise<HandoverSummary> {
  const limit = input.batchSize ?? 50;
  for (;;) {
    const { pending } = await persistently(() => acts.runHandoverBatch({ jobId: input.jobId, limit }));
    if (pending === 0) break;
    if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof handoverJob>(input);
  }
  return persistently(() => acts.finishHandover({ jobId: input.jobId }));
}
