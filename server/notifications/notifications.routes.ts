// The notifications module's routes: the caller's in-app inbox and the admin's webhooks.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { AppEnv } from '../http/app-env.js';
import type { DestinationPolicy } from '../net/public-destination.js';
import { registerNotificationInboxRoutes } from './inbox.routes.js';
import { registerWebhookRoutes } from './webhooks.routes.js';

export function registerNotificationRoutes(app: OpenAPIHono<AppEnv>, deps: { db: Kysely<Database>; clock: Clock; destinations: DestinationPolicy }) {
  registerNotificationInboxRoutes(app, deps);
  registerWebhookRoutes(app, deps);
}
