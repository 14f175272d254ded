// What the lifecycle tells people about: the event types, who receives an event, and its payload.
// JSON-friendly on purpose (ISO strings, no Dates), so events travel through Temporal activity
// arguments unchanged.
import { z } from 'zod';
import { Id, IsoDateTime } from '../../schemas/common.js';

export const EventType = z
  .enum([
    'deadline.warning',
    'deadline.escalation',
    'customer.reclaimed',
    'customer.assigned',
    'approval.requested',
    'approval.decided',
    'approval.escalated',
  ])
  .meta({ id: 'EventType', description: 'What happened; webhooks subscribe to these.' });
export type EventType = z.infer<typeof EventType>;

/** A rep by id, or "the manager of this rep" (the manager of their team), resolved when emitted. */
export const Recipient = z.union([Id, z.strictObject({ managerOf: Id })]);
export type Recipient = z.infer<typeof Recipient>;

/**
 * One event. `idempotencyKey` names the occurrence (e.g. `warning:<tenureId>:<seq>`): emitting it
 * again writes nothing new, so a retried activity may emit freely.
 *
 * @example
 * const event: NotificationEvent = {
 *   type: 'deadline.escalation',
 *   idempotencyKey: `escalation:${tenureId}:${seq}`,
 *   occurredAt: now.toISOString(),
 *   customerId,
 *   recipients: [ownerId, { managerOf: ownerId }],
 *   title: 'Acme Ltd. will return to the pool tomorrow',
 *   body: 'No follow-up since 3 November; the deadline is 2026-11-24 18:00 (Asia/Shanghai).',
 *   data: { deadline: '2026-11-24T10:00:00.000Z', ownerId },
 * };
 */
export const NotificationEvent = z.strictObject({
  type: EventType,
  idempotencyKey: z.string().min(1).max(200),
  occurredAt: IsoDateTime,
  customerId: Id.nullable().optional(),
  recipients: z.array(Recipient).max(100),
  title: z.string().trim().min(1).max(200),
  body: z.string().max(4_000),
  data: z.record(z.string(), z.unknown()).default({}),
});
export type NotificationEvent = z.input<typeof NotificationEvent>;

/** The JSON body every webhook receives for an event (the same for every subscriber). */
export const WebhookPayload = z
  .object({
    type: EventType,
    eventKey: z.string().meta({ description: "The event's idempotency key: the same event is never sent with two keys." }),
    occurredAt: z.string(),
    customerId: z.string().nullable(),
    recipients: z.array(z.string()).meta({ description: 'The reps notified in-app.' }),
    title: z.string(),
    body: z.string(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'WebhookPayload' });
export type WebhookPayload = z.infer<typeof WebhookPayload>;
