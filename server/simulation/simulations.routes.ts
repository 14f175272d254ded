// Simulation endpoints: start (or run and wait), poll progress and result, cancel.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { z } from 'zod';
import { Id } from '../../schemas/common.js';
import { SimulationBody } from '../../schemas/rule-sets-api.js';
import { SimulationView } from '../../schemas/simulations.js';
import { requireRole } from '../auth/auth.middleware.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonBody, jsonResponse } from '../http/openapi.js';
import { validOrThrow } from '../rules/rule-sets.service.js';
import { createSimulations } from './simulations.service.js';

const IdParam = z.object({ id: Id });

const routes = {
  start: createRoute({
    method: 'post',
    path: '/simulations',
    tags: ['rules'],
    summary: 'Dry-run a rule set against the published one over live customers (nothing is written)',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { body: jsonBody(SimulationBody) },
    responses: {
      200: jsonResponse(SimulationView, 'Finished (with "wait": true, within 10 s).'),
      202: jsonResponse(SimulationView, 'Started (or, with "wait": true, still running after 10 s); poll GET /simulations/{id}.'),
      ...errorResponses(404),
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/simulations/{id}',
    tags: ['rules'],
    summary: 'Progress and result of a simulation',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(SimulationView, 'The simulation.'), ...errorResponses(404) },
  }),
  cancel: createRoute({
    method: 'post',
    path: '/simulations/{id}/cancel',
    tags: ['rules'],
    summary: 'Stop a running simulation (it stops after the current page of customers)',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(SimulationView, 'Cancel requested.'), ...errorResponses(404, 409) },
  }),
};

export function registerSimulationRoutes(app: OpenAPIHono<AppEnv>, deps: { db: Kysely<Database>; clock: Clock; logger: Logger; simulationWaitMs?: number | undefined }) {
  const sims = createSimulations({ ...deps, waitMs: deps.simulationWaitMs });
  app.openapi(routes.start, async (c) => {
    const { format, source, ...body } = c.req.valid('json');
    // Source text is compiled (and refused at its line and column) like a draft being saved.
    const document = format === 'dsl' ? validOrThrow({ format, source }, c.get('language')).document : body.document;
    const view = await sims.start({ ...body, document }, c.get('actor').repId, c.get('language'));
    return body.wait && view.status !== 'running' ? c.json(view, 200) : c.json(view, 202);
  });
  app.openapi(routes.get, async (c) => c.json(await sims.get(c.req.valid('param').id, c.get('language')), 200));
  app.openapi(routes.cancel, async (c) => c.json(await sims.cancel(c.req.valid('param').id, c.get('language')), 200));
}
