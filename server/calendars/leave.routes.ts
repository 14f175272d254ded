// A rep's leave and working calendar: admins and the rep's manager change them, the rep reads them.
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
import { CreateLeaveBody, LeaveQuery, LeaveView, RepCalendarBody, RepCalendarView } from '../../schemas/calendars.js';
import { storedCalendarName } from './holidays.repository.js';
import { deleteLeave, insertLeave, listLeave, toLeaveView } from './leave.repository.js';
import { repForAccess } from './rep-access.js';
import { setRepCalendar } from './rep-calendar.repository.js';
import { invalidRequest } from '../request-issues.js';

const IdParam = z.object({ id: Id });

const routes = {
  list: createRoute({
    method: 'get',
    path: '/reps/{id}/leave',
    tags: ['calendars'],
    summary: "A rep's leave (the rep, their manager, an admin)",
    security: bearer,
    request: { params: IdParam, query: LeaveQuery },
    responses: { 200: jsonResponse(z.object({ items: z.array(LeaveView) }), 'Leave, earliest first.'), ...errorResponses(404) },
  }),
  create: createRoute({
    method: 'post',
    path: '/reps/{id}/leave',
    tags: ['calendars'],
    summary: 'Add leave (their manager, an admin); working-day deadlines skip it and assignment passes the rep over',
    security: bearer,
    middleware: [requireRole('admin', 'manager')] as const,
    request: { params: IdParam, body: jsonBody(CreateLeaveBody) },
    responses: { 201: jsonResponse(LeaveView, 'Added.'), ...errorResponses(404, 409) },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/reps/{id}/leave/{leaveId}',
    tags: ['calendars'],
    summary: 'Remove leave (their manager, an admin)',
    security: bearer,
    middleware: [requireRole('admin', 'manager')] as const,
    request: { params: z.object({ id: Id, leaveId: z.uuid() }) },
    responses: { 204: { description: 'Removed.' }, ...errorResponses(404) },
  }),
  setCalendar: createRoute({
    method: 'put',
    path: '/reps/{id}/calendar',
    tags: ['calendars'],
    summary: "Set the holiday calendar a rep's working days follow (admin)",
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params: IdParam, body: jsonBody(RepCalendarBody) },
    responses: { 200: jsonResponse(RepCalendarView, 'Set.'), ...errorResponses(404) },
  }),
};

export function registerLeaveRoutes(app: OpenAPIHono<AppEnv>, deps: { db: Kysely<Database>; clock: Clock }) {
  const { db, clock } = deps;

  app.openapi(routes.list, async (c) => {
    const rep = await repForAccess(db, c.get('actor'), c.req.valid('param').id, 'read');
    return c.json({ items: (await listLeave(db, rep.id, c.req.valid('query'))).map(toLeaveView) }, 200);
  });

  app.openapi(routes.create, async (c) => {
    const rep = await repForAccess(db, c.get('actor'), c.req.valid('param').id, 'write');
    return c.json(toLeaveView(await insertLeave(db, rep.id, c.req.valid('json'), clock.now())), 201);
  });

  app.openapi(routes.remove, async (c) => {
    const { id, leaveId } = c.req.valid('param');
    const rep = await repForAccess(db, c.get('actor'), id, 'write');
    if (!(await deleteLeave(db, rep.id, leaveId))) throw new AppError(ErrorCode.NOT_FOUND, `Rep ${rep.id} has no leave ${leaveId}.`);
    return c.body(null, 204);
  });

  app.openapi(routes.setCalendar, async (c) => {
    const rep = await repForAccess(db, c.get('actor'), c.req.valid('param').id, 'write');
    const { calendar: named } = c.req.valid('json');
    // Named in any case ("cn" is CN); a calendar without days would silently drop every holiday from the rep's deadlines.
    const calendar = named === null ? null : await storedCalendarName(db, named);
    if (named !== null && calendar === null) {
      throw invalidRequest('body', [{ pointer: '/calendar', code: 'unknown', params: { what: 'calendar', id: named } }], {
        message: `Invalid request body: /calendar has no days; create it with PUT /holidays/${named} first`,
      });
    }
    const row = await setRepCalendar(db, rep.id, calendar, clock.now());
    if (!row) throw new AppError(ErrorCode.NOT_FOUND, `Rep ${rep.id} does not exist.`);
    return c.json({ repId: row.id, calendar: row.calendar, timeZone: row.time_zone }, 200);
  });
}
