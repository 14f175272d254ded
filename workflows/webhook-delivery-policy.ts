// Shared by the webhook delivery workflow and its dispatcher: names, the workflow input and the
// retry policy. Pure (no Temporal or Node imports), because the workflow bundle includes it.

export const WEBHOOK_DELIVERY_WORKFLOW = 'webhookDelivery';

/** One workflow per delivery: a second start for the same delivery is refused by Temporal. */
export const webhookWorkflowIdFor = (deliveryId: string) => `webhook-${deliveryId}`;

/** Backoff between attempts: initial, initial × coefficient, … capped at the maximum interval. */
export interface WebhookRetryPolicy {
  initialIntervalMs: number;
  backoffCoefficient: number;
  maximumIntervalMs: number;
  /** Attempts in all, the first included. */
  maximumAttempts: number;
}

/** 1 s, 2 s, 4 s … capped at 30 min; 12 attempts span about 35 minutes. */
export const DEFAULT_WEBHOOK_RETRY: WebhookRetryPolicy = {
  initialIntervalMs: 1_000,
  backoffCoefficient: 2,
  maximumIntervalMs: 30 * 60_000,
  maximumAttempts: 12,
};

export interface WebhookDeliveryInput {
  deliveryId: string;
  retry?: Partial<WebhookRetryPolicy>;
}

/** What one attempt came to: delivered, failed for good, or the endpoint is gone. */
export type AttemptOutcome = 'delivered' | 'failed' | 'gone';

/** Failure types the workflow's retry policy retries (every non-2xx answer is retried). */
export const WEBHOOK_REJECTED = 'WEBHOOK_REJECTED';
export const WEBHOOK_ATTEMPT_IN_PROGRESS = 'WEBHOOK_ATTEMPT_IN_PROGRESS';
