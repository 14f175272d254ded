// Test-only workflow interceptor (bundled into a test's own workflow bundle): after a claim's
// handler has committed its transaction, asks the worker's `faultPoint` activity whether to fail
// the workflow task now, as a crash or a bug at that moment would. A plain Error thrown from an
// update handler fails the workflow task (not the update), so the server aborts the update.
import { type WorkflowInterceptorsFactory, proxyLocalActivities, workflowInfo } from '@temporalio/workflow';

export interface FaultPointActivities {
  faultPoint(input: { point: 'after-claim'; workflowId: string }): Promise<boolean>;
}

const { faultPoint } = proxyLocalActivities<FaultPointActivities>({ startToCloseTimeout: '5 seconds' });

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [
    {
      async handleUpdate(input, next) {
        const result = await next(input);
        if (input.name === 'claim' && (await faultPoint({ point: 'after-claim', workflowId: workflowInfo().workflowId }))) {
          throw new Error('injected workflow task failure after the claim committed');
        }
        return result;
      },
    },
  ],
});
