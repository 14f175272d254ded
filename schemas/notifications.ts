// In-app notifications and webhooks as the API accepts and returns them.
import { z } from 'zod';
import { PageQuery, page, uniqueList } from './common.js';
import { EVENT_TYPES } from './vocabulary.js';

export const EventType = z.enum(EVENT_TYPES).meta({ id: 'EventType', description: 'What happened; webhooks subscribe to these.' });
export type EventType = z.infer<typeof EventType>;

export const NotificationView = z
  .object({
    id: z.string(),
    kind: EventType,
    customerId: z.string().nullable(),
    title: z.string(),
    body: z.string(),
    data: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' });
export type NotificationView = z.infer<typeof NotificationView>;

export const NotificationsQuery = PageQuery.extend({
  unread: z.enum(['true', 'false']).optional().meta({ description: 'true: only unread ones.' }),
}).strict();

export const NotificationPage = page(NotificationView)
  .extend({ unreadCount: z.number().int().meta({ description: 'All your unread notifications, not only this page.' }) })
  .meta({ id: 'NotificationPage' });

/** A subscription (webhooks, chat channels): "*" or event types, each at most once. */
export const SubscribedEvents = uniqueList(z.union([EventType, z.literal('*')]))
  .min(1)
  .max(20)
  .meta({ description: 'Event types to receive, or ["*"] for all.' });

/**
 * An address the server posts to (a webhook, a chat robot): http or https, and no user name or
 * password in it — they would be shown and logged with the address; a receiver's key or token goes
 * where it reads it (a query parameter, masked when shown, or the signing secret).
 */
export const OutboundUrl = z
  .url({ protocol: /^https?$/ })
  .max(2_000)
  .refine((u) => !/^https?:\/\/[^/?#]*@/i.test(u), 'an address here carries no user name or password; a key or token goes where the receiver reads it (a query parameter, or the signing secret)');

export const CreateWebhookBody = z
  .strictObject({
    url: OutboundUrl.meta({ description: 'Where deliveries are POSTed (http or https).', example: 'https://crm.example.com/hooks/highseas' }),
    events: SubscribedEvents,
  })
  .meta({ id: 'CreateWebhook' });
export type CreateWebhookBody = z.infer<typeof CreateWebhookBody>;

export const WebhookView = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.string()),
    active: z.boolean(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Webhook' });
export type WebhookView = z.infer<typeof WebhookView>;

export const WebhookCreated = WebhookView.extend({
  secret: z.string().meta({
    description:
      'The signing secret, shown once. Each delivery has X-Highseas-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" keyed by this secret>.',
  }),
}).meta({ id: 'WebhookCreated' });

const DeliveryStatus = z.enum(['pending', 'delivered', 'failed']);

export const DeliveryView = z
  .object({
    id: z.string(),
    webhookId: z.string(),
    event: z.string(),
    status: DeliveryStatus,
    attempts: z.number().int(),
    lastStatus: z.number().int().nullable().meta({ description: 'HTTP status of the last attempt; null when no answer came.' }),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    lastAttemptAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    payload: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'WebhookDelivery' });
export type DeliveryView = z.infer<typeof DeliveryView>;

export const DeliveriesQuery = PageQuery.extend({ status: DeliveryStatus.optional() }).strict();
export const DeliveryPage = page(DeliveryView).meta({ id: 'WebhookDeliveryPage' });
