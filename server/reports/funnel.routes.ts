// GET /reports/funnel: pool → claimed → inquiry → quote → sample → won, per stage and per rep.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { FunnelReport } from '../../schemas/reports.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonResponse } from '../http/openapi.js';
import { funnel } from './funnel.query.js';
import { PeriodQuery, ScopeQuery, periodView, resolvePeriod } from './period.js';
import { resolveScope } from './report-scope.js';

const route = createRoute({
  method: 'get',
  path: '/reports/funnel',
  tags: ['reports'],
  summary: 'Funnel with conversion per stage and per rep (admin: all or a team; manager: their team; rep: themselves)',
  security: bearer,
  request: { query: PeriodQuery.extend(ScopeQuery.shape).strict() },
  responses: { 200: jsonResponse(FunnelReport, 'The funnel.'), ...errorResponses() },
});

export function registerFunnelReport(app: OpenAPIHono<AppEnv>, deps: { db: Kysely<Database>; clock: Clock }) {
  app.openapi(route, async (c) => {
    const query = c.req.valid('query');
    const period = resolvePeriod(query, deps.clock.now());
    const scope = await resolveScope(deps.db, c.get('actor'), query.teamId);
    const result = await funnel(deps.db, period, scope);
    return c.json({ period: periodView(period), scope: { kind: scope.kind, teamId: scope.teamId }, ...result }, 200);
  });
}
