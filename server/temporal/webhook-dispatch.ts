// Hands committed webhook deliveries to Temporal: one workflow per delivery, started after the
// emitting transaction commits. Starting twice is harmless (same workflow id), so callers may
// dispatch again after any doubt, and a sweep can recover deliveries a crash left unstarted.
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { pendingDeliveryIds } from '../notifications/webhook-deliveries.repository.js';
import { WEBHOOK_DELIVERY_WORKFLOW, type WebhookDeliveryInput, type WebhookRetryPolicy, webhookWorkflowIdFor } from '../../workflows/webhook-delivery-policy.js';

export interface DispatchDeps {
  client: Client;
  /** The task queue of a worker that registers webhookDelivery and the webhook activities. */
  taskQueue: string;
  /** Overrides of the default backoff (tests use short intervals). */
  retry?: Partial<WebhookRetryPolicy>;
}

export interface DispatchResult {
  started: string[];
  /** Already had a workflow (running, or finished after delivering or failing). */
  alreadyStarted: string[];
}

/**
 * Starts the delivery workflow of each delivery id.
 *
 * @example
 * const { deliveryIds } = await emitEvent(db, event);
 * await dispatchPending({ client, taskQueue }, deliveryIds);
 */
export async function dispatchPending(deps: DispatchDeps, deliveryIds: readonly string[]): Promise<DispatchResult> {
  const result: DispatchResult = { started: [], alreadyStarted: [] };
  for (const deliveryId of deliveryIds) {
    const input: WebhookDeliveryInput = { deliveryId, ...(deps.retry ? { retry: deps.retry } : {}) };
    try {
      await deps.client.workflow.start(WEBHOOK_DELIVERY_WORKFLOW, {
        workflowId: webhookWorkflowIdFor(deliveryId),
        taskQueue: deps.taskQueue,
        args: [input],
        // A workflow that completed (delivered or failed) is never started again; one that was
        // terminated or crashed may be, so a sweep can pick its delivery up.
        workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      });
      result.started.push(deliveryId);
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
      result.alreadyStarted.push(deliveryId);
    }
  }
  return result;
}

/**
 * Dispatches pending deliveries older than `olderThanMs` (a crash between commit and dispatch
 * leaves them unstarted). Run it at worker start and now and then; it never sends twice.
 */
export async function redispatchPending(
  deps: DispatchDeps & { db: Kysely<Database> },
  options: { now: Date; olderThanMs: number; limit?: number },
): Promise<DispatchResult> {
  return dispatchPending(deps, await pendingDeliveryIds(deps.db, new Date(options.now.getTime() - options.olderThanMs), options.limit ?? 500));
}
