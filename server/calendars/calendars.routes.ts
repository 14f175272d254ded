// The calendars module's routes: holiday calendars, rep leave and a rep's calendar.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { AppEnv } from '../http/app-env.js';
import { registerHolidayRoutes } from './holidays.routes.js';
import { registerLeaveRoutes } from './leave.routes.js';

export function registerCalendarRoutes(app: OpenAPIHono<AppEnv>, deps: { db: Kysely<Database>; clock: Clock }) {
  registerHolidayRoutes(app, deps);
  registerLeaveRoutes(app, deps);
}
