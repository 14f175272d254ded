// emitEvent: one transaction that writes an event's in-app notifications (one per recipient), its
// webhook deliveries (one per subscribed webhook) and its chat robot outbox rows (one per subscribed
// channel), all idempotent by the event's key. Sending is a separate step after commit
// (webhook-dispatch.ts, robot-dispatch.ts), so a rolled-back event never leaks.
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import { newId } from '../ids.js';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode, toPointer } from '../errors.js';
import { NotificationEvent, type Recipient, type WebhookPayload } from './events.js';
import { insertChatEvents } from '../chat/chat-events.repository.js';
import { singleStops } from '../../schemas/single-stops.js';

const MAX_PAYLOAD_BYTES = 64 * 1024;

export interface EmitResult {
  /** One per resolved recipient, whether written now or by an earlier emit of the same event. */
  notifications: { id: string; repId: string }[];
  /** Deliveries of this event still pending: hand them to dispatchPending after commit. */
  deliveryIds: string[];
  /** Recipients that resolved to nobody (unknown or inactive rep, no manager). */
  skipped: { recipient: Recipient; reason: string }[];
  /** Chat channels that got the event: wake their senders after commit (wakeChannels). */
  chatChannelIds: string[];
}

/** The notification key of one recipient: the event's key made unique per rep. */
const notificationKey = (eventKey: string, repId: string) => `${eventKey}:${repId}`;

async function resolveRecipients(tx: Transaction<Database>, recipients: readonly Recipient[]) {
  const ids = [...new Set(recipients.map((r) => (typeof r === 'string' ? r : r.managerOf)))];
  const reps =
    ids.length === 0
      ? []
      : await tx
          .selectFrom('reps')
          .leftJoin('teams', 'teams.id', 'reps.team_id')
          .leftJoin('reps as manager', 'manager.id', 'teams.manager_id')
          .select(['reps.id', 'reps.active', 'teams.manager_id', 'manager.active as manager_active'])
          .where('reps.id', 'in', ids)
          .execute();
  const byId = new Map(reps.map((r) => [r.id, r]));
  const resolved: string[] = [];
  const skipped: EmitResult['skipped'] = [];
  for (const recipient of recipients) {
    const rep = byId.get(typeof recipient === 'string' ? recipient : recipient.managerOf);
    if (!rep) skipped.push({ recipient, reason: 'unknown rep' });
    else if (typeof recipient === 'string') {
      if (rep.active) resolved.push(rep.id);
      else skipped.push({ recipient, reason: 'rep inactive' });
    } else if (!rep.manager_id) skipped.push({ recipient, reason: 'no manager: the rep has no team or the team no manager' });
    else if (!rep.manager_active) skipped.push({ recipient, reason: 'manager inactive' });
    else resolved.push(rep.manager_id);
  }
  // Owner and manager may be the same person: they get one notification.
  return { repIds: [...new Set(resolved)], skipped };
}

const TITLE_MAX = NotificationEvent.shape.title.maxLength!;
const BODY_MAX = NotificationEvent.shape.body.maxLength!;

/** At most `max` UTF-16 units, '…' last when shortened, never half a surrogate pair. */
function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = max - 1;
  const unit = s.charCodeAt(cut - 1);
  if (unit >= 0xd800 && unit <= 0xdbff) cut--;
  return `${s.slice(0, cut)}…`;
}

async function emitInTx(tx: Transaction<Database>, event: NotificationEvent): Promise<EmitResult> {
  // Titles and bodies are display text built from names (a company's may be 200 characters on
  // its own): shortened to the limits, not refused; a name or a typed reason ending in "." before
  // the text's own stop ("lights.. Revise") keeps one stop.
  const shown = {
    ...event,
    title: typeof event.title === 'string' ? clip(singleStops(event.title.trim()), TITLE_MAX) : event.title,
    body: typeof event.body === 'string' ? clip(singleStops(event.body), BODY_MAX) : event.body,
  };
  const parsed = NotificationEvent.safeParse(shown);
  if (!parsed.success) {
    // A programming error in the emitter: refuse it as a domain error so activities do not retry it.
    throw new AppError(ErrorCode.VALIDATION_FAILED, `Invalid event: ${parsed.error.issues[0]?.message ?? 'invalid'}`, {
      issues: parsed.error.issues.map((i) => ({ pointer: toPointer(i.path), message: i.message })),
    });
  }
  const e = parsed.data;
  const occurredAt = new Date(e.occurredAt);
  const { repIds, skipped } = await resolveRecipients(tx, e.recipients);

  if (repIds.length > 0) {
    await tx
      .insertInto('notifications')
      .values(
        repIds.map((repId) => ({
          id: newId(),
          rep_id: repId,
          kind: e.type,
          customer_id: e.customerId ?? null,
          title: e.title,
          body: e.body,
          data: JSON.stringify(e.data),
          idempotency_key: notificationKey(e.idempotencyKey, repId),
          created_at: occurredAt,
        })),
      )
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .execute();
  }
  const notifications =
    repIds.length === 0
      ? []
      : await tx
          .selectFrom('notifications')
          .select(['id', 'rep_id as repId'])
          .where('idempotency_key', 'in', repIds.map((r) => notificationKey(e.idempotencyKey, r)))
          .execute();

  const payload: WebhookPayload = {
    type: e.type,
    eventKey: e.idempotencyKey,
    occurredAt: occurredAt.toISOString(),
    customerId: e.customerId ?? null,
    recipients: repIds,
    title: e.title,
    body: e.body,
    data: e.data,
  };
  const json = JSON.stringify(payload);
  if (Buffer.byteLength(json) > MAX_PAYLOAD_BYTES) {
    throw new AppError(ErrorCode.VALIDATION_FAILED, `Invalid event: the webhook payload is larger than ${MAX_PAYLOAD_BYTES / 1024} KiB`, {
      issues: [{ pointer: '/data', message: 'too large' }],
    });
  }
  const hooks = await tx
    .selectFrom('webhooks')
    .select('id')
    .where('active', '=', true)
    .where((eb) => eb.or([sql<boolean>`events @> ${JSON.stringify([e.type])}::jsonb`, sql<boolean>`events @> '["*"]'::jsonb`]))
    .execute();
  if (hooks.length > 0) {
    await tx
      .insertInto('webhook_deliveries')
      .values(
        hooks.map((h) => ({
          id: newId(),
          webhook_id: h.id,
          event: e.type,
          payload: json,
          status: 'pending' as const,
          idempotency_key: e.idempotencyKey,
          created_at: occurredAt,
        })),
      )
      .onConflict((oc) => oc.columns(['webhook_id', 'idempotency_key']).doNothing())
      .execute();
  }
  const pending = await tx
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('idempotency_key', '=', e.idempotencyKey)
    .where('status', '=', 'pending')
    .orderBy('id')
    .execute();
  const chatChannelIds = await insertChatEvents(tx, {
    type: e.type,
    eventKey: e.idempotencyKey,
    customerId: e.customerId ?? null,
    occurredAt,
    payload: { title: e.title, body: e.body, data: e.data, recipients: repIds, occurredAt: occurredAt.toISOString() },
  });
  return { notifications, deliveryIds: pending.map((d) => d.id), skipped, chatChannelIds };
}

/**
 * Writes an event's notifications and webhook deliveries in one transaction: the caller's when
 * `db` is one (so the event commits with the change it reports), else a new one.
 *
 * @example
 * const { deliveryIds } = await emitEvent(db, event);
 * await dispatchPending({ client, taskQueue }, deliveryIds); // after commit
 */
export async function emitEvent(db: Kysely<Database>, event: NotificationEvent): Promise<EmitResult> {
  return db.isTransaction ? emitInTx(db as Transaction<Database>, event) : db.transaction().execute((tx) => emitInTx(tx, event));
}
