// One workflow per webhook delivery (id `webhook-<deliveryId>`, so two workflows can never send one
// delivery): the attempt activity retried by Temporal with exponential backoff, then the delivery
// marked failed once the attempts run out. The timers live in Temporal, so retries survive
// restarts of every process.
import { ActivityFailure, proxyActivities, sleep } from '@temporalio/workflow';
import { type AttemptOutcome, DEFAULT_WEBHOOK_RETRY, type WebhookDeliveryInput } from './webhook-delivery-policy.js';
import type { WebhookActivities } from './activities.js';

export async function webhookDelivery(input: WebhookDeliveryInput): Promise<AttemptOutcome> {
  const retry = { ...DEFAULT_WEBHOOK_RETRY, ...input.retry };
  const { attemptWebhookDelivery } = proxyActivities<WebhookActivities>({
    // Longer than the request timeout (10 s) plus recording the answer, so no attempt is cut off mid-way.
    startToCloseTimeout: '1 minute',
    // The attempts and their backoff end well within a day; the bound is only a backstop (R13).
    scheduleToCloseTimeout: '1 day',
    retry: {
      initialInterval: retry.initialIntervalMs,
      backoffCoefficient: retry.backoffCoefficient,
      maximumInterval: retry.maximumIntervalMs,
      maximumAttempts: retry.maximumAttempts,
    },
  });
  // Recording the failure must happen eventually, whatever the database does meanwhile: each
  // activity is bounded (R13), and the workflow tries again after a pause until it is recorded.
  const { failWebhookDelivery } = proxyActivities<WebhookActivities>({
    startToCloseTimeout: '30 seconds',
    scheduleToCloseTimeout: '10 minutes',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  });
  try {
    return (await attemptWebhookDelivery({ deliveryId: input.deliveryId })).outcome;
  } catch (e) {
    if (!(e instanceof ActivityFailure)) throw e;
  }
  for (;;) {
    try {
      return await failWebhookDelivery({ deliveryId: input.deliveryId });
    } catch (e) {
      if (!(e instanceof ActivityFailure)) throw e;
      await sleep('1 minute');
    }
  }
}
