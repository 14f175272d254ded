// The report endpoints (R10); every one answers from Postgres with grouped reads over indexes.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { AppEnv } from '../http/app-env.js';
import type { Decisions } from '../decisions/decider.js';
import { registerFunnelReport } from './funnel.routes.js';
import { registerReclaimsReport } from './reclaims.routes.js';
import { registerWorkloadReport } from './workload.routes.js';
import { registerDisputesReport } from './disputes.routes.js';
import { registerContributionsReport } from './contributions.routes.js';

export function registerReportRoutes(app: OpenAPIHono<AppEnv>, deps: { db: Kysely<Database>; clock: Clock; decisions: Decisions }) {
  registerFunnelReport(app, deps);
  registerWorkloadReport(app, deps);
  registerReclaimsReport(app, deps);
  registerDisputesReport(app, deps);
  registerContributionsReport(app, deps);
}
