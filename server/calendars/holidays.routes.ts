// Holiday calendars (admin-managed): everyone reads them, admins replace a calendar or drop a day.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { requireRole } from '../auth/auth.middleware.js';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonBody, jsonResponse } from '../http/openapi.js';
import { CalendarName, CalendarView, HolidaysQuery, HolidayView, LocalDate, ReplaceHolidaysBody } from '../../schemas/calendars.js';
import { deleteHoliday, listHolidays, replaceCalendar, toHolidayView } from './holidays.repository.js';
import { invalidRequest } from '../request-issues.js';

const routes = {
  list: createRoute({
    method: 'get',
    path: '/holidays',
    tags: ['calendars'],
    summary: 'Holidays and make-up working days, by calendar and date',
    security: bearer,
    request: { query: HolidaysQuery },
    responses: { 200: jsonResponse(z.object({ items: z.array(HolidayView) }), 'Days in calendar and date order.'), ...errorResponses() },
  }),
  replace: createRoute({
    method: 'put',
    path: '/holidays/{calendar}',
    tags: ['calendars'],
    summary: "Replace a calendar's days (admin); atomic, an empty list empties it",
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params: z.object({ calendar: CalendarName }), body: jsonBody(ReplaceHolidaysBody) },
    responses: { 200: jsonResponse(CalendarView, 'The calendar as stored.'), ...errorResponses() },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/holidays/{calendar}/{day}',
    tags: ['calendars'],
    summary: 'Remove one day from a calendar (admin)',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params: z.object({ calendar: CalendarName, day: LocalDate }) },
    responses: { 204: { description: 'Removed.' }, ...errorResponses(404) },
  }),
};

export function registerHolidayRoutes(app: OpenAPIHono<AppEnv>, deps: { db: Kysely<Database> }) {
  const { db } = deps;

  app.openapi(routes.list, async (c) => {
    const query = c.req.valid('query');
    if (query.from && query.to && query.to < query.from) {
      throw invalidRequest('query', [{ pointer: '/to', code: 'to_before_from', params: { to: query.to, from: query.from } }], { message: 'Invalid request query: /to is before /from' });
    }
    return c.json({ items: (await listHolidays(db, query)).map(toHolidayView) }, 200);
  });

  app.openapi(routes.replace, async (c) => {
    const { calendar } = c.req.valid('param');
    const replaced = await replaceCalendar(db, calendar, c.req.valid('json').days);
    return c.json({ calendar: replaced.calendar, days: replaced.days.map(toHolidayView) }, 200);
  });

  app.openapi(routes.remove, async (c) => {
    const { calendar, day } = c.req.valid('param');
    if (!(await deleteHoliday(db, calendar, day))) throw new AppError(ErrorCode.NOT_FOUND, `Calendar ${calendar} has no day ${day}.`);
    return c.body(null, 204);
  });
}
