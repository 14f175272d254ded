// The caller's in-app notifications: list (newest first, unread filter), mark one or all read.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { Id } from '../../schemas/common.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonResponse } from '../http/openapi.js';
import { decodeCursor, toPage } from '../db/pagination.js';
import { NotificationPage, NotificationsQuery, NotificationView } from '../../schemas/notifications.js';
import { listNotifications, markAllRead, markRead, toNotificationView, unreadCount } from './notifications.repository.js';
import type { Actor } from '../auth/actor.js';
import { canRead, loadSubjects } from '../customers/customer-access.js';
import { namedPools, namedReps, noticeWords } from '../chat/chat-texts.js';
import { poolsNamed, repsNamed } from '../chat/chat-outbox.repository.js';
import type { Language } from '../../schemas/language.js';

async function readableNames(db: Kysely<Database>, actor: Actor, rows: readonly { customer_id: string | null }[]): Promise<Map<string, string>> {
  const subjects = await loadSubjects(db, actor, rows.flatMap((r) => (r.customer_id ? [r.customer_id] : [])));
  return new Map([...subjects].flatMap(([id, s]) => (canRead(actor, s).level === 'none' ? [] : [[id, s.customer.company_name] as [string, string]])));
}

/**
 * The notifications' words in the reader's language (Chinese told again from each event's values),
 * naming a customer only while the reader may still read it (one moved to a pool closed to them, or
 * merged away from them, goes unnamed).
 */
async function toldIn(db: Kysely<Database>, actor: Actor, language: Language, rows: Parameters<typeof toNotificationView>[0][]) {
  const names = language === 'en' ? new Map<string, string>() : await readableNames(db, actor, rows);
  // The reps the notices name, by name; times in the reader's time zone.
  const reps = await repsNamed(db, [...new Set([actor.repId, ...rows.flatMap((r) => namedReps(r.data))])]);
  const pools = await poolsNamed(db, [...new Set(rows.flatMap((r) => namedPools(r.data)))]);
  const people = { names: new Map([...reps].map(([id, r]) => [id, r.name])), timeZone: reps.get(actor.repId)?.timeZone ?? 'UTC', pools };
  return rows.map((r) =>
    toNotificationView(r, (x) =>
      noticeWords({ type: x.kind, customerName: x.customer_id ? (names.get(x.customer_id) ?? null) : null, payload: { title: x.title, body: x.body, data: x.data }, people }, language),
    ),
  );
}

const routes = {
  list: createRoute({
    method: 'get',
    path: '/notifications',
    tags: ['notifications'],
    summary: 'Your notifications, newest first (deadline warnings, escalations, reclaims, assignments, approvals)',
    security: bearer,
    request: { query: NotificationsQuery },
    responses: { 200: jsonResponse(NotificationPage, 'A page.'), ...errorResponses() },
  }),
  read: createRoute({
    method: 'post',
    path: '/notifications/{id}/read',
    tags: ['notifications'],
    summary: 'Mark one of your notifications read',
    security: bearer,
    request: { params: z.object({ id: Id }) },
    responses: { 200: jsonResponse(NotificationView, 'Read.'), ...errorResponses(404) },
  }),
  readAll: createRoute({
    method: 'post',
    path: '/notifications/read-all',
    tags: ['notifications'],
    summary: 'Mark all your notifications read',
    security: bearer,
    responses: { 200: jsonResponse(z.object({ read: z.number().int() }), 'How many were unread.'), ...errorResponses() },
  }),
};

export function registerNotificationInboxRoutes(app: OpenAPIHono<AppEnv>, deps: { db: Kysely<Database>; clock: Clock }) {
  const { db, clock } = deps;

  app.openapi(routes.list, async (c) => {
    const { repId } = c.get('actor');
    const query = c.req.valid('query');
    const rows = await listNotifications(db, repId, { unread: query.unread === 'true', limit: query.limit, cursor: decodeCursor(query.cursor) });
    const { items, nextCursor } = toPage(rows, query.limit);
    return c.json({ items: await toldIn(db, c.get('actor'), c.get('language'), items), nextCursor, unreadCount: await unreadCount(db, repId) }, 200);
  });

  app.openapi(routes.read, async (c) => {
    const row = await markRead(db, c.get('actor').repId, c.req.valid('param').id, clock.now());
    if (!row) throw new AppError(ErrorCode.NOT_FOUND, 'No such notification among yours.');
    return c.json((await toldIn(db, c.get('actor'), c.get('language'), [row]))[0]!, 200);
  });

  app.openapi(routes.readAll, async (c) => c.json({ read: await markAllRead(db, c.get('actor').repId, clock.now()) }, 200));
}
