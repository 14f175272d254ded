// Webhook subscriptions (admin): create (the signing secret is shown once), list, delete, and the
// delivery log with attempts and the last answer of each.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { Id } from '../../schemas/common.js';
import { requireRole } from '../auth/auth.middleware.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonBody, jsonResponse } from '../http/openapi.js';
import { decodeCursor, toPage } from '../db/pagination.js';
import type { DestinationPolicy } from '../net/public-destination.js';
import { CreateWebhookBody, DeliveriesQuery, DeliveryPage, WebhookCreated, WebhookView } from '../../schemas/notifications.js';
import { deleteWebhook, insertWebhook, listDeliveries, listWebhooks, toDeliveryView, toWebhookView, webhookExists } from './webhooks.repository.js';
import { invalidRequest } from '../request-issues.js';

const IdParam = z.object({ id: Id });

const routes = {
  create: createRoute({
    method: 'post',
    path: '/webhooks',
    tags: ['webhooks'],
    summary: 'Subscribe a URL to events (admin); the answer holds the signing secret, shown once',
    description:
      'The URL must reach a public address: a host that is (or resolves to) a loopback, private, link-local or other non-public address is refused (400, pointer /url) unless an operator allowed its range (WEBHOOK_ALLOW_PRIVATE); every delivery checks the addresses again when it connects. Each delivery is a POST of the event as JSON with X-Highseas-Event (the type), X-Highseas-Delivery (the delivery id, the same on every retry) and X-Highseas-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" keyed by the secret>. A 2xx answer within 10 s is delivered; anything else is retried with exponential backoff (1 s, 2 s, 4 s … capped) up to a limit, then the delivery is failed.',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { body: jsonBody(CreateWebhookBody) },
    responses: { 201: jsonResponse(WebhookCreated, 'Subscribed.'), ...errorResponses() },
  }),
  list: createRoute({
    method: 'get',
    path: '/webhooks',
    tags: ['webhooks'],
    summary: 'Webhook subscriptions (admin); secrets are never shown again',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    responses: { 200: jsonResponse(z.object({ items: z.array(WebhookView) }), 'Subscriptions.'), ...errorResponses() },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/webhooks/{id}',
    tags: ['webhooks'],
    summary: 'Delete a subscription and its delivery log (admin); scheduled retries stop',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params: IdParam },
    responses: { 204: { description: 'Deleted.' }, ...errorResponses(404) },
  }),
  deliveries: createRoute({
    method: 'get',
    path: '/webhooks/{id}/deliveries',
    tags: ['webhooks'],
    summary: "A subscription's deliveries, newest first, with attempts and the last answer (admin)",
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params: IdParam, query: DeliveriesQuery },
    responses: { 200: jsonResponse(DeliveryPage, 'A page.'), ...errorResponses(404) },
  }),
};

export function registerWebhookRoutes(app: OpenAPIHono<AppEnv>, deps: { db: Kysely<Database>; clock: Clock; destinations: DestinationPolicy }) {
  const { db, clock } = deps;

  app.openapi(routes.create, async (c) => {
    const body = c.req.valid('json');
    const verdict = await deps.destinations.checkUrl(body.url);
    if (!verdict.ok) {
      throw invalidRequest('body', [{ pointer: '/url', code: 'address_refused', params: { reason: verdict.reason, ...verdict.refusal } }], {
        message: `Invalid request body: /url ${verdict.reason}. Webhooks go to public addresses only; an operator can allow a private range for on-premises receivers with WEBHOOK_ALLOW_PRIVATE.`,
      });
    }
    const { row, secret } = await insertWebhook(db, body, c.get('actor').repId, clock.now());
    return c.json({ ...toWebhookView(row), secret }, 201);
  });

  app.openapi(routes.list, async (c) => c.json({ items: (await listWebhooks(db)).map(toWebhookView) }, 200));

  app.openapi(routes.remove, async (c) => {
    const { id } = c.req.valid('param');
    if (!(await deleteWebhook(db, id))) throw new AppError(ErrorCode.NOT_FOUND, `No webhook ${id}.`);
    return c.body(null, 204);
  });

  app.openapi(routes.deliveries, async (c) => {
    const { id } = c.req.valid('param');
    const query = c.req.valid('query');
    if (!(await webhookExists(db, id))) throw new AppError(ErrorCode.NOT_FOUND, `No webhook ${id}.`);
    const rows = await listDeliveries(db, id, { status: query.status, limit: query.limit, cursor: decodeCursor(query.cursor) });
    const { items, nextCursor } = toPage(rows, query.limit);
    return c.json({ items: items.map(toDeliveryView), nextCursor }, 200);
  });
}
