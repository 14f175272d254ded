// A rep leaves (离职交接) and managers move customers in bulk (R16): POST /reps/{id}/handover,
// POST /bulk-moves, and GET /handovers/{id} for a job's progress and per-customer results.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { Id } from '../../schemas/common.js';
import { BulkMoveBody, HandoverBody, HandoverJobView } from '../../schemas/handovers.js';
import { requireRole } from '../auth/auth.middleware.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonBody, jsonResponse } from '../http/openapi.js';
import { type HandoverServiceDeps, createHandoverService } from './handovers.service.js';

const IdParam = z.object({ id: Id });

const routes = {
  handover: createRoute({
    method: 'post',
    path: '/reps/{id}/handover',
    tags: ['handovers'],
    summary: "A rep leaves: deactivate them and move every customer they own, as one durable job (admin, or the rep's manager)",
    security: bearer,
    middleware: [requireRole('admin', 'manager')] as const,
    request: { params: IdParam, body: jsonBody(HandoverBody) },
    responses: { 202: jsonResponse(HandoverJobView, 'Started; follow it at GET /handovers/{id}.'), ...errorResponses(404, 409, 503) },
  }),
  bulkMove: createRoute({
    method: 'post',
    path: '/bulk-moves',
    tags: ['handovers'],
    summary: 'Transfer customers to a rep, return them to the pool, or move pool customers to another pool (managers: their team; admins: any)',
    security: bearer,
    middleware: [requireRole('admin', 'manager')] as const,
    request: { body: jsonBody(BulkMoveBody) },
    responses: {
      200: jsonResponse(HandoverJobView, 'Done: per customer where it went, or the refusal code.'),
      202: jsonResponse(HandoverJobView, 'Still running after 8 s: the progress so far; follow it at GET /handovers/{id}.'),
      ...errorResponses(403, 503),
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/handovers/{id}',
    tags: ['handovers'],
    summary: 'A handover or bulk-move job: progress, totals and per-customer results',
    security: bearer,
    request: { params: IdParam },
    responses: { 200: jsonResponse(HandoverJobView, 'The job.'), ...errorResponses(404) },
  }),
};

export function registerHandoverRoutes(app: OpenAPIHono<AppEnv>, deps: HandoverServiceDeps) {
  const service = createHandoverService(deps);

  app.openapi(routes.handover, async (c) => c.json(await service.handover(c.get('actor'), c.req.valid('param').id, c.req.valid('json'), c.get('language')), 202));

  app.openapi(routes.bulkMove, async (c) => {
    const { finished, job } = await service.bulkMove(c.get('actor'), c.req.valid('json'), c.get('language'));
    return finished ? c.json(job, 200) : c.json(job, 202);
  });

  app.openapi(routes.get, async (c) => c.json(await service.get(c.get('actor'), c.req.valid('param').id, c.get('language')), 200));
}
