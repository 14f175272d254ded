// Webhook subscriptions and their deliveries, as admins manage and inspect them.
import { maskedUrl } from '../net/masked-url.js';
import type { Kysely } from 'kysely';
import { newId } from '../ids.js';
import type { Database } from '../db/database.js';
import { type Cursor, newestFirstPage } from '../db/pagination.js';
import type { CreateWebhookBody, DeliveryView, WebhookView } from '../../schemas/notifications.js';
import { newWebhookSecret } from './signature.js';

type WebhookRow = { id: string; url: string; events: string[]; active: boolean; created_by: string | null; created_at: Date };
type DeliveryRow = {
  id: string;
  webhook_id: string;
  event: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  payload: Record<string, unknown>;
  created_at: Date;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
};

export const toWebhookView = (r: WebhookRow): WebhookView => ({
  id: r.id,
  url: maskedUrl(r.url),
  events: r.events,
  active: r.active,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
});

export const toDeliveryView = (r: DeliveryRow): DeliveryView => ({
  id: r.id,
  webhookId: r.webhook_id,
  event: r.event,
  status: r.status,
  attempts: r.attempts,
  lastStatus: r.last_status,
  lastError: r.last_error,
  createdAt: r.created_at.toISOString(),
  lastAttemptAt: r.last_attempt_at?.toISOString() ?? null,
  deliveredAt: r.delivered_at?.toISOString() ?? null,
  payload: r.payload,
});

const webhookColumns = ['id', 'url', 'events', 'active', 'created_by', 'created_at'] as const;

/** Creates a subscription with a fresh secret; the secret is returned here and never again. */
export async function insertWebhook(db: Kysely<Database>, body: CreateWebhookBody, createdBy: string, now: Date) {
  const secret = newWebhookSecret();
  const row = await db
    .insertInto('webhooks')
    .values({ id: newId(), url: body.url, events: JSON.stringify(body.events), secret, active: true, created_by: createdBy, created_at: now })
    .returning(webhookColumns)
    .executeTakeFirstOrThrow();
  return { row, secret };
}

export async function listWebhooks(db: Kysely<Database>) {
  return db.selectFrom('webhooks').select(webhookColumns).orderBy('created_at').orderBy('id').execute();
}

export async function webhookExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return (await db.selectFrom('webhooks').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Deletes a subscription and its delivery history; attempts still scheduled find nothing to send. */
export async function deleteWebhook(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** One page (limit + 1 rows) of a webhook's deliveries, newest first. */
export async function listDeliveries(
  db: Kysely<Database>,
  webhookId: string,
  options: { status?: DeliveryRow['status'] | undefined; limit: number; cursor?: Cursor | undefined },
) {
  return db
    .selectFrom('webhook_deliveries')
    .select(['id', 'webhook_id', 'event', 'status', 'attempts', 'last_status', 'last_error', 'payload', 'created_at', 'last_attempt_at', 'delivered_at'])
    .where('webhook_id', '=', webhookId)
    .$if(options.status !== undefined, (q) => q.where('status', '=', options.status!))
    .$call((q) => newestFirstPage(q, options.limit, options.cursor))
    .execute();
}
