// GET /reports/reclaims: customers returned to the pool over time, by reason.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ReclaimsReport } from '../../schemas/reports.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonResponse } from '../http/openapi.js';
import { PeriodQuery, ScopeQuery, TimeZoneQuery, periodView, resolvePeriod } from './period.js';
import { reclaims } from './reclaims.query.js';
import { resolveScope } from './report-scope.js';

const route = createRoute({
  method: 'get',
  path: '/reports/reclaims',
  tags: ['reports'],
  summary: 'Reclaims over time by reason, by day or ISO week (admin: all or a team; manager: their team; rep: their own)',
  security: bearer,
  request: {
    query: PeriodQuery.extend(ScopeQuery.shape)
      .extend(TimeZoneQuery.shape)
      .extend({ bucket: z.enum(['day', 'week']).default('day') })
      .strict(),
  },
  responses: { 200: jsonResponse(ReclaimsReport, 'Reclaims.'), ...errorResponses() },
});

export function registerReclaimsReport(app: OpenAPIHono<AppEnv>, deps: { db: Kysely<Database>; clock: Clock }) {
  app.openapi(route, async (c) => {
    const query = c.req.valid('query');
    const period = resolvePeriod(query, deps.clock.now());
    const scope = await resolveScope(deps.db, c.get('actor'), query.teamId);
    const result = await reclaims(deps.db, period, scope, query.bucket, query.timeZone);
    return c.json({ period: periodView(period), scope: { kind: scope.kind, teamId: scope.teamId }, ...result }, 200);
  });
}
