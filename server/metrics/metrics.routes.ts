// GET /metrics on the API: the Prometheus text exposition for the METRICS_TOKEN bearer or an admin.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses } from '../http/openapi.js';
import { EXPOSITION_CONTENT_TYPE, exposition } from './exposition.js';
import { metricsAccess } from './metrics-access.middleware.js';

export interface MetricsRouteDeps {
  db: Kysely<Database>;
  /** The METRICS_TOKEN setting: a bearer Prometheus presents; an admin's API token works too. */
  metricsToken?: string | undefined;
}

export function registerMetricsRoute(app: OpenAPIHono<AppEnv>, deps: MetricsRouteDeps, admin: MiddlewareHandler<AppEnv>[]) {
  const route = createRoute({
    method: 'get',
    path: '/metrics',
    tags: ['health'],
    summary: 'Prometheus metrics of this process (claims, reclaims, updates, decisions, tenures, deliveries, imports)',
    description: 'Text exposition format 0.0.4. Send the METRICS_TOKEN setting as a bearer token (or an admin API token).',
    security: bearer,
    middleware: [metricsAccess(deps.metricsToken, admin)] as const,
    responses: {
      200: { description: 'The metrics, one sample a line.', content: { 'text/plain': { schema: z.string() } } },
      ...errorResponses(),
    },
  });
  app.openapi(route, async (c) => {
    const text = await exposition(deps.db);
    return c.text(text, 200, { 'content-type': EXPOSITION_CONTENT_TYPE, 'cache-control': 'no-store' });
  });
}
