// One workflow per webhook delivery (id `webhook-<deliveryId>`, so two workflows can never send one
// delivery): the attempt activity retried by Temporal with exponential backoff, then the delivery
// marked failed once the attempts run out. The timers live in Temporal, so retries survive
// restarts of every process.
import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import { DEFAULT_WEBHOOK_RETRY, type WebhookDeliveryInput } from '../server/notifications/delivery-policy.js';
import type { AttemptOutcome, WebhookActivities } from '../server/notifications/webhook-delivery.activities.js';

export async function webhookDelivery(input: WebhookDeliveryInput): Promise<AttemptOutcome> {
  const retry = { ...DEFAULT_WEBHOOK_RETRY, ...input.retry };
  const { attemptWebhookDelivery } = proxyActivities<WebhookActivities>({
    // Longer than the request timeout (10 s) plus recording the answer, so no attempt is cut off mid-way.
    startToCloseTimeout: '1 minute',
    retry: {
      initialInterval: retry.initialIntervalMs,
      backoffCoefficient: retry.backoffCoefficient,
      maximumInterval: retry.maximumIntervalMs,
      maximumAttempts: retry.maximumAttempts,
    },
  });
  // Recording the failure must happen eventually, whatever the database does meanwhile.
  const { failWebhookDelivery } = proxyActivities<WebhookActivities>({
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  });
  try {
    return (await attemptWebhookDelivery({ deliveryId: input.deliveryId })).outcome;
  } catch (e) {
    if (!(e instanceof ActivityFailure)) throw e;
    return failWebhookDelivery({ deliveryId: input.deliveryId });
  }
}
