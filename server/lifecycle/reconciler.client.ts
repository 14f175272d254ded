// Starts the reconciler of a task queue once; every worker asks at start, the first one wins.
import type { Client } from '@temporalio/client';
import { reconcilerWorkflowId } from '../../workflows/reconciler.js';

export async function startReconciler(client: Client, taskQueue: string, everyMs: number): Promise<{ workflowId: string }> {
  const workflowId = reconcilerWorkflowId(taskQueue);
  await client.workflow.start('tenureReconciler', {
    workflowId,
    taskQueue,
    args: [{ everyMs }],
    // Already running (another worker, or an earlier start of this one): that one goes on.
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  return { workflowId };
}
