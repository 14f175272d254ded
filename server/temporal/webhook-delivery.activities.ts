// The activities of the webhook delivery workflow: one signed POST per attempt, each attempt
// recorded on the delivery row. Temporal owns the schedule (backoff, the attempt cap); the row
// owns the truth (delivered at most once, an attempt in flight holds a lease).
import { ApplicationFailure } from '@temporalio/common';
import type { WebhookActivities } from '../../workflows/activities.js';
import { type AttemptOutcome, WEBHOOK_ATTEMPT_IN_PROGRESS, WEBHOOK_REJECTED } from '../../workflows/webhook-delivery-policy.js';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { postChecked } from '../net/outbound-post.js';
import { DestinationRefused, type DestinationPolicy } from '../net/public-destination.js';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signatureHeader } from '../notifications/signature.js';

export interface WebhookActivityDeps {
  db: Kysely<Database>;
  clock: Clock;
  /** Which addresses a delivery may connect to (public ones, plus any allowed private range). */
  destinations: DestinationPolicy;
  /** How long a receiver may take to answer; default 10 s. */
  requestTimeoutMs?: number;
}


const MAX_ERROR_CHARS = 500;
/** The lease outlives the request by this margin, so a slow answer is recorded before a racer may send. */
const LEASE_MARGIN_MS = 5_000;

export function createWebhookActivities(deps: WebhookActivityDeps): WebhookActivities {
  const { db, clock } = deps;
  const timeoutMs = deps.requestTimeoutMs ?? 10_000;

  /** Finishes an attempt: the answer on the row, the lease released; `delivered` only once. */
  async function record(deliveryId: string, fields: { status?: 'delivered'; lastStatus: number | null; lastError: string | null; now: Date }) {
    await db
      .updateTable('webhook_deliveries')
      .set({
        last_status: fields.lastStatus,
        last_error: fields.lastError,
        lease_until: null,
        ...(fields.status === 'delivered' ? { status: 'delivered' as const, delivered_at: fields.now } : {}),
      })
      .where('id', '=', deliveryId)
      .where('status', '=', 'pending')
      .execute();
  }

  return {
    /**
     * One attempt: take the lease (counting the attempt), POST the signed payload, record the
     * answer. A 2xx answer is final, and so is a destination the policy refuses (failed at
     * once); anything else throws so Temporal retries with backoff.
     */
    async attemptWebhookDelivery(input: { deliveryId: string }): Promise<{ outcome: AttemptOutcome; attempts: number }> {
      const now = clock.now();
      const taken = await db
        .updateTable('webhook_deliveries')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), last_attempt_at: now, lease_until: new Date(now.getTime() + timeoutMs + LEASE_MARGIN_MS) }))
        .where('id', '=', input.deliveryId)
        .where('status', '=', 'pending')
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        .returning(['id', 'webhook_id', 'event', 'payload', 'attempts'])
        .executeTakeFirst();
      if (!taken) {
        const current = await db.selectFrom('webhook_deliveries').select(['status', 'attempts']).where('id', '=', input.deliveryId).executeTakeFirst();
        // Deleted with its webhook, or already finished by an earlier attempt: nothing to send.
        if (!current) return { outcome: 'gone', attempts: 0 };
        if (current.status !== 'pending') return { outcome: current.status, attempts: current.attempts };
        throw ApplicationFailure.retryable('Another attempt of this delivery is sending; retrying after it.', WEBHOOK_ATTEMPT_IN_PROGRESS);
      }

      const hook = await db.selectFrom('webhooks').select(['url', 'secret', 'active']).where('id', '=', taken.webhook_id).executeTakeFirst();
      if (!hook || !hook.active) {
        await db
          .updateTable('webhook_deliveries')
          .set({ status: 'failed', last_error: 'the webhook was deactivated', lease_until: null })
          .where('id', '=', taken.id)
          .where('status', '=', 'pending')
          .execute();
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
          await record(taken.id, { status: 'delivered', lastStatus: status, lastError: null, now: clock.now() });
          return { outcome: 'delivered', attempts: taken.attempts };
        }
        error = `HTTP ${answer.status}${answer.text ? `: ${answer.text}` : ''}`.slice(0, MAX_ERROR_CHARS);
      } catch (e) {
        if (e instanceof DestinationRefused) {
          // The address will not become public by retrying: failed now, with the reason.
          await db
            .updateTable('webhook_deliveries')
            .set({ status: 'failed', last_status: null, last_error: `refused: ${e.message}`.slice(0, MAX_ERROR_CHARS), lease_until: null })
            .where('id', '=', taken.id)
            .where('status', '=', 'pending')
            .execute();
          return { outcome: 'failed', attempts: taken.attempts };
        }
        const err = e as NodeJS.ErrnoException;
        const code = err.code && !err.message.includes(err.code) ? ` (${err.code})` : '';
        error = `${err.message || err.name}${code}`.slice(0, MAX_ERROR_CHARS);
      }
      await record(taken.id, { lastStatus: status, lastError: error, now: clock.now() });
      throw ApplicationFailure.retryable(`Delivery ${taken.id} attempt ${taken.attempts} failed: ${error}`, WEBHOOK_REJECTED);
    },

    /** After the last attempt: the delivery is failed (unless an attempt delivered it meanwhile). */
    async failWebhookDelivery(input: { deliveryId: string }): Promise<AttemptOutcome> {
      const row = await db
        .updateTable('webhook_deliveries')
        .set({ status: 'failed', lease_until: null })
        .where('id', '=', input.deliveryId)
        .where('status', '=', 'pending')
        .returning('status')
        .executeTakeFirst();
      if (row) return 'failed';
      const current = await db.selectFrom('webhook_deliveries').select('status').where('id', '=', input.deliveryId).executeTakeFirst();
      return current ? (current.status === 'delivered' ? 'delivered' : 'failed') : 'gone';
    },
  };
}

