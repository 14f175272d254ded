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
import { NotificationPage, NotificationsQuery, NotificationView } from './notifications.schemas.js';
import { listNotifications, markAllRead, markRead, toNotificationView, unreadCount } from './notifications.repository.js';

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
    return c.json({ items: items.map(toNotificationView), nextCursor, unreadCount: await unreadCount(db, repId) }, 200);
  });

  app.openapi(routes.read, async (c) => {
    const row = await markRead(db, c.get('actor').repId, c.req.valid('param').id, clock.now());
    if (!row) throw new AppError(ErrorCode.NOT_FOUND, 'No such notification among yours.');
    return c.json(toNotificationView(row), 200);
  });

  app.openapi(routes.readAll, async (c) => c.json({ read: await markAllRead(db, c.get('actor').repId, clock.now()) }, 200));
}
