// Disputes of rule decisions (issue 15 §2): a rep files one about a customer; the rep's manager or
// an admin decides it; everyone reads the disputes their role covers.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { Id } from '../../schemas/common.js';
import { DecideDisputeBody, DisputableDecision, DisputeView, DisputesQuery, FileDisputeBody } from '../../schemas/disputes.js';
import { requireRole } from '../auth/auth.middleware.js';
import { ACTION_ROLES } from '../customers/customer-access.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonBody, jsonResponse } from '../http/openapi.js';
import type { DisputeService } from './disputes.service.js';

const IdParam = z.object({ id: Id });

const routes = {
  file: createRoute({
    method: 'post',
    path: '/customers/{id}/disputes',
    tags: ['disputes'],
    summary:
      'Dispute a rule decision about you and this customer within the dispute window: an assignment to another rep, a refused claim, or a reclaim (NOTHING_TO_DISPUTE, NOT_INVOLVED, DISPUTE_WINDOW_CLOSED, DISPUTE_OPEN)',
    security: bearer,
    middleware: [requireRole(...ACTION_ROLES.dispute)] as const,
    request: { params: IdParam, body: jsonBody(FileDisputeBody) },
    responses: { 201: jsonResponse(DisputeView, 'Filed; your manager (or an admin) is told.'), ...errorResponses(404, 409) },
  }),
  disputable: createRoute({
    method: 'get',
    path: '/customers/{id}/disputable',
    tags: ['disputes'],
    summary: 'The decisions about you and this customer you may still dispute, newest first',
    security: bearer,
    middleware: [requireRole(...ACTION_ROLES.dispute)] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(z.object({ decisions: z.array(DisputableDecision), windowMs: z.number() }), 'Within the window.'), ...errorResponses(404, 409) },
  }),
  list: createRoute({
    method: 'get',
    path: '/disputes',
    tags: ['disputes'],
    summary: 'Disputes: a rep their own, a manager their team’s, an admin all; newest first',
    security: bearer,
    request: { query: DisputesQuery },
    responses: { 200: jsonResponse(z.object({ items: z.array(DisputeView) }), 'Newest first.'), ...errorResponses() },
  }),
  get: createRoute({
    method: 'get',
    path: '/disputes/{id}',
    tags: ['disputes'],
    summary: 'One dispute with the decision it disputes (version, rule, facts)',
    security: bearer,
    request: { params: IdParam },
    responses: { 200: jsonResponse(DisputeView, 'The dispute.'), ...errorResponses(404) },
  }),
  decide: createRoute({
    method: 'post',
    path: '/disputes/{id}/decision',
    tags: ['disputes'],
    summary:
      "Decide a dispute (the disputing rep's team manager; an admin across teams or without a manager): uphold, or reassign the customer to the rep within their caps (CAP_REACHED), with a comment told to both sides",
    security: bearer,
    middleware: [requireRole('manager', 'admin')] as const,
    request: { params: IdParam, body: jsonBody(DecideDisputeBody) },
    responses: { 200: jsonResponse(DisputeView, 'Decided.'), ...errorResponses(404, 409, 503) },
  }),
};

export function registerDisputeRoutes(app: OpenAPIHono<AppEnv>, service: DisputeService) {
  app.openapi(routes.file, async (c) => c.json(await service.file(c.get('actor'), c.req.valid('param').id, c.req.valid('json'), c.get('language')), 201));
  app.openapi(routes.disputable, async (c) => c.json({ decisions: await service.disputable(c.get('actor'), c.req.valid('param').id, c.get('language')), windowMs: service.windowMs }, 200));
  app.openapi(routes.list, async (c) => c.json({ items: await service.list(c.get('actor'), c.req.valid('query'), c.get('language')) }, 200));
  app.openapi(routes.get, async (c) => c.json(await service.get(c.get('actor'), c.req.valid('param').id, c.get('language')), 200));
  app.openapi(routes.decide, async (c) => c.json(await service.decide(c.get('actor'), c.req.valid('param').id, c.req.valid('json'), c.get('language')), 200));
}
