// POST /forecasts: what a reclaim, assignment or caps draft would do over the coming days, beside
// the published version (server/forecast/forecast.runner.ts). Reads only; answers at once.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { FORECAST_DECISIONS, ForecastBody, ForecastView } from '../../schemas/forecasts.js';
import type { RuleSetDocument } from '../../schemas/rule-set.js';
import { requireRole } from '../auth/auth.middleware.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonBody, jsonResponse } from '../http/openapi.js';
import { findPublished } from '../rules/rule-sets.repository.js';
import { loadRuleSet, validOrThrow } from '../rules/rule-sets.service.js';
import { runForecast } from './forecast.runner.js';
import { findRep } from '../reps/reps.repository.js';
import { invalidRequest } from '../request-issues.js';
import type { Actor } from '../auth/actor.js';
import { AppError, ErrorCode } from '../errors.js';

const route = createRoute({
  method: 'post',
  path: '/forecasts',
  tags: ['rules'],
  summary: "Forecast a reclaim, assignment or caps draft over the next days beside the published version (nothing is written); a manager's covers their own team",
  security: bearer,
  middleware: [requireRole('admin', 'manager')] as const,
  request: { body: jsonBody(ForecastBody) },
  responses: { 200: jsonResponse(ForecastView, 'Reclaims per day, rep and reason; moved deadlines; assignments; reps at their cap.'), ...errorResponses(404) },
});

/** A manager forecasts their own team's tenures and reps (as their reports show), an admin every team's. */
function forecastTeam(actor: Actor): string | null {
  if (actor.role === 'admin') return null;
  if (actor.teamId === null) throw new AppError(ErrorCode.FORBIDDEN, 'A manager forecasts the tenures of their own team, and you lead none; ask an admin to put you in a team.');
  return actor.teamId;
}

const isForecastable = (d: string): d is (typeof FORECAST_DECISIONS)[number] => (FORECAST_DECISIONS as readonly string[]).includes(d);

export function registerForecastRoutes(app: OpenAPIHono<AppEnv>, deps: { db: Kysely<Database>; clock: Clock }) {
  const { db, clock } = deps;
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const candidate = body.candidateRuleSetId
      ? ((await loadRuleSet(db, body.candidateRuleSetId)).document as RuleSetDocument)
      : validOrThrow(body.format === 'dsl' ? { format: 'dsl', source: body.source } : { format: 'json', document: body.document }, c.get('language')).document;
    if (!isForecastable(candidate.decision)) {
      const at = body.candidateRuleSetId ? '/candidateRuleSetId' : body.format === 'dsl' ? '/source' : '/document/decision';
      throw invalidRequest('body', [{ pointer: at, code: 'forecast_decisions', params: { decisions: FORECAST_DECISIONS.join(', ') } }], {
        message: `A forecast is made for ${FORECAST_DECISIONS.join(', ')} rules, not ${candidate.decision}; use a simulation.`,
      });
    }
    const published = async (d: 'reclaim' | 'assignment' | 'caps') => ((await findPublished(db, d))?.document as RuleSetDocument | undefined) ?? null;
    const view = await runForecast(db, {
      decision: candidate.decision,
      candidate,
      published: { reclaim: await published('reclaim'), assignment: await published('assignment'), caps: await published('caps') },
      days: body.days,
      now: clock.now(),
      teamId: forecastTeam(c.get('actor')),
      timeZone: body.timeZone ?? (await findRep(db, c.get('actor').repId))?.time_zone ?? 'UTC',
    });
    return c.json(view, 200);
  });
}
