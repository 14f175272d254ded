// GET /reports/contributions: per rep, the splits recorded in the period and their shares.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { ContributionReport } from '../../schemas/collaborators.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonResponse } from '../http/openapi.js';
import { contributionsPerRep } from './contributions.query.js';
import { PeriodQuery, ScopeQuery, periodView, resolvePeriod } from './period.js';
import { resolveScope } from './report-scope.js';

const route = createRoute({
  method: 'get',
  path: '/reports/contributions',
  tags: ['reports'],
  summary:
    'Contributions per rep in the period: customers won or joint follow-ups closed they took part in, their follow-ups, stages, approved quotes and the sum of their shares (admin: all or a team; manager: their team; rep: their own)',
  security: bearer,
  request: { query: PeriodQuery.extend(ScopeQuery.shape).strict() },
  responses: { 200: jsonResponse(ContributionReport, 'Largest share first.'), ...errorResponses() },
});

export function registerContributionsReport(app: OpenAPIHono<AppEnv>, deps: { db: Kysely<Database>; clock: Clock }) {
  app.openapi(route, async (c) => {
    const query = c.req.valid('query');
    const period = resolvePeriod(query, deps.clock.now());
    const scope = await resolveScope(deps.db, c.get('actor'), query.teamId);
    return c.json({ period: periodView(period), scope: { kind: scope.kind, teamId: scope.teamId }, ...(await contributionsPerRep(deps.db, period, scope)) }, 200);
  });
}
