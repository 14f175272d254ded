// The activities of the webhook delivery workflow: one signed POST per attempt, each attempt
// recorded on the delivery row. Temporal owns the schedule (backoff, the attempt cap); the row
// owns the truth (delivered at most once, an attempt in flight holds a lease).
import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import type { WebhookActivities } from '../../workflows/activities.js';
import { type AttemptOutcome, WEBHOOK_ATTEMPT_IN_PROGRESS, WEBHOOK_REJECTED } from '../../workflows/webhook-delivery-policy.js';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { postChecked } from '../net/outbound-post.js';
import { DestinationRefused, type DestinationPolicy } from '../net/public-destination.js';
import { deliveryState, finishAttempt, takeDeliveryLease, webhookTarget } from '../notifications/webhook-deliveries.repository.js';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signatureHeader } from '../notifications/signature.js';
import { type Metrics, metrics as processMetrics } from '../metrics/metrics.js';

export interface WebhookActivityDeps {
  db: Kysely<Database>;
  clock: Clock;
  /** Which addresses a delivery may connect to (public ones, plus any allowed private range). */
  destinations: DestinationPolicy;
  /** How long a receiver may take to answer; default 10 s. */
  requestTimeoutMs?: number;
  /**
   * Where attempts are counted by outcome (default: the process's registry): delivered, error (an
   * answer other than 2xx or none; retried), failed (refused destination, webhook deactivated, or
   * out of attempts).
   */
  metrics?: Metrics | undefined;
}


const MAX_ERROR_CHARS = 500;
/** The lease outlives the request by this margin, so a slow answer is recorded before a racer may send. */
const LEASE_MARGIN_MS = 5_000;

export function createWebhookActivities(deps: WebhookActivityDeps): WebhookActivities {
  const { db, clock } = deps;
  const timeoutMs = deps.requestTimeoutMs ?? 10_000;
  const metrics = deps.metrics ?? processMetrics;
  const count = (outcome: 'delivered' | 'error' | 'failed') => metrics.webhookDeliveries.inc({ outcome });

  return {
    /**
     * One attempt: take the lease (counting the attempt), POST the signed payload, record the
     * answer. A 2xx answer is final, and so is a destination the policy refuses (failed at
     * once); anything else throws so Temporal retries with backoff.
     */
    async attemptWebhookDelivery(input: { deliveryId: string }): Promise<{ outcome: AttemptOutcome; attempts: number }> {
      const now = clock.now();
      const taken = await takeDeliveryLease(db, input.deliveryId, now, new Date(now.getTime() + timeoutMs + LEASE_MARGIN_MS));
      if (!taken) {
        const current = await deliveryState(db, input.deliveryId);
        // Deleted with its webhook, or already finished by an earlier attempt: nothing to send.
        if (!current) return { outcome: 'gone', attempts: 0 };
        if (current.status !== 'pending') return { outcome: current.status, attempts: current.attempts };
        // Expected when attempts overlap, not a fault: BENIGN keeps it out of the warnings.
        throw ApplicationFailure.create({
          message: 'Another attempt of this delivery is sending; retrying after it.',
          type: WEBHOOK_ATTEMPT_IN_PROGRESS,
          category: ApplicationFailureCategory.BENIGN,
        });
      }

      const hook = await webhookTarget(db, taken.webhook_id);
      if (!hook || !hook.active) {
        await finishAttempt(db, taken.id, { status: 'failed', lastError: 'the webhook was deactivated', now });
        count('failed');
        return { outcome: 'failed', attempts: taken.attempts };
      }

      // The exact bytes signed are the bytes sent.
      const body = JSON.stringify(taken.payload);
      let status: number | null = null;
      let error: string | null = null;
      try {
        const answer = await postChecked(hook.url, {
          headers: {
            'content-type': 'application/json',
            'user-agent': 'highseas-webhooks/1',
            [EVENT_HEADER]: taken.event,
            [DELIVERY_HEADER]: taken.id,
            [SIGNATURE_HEADER]: signatureHeader(hook.secret, body, Math.floor(now.getTime() / 1000)),
          },
          body,
          timeoutMs,
          maxAnswerBytes: MAX_ERROR_CHARS,
          destinations: deps.destinations,
        });
        status = answer.status;
        if (answer.status >= 200 && answer.status < 300) {
          await finishAttempt(db, taken.id, { status: 'delivered', lastStatus: status, lastError: null, now: clock.now() });
          count('delivered');
          return { outcome: 'delivered', attempts: taken.attempts };
        }
        error = `HTTP ${answer.status}${answer.text ? `: ${answer.text}` : ''}`.slice(0, MAX_ERROR_CHARS);
      } catch (e) {
        if (e instanceof DestinationRefused) {
          // The address will not become public by retrying: failed now, with the reason.
          await finishAttempt(db, taken.id, { status: 'failed', lastStatus: null, lastError: `refused: ${e.message}`.slice(0, MAX_ERROR_CHARS), now });
          count('failed');
          return { outcome: 'failed', attempts: taken.attempts };
        }
        const err = e as NodeJS.ErrnoException;
        const code = err.code && !err.message.includes(err.code) ? ` (${err.code})` : '';
        error = `${err.message || err.name}${code}`.slice(0, MAX_ERROR_CHARS);
      }
      await finishAttempt(db, taken.id, { lastStatus: status, lastError: error, now: clock.now() });
      count('error');
      throw ApplicationFailure.retryable(`Delivery ${taken.id} attempt ${taken.attempts} failed: ${error}`, WEBHOOK_REJECTED);
    },

    /** After the last attempt: the delivery is failed (unless an attempt delivered it meanwhile). */
    async failWebhookDelivery(input: { deliveryId: string }): Promise<AttemptOutcome> {
      if (await finishAttempt(db, input.deliveryId, { status: 'failed', now: clock.now() })) {
        count('failed');
        return 'failed';
      }
      const current = await deliveryState(db, input.deliveryId);
      return current ? (current.status === 'delivered' ? 'delivered' : 'failed') : 'gone';
    },
  };
}

