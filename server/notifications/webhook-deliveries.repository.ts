// Webhook delivery rows as the delivery workflow's attempts use them: a lease per attempt (so two
// attempts never send at once), the answer recorded, `delivered` or `failed` set only once.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

/** Takes the attempt's lease and counts the attempt; undefined when finished or leased by another attempt. */
export function takeDeliveryLease(db: Kysely<Database>, deliveryId: string, now: Date, leaseUntil: Date) {
  return db
    .updateTable('webhook_deliveries')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_attempt_at: now, lease_until: leaseUntil }))
    .where('id', '=', deliveryId)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .returning(['id', 'webhook_id', 'event', 'payload', 'attempts'])
    .executeTakeFirst();
}

export function deliveryState(db: Kysely<Database>, deliveryId: string) {
  return db.selectFrom('webhook_deliveries').select(['status', 'attempts']).where('id', '=', deliveryId).executeTakeFirst();
}

export function webhookTarget(db: Kysely<Database>, webhookId: string) {
  return db.selectFrom('webhooks').select(['url', 'secret', 'active']).where('id', '=', webhookId).executeTakeFirst();
}

/** Finishes an attempt on a pending delivery: the answer on the row, the lease released, and `delivered` or `failed` when final. */
export async function finishAttempt(
  db: Kysely<Database>,
  deliveryId: string,
  fields: { status?: 'delivered' | 'failed'; lastStatus?: number | null; lastError?: string | null; now: Date },
): Promise<boolean> {
  const row = await db
    .updateTable('webhook_deliveries')
    .set({
      ...(fields.lastStatus !== undefined ? { last_status: fields.lastStatus } : {}),
      ...(fields.lastError !== undefined ? { last_error: fields.lastError } : {}),
      lease_until: null,
      ...(fields.status === 'delivered' ? { status: 'delivered' as const, delivered_at: fields.now } : {}),
      ...(fields.status === 'failed' ? { status: 'failed' as const } : {}),
    })
    .where('id', '=', deliveryId)
    .where('status', '=', 'pending')
    .returning('status')
    .executeTakeFirst();
  return row !== undefined;
}

/** Pending deliveries created before `before`, oldest first (a crash between commit and dispatch leaves them unstarted). */
export async function pendingDeliveryIds(db: Kysely<Database>, before: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('status', '=', 'pending')
    .where('created_at', '<', before)
    .orderBy('created_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
