// GET /reports/workload: per rep, owned / key / won customers against their caps.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { WorkloadReport } from '../../schemas/reports.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonResponse } from '../http/openapi.js';
import type { Decisions } from '../decisions/decider.js';
import { ScopeQuery } from './period.js';
import { resolveScope } from './report-scope.js';
import { workload } from './workload.query.js';

const route = createRoute({
  method: 'get',
  path: '/reports/workload',
  tags: ['reports'],
  summary: 'Workload per active rep against the caps from the caps rules (admin: all or a team; manager: their team; rep: themselves)',
  security: bearer,
  request: { query: ScopeQuery.strict() },
  responses: { 200: jsonResponse(WorkloadReport, 'Workload.'), ...errorResponses() },
});

export function registerWorkloadReport(app: OpenAPIHono<AppEnv>, deps: { db: Kysely<Database>; clock: Clock; decisions: Decisions }) {
  app.openapi(route, async (c) => {
    const scope = await resolveScope(deps.db, c.get('actor'), c.req.valid('query').teamId);
    const result = await workload(deps.db, deps.decisions, scope, deps.clock.now());
    return c.json({ scope: { kind: scope.kind, teamId: scope.teamId }, ...result }, 200);
  });
}
