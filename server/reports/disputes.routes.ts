// GET /reports/disputes: disputes per rule-set version and rule, filed, open, upheld and reassigned.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { DisputesReport } from '../../schemas/disputes.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonResponse } from '../http/openapi.js';
import { disputesPerRule } from './disputes.query.js';
import { PeriodQuery, ScopeQuery, periodView, resolvePeriod } from './period.js';
import { resolveScope } from './report-scope.js';

const route = createRoute({
  method: 'get',
  path: '/reports/disputes',
  tags: ['reports'],
  summary: 'Disputes filed in the period per rule that decided (rule set, version, rule): filed, open, upheld, reassigned (admin: all or a team; manager: their team; rep: their own)',
  security: bearer,
  request: { query: PeriodQuery.extend(ScopeQuery.shape).strict() },
  responses: { 200: jsonResponse(DisputesReport, 'Most disputed rules first.'), ...errorResponses() },
});

export function registerDisputesReport(app: OpenAPIHono<AppEnv>, deps: { db: Kysely<Database>; clock: Clock }) {
  app.openapi(route, async (c) => {
    const query = c.req.valid('query');
    const period = resolvePeriod(query, deps.clock.now());
    const scope = await resolveScope(deps.db, c.get('actor'), query.teamId);
    return c.json({ period: periodView(period), scope: { kind: scope.kind, teamId: scope.teamId }, ...(await disputesPerRule(deps.db, period, scope)) }, 200);
  });
}
