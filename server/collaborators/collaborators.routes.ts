// Collaborators and joint follow-up (联合攻坚, issue 15 §1): add and remove collaborators; a manager
// opens a joint follow-up on a pool customer, reps join it, the manager closes it.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { AddCollaboratorBody, CollaborationView, OpenJointBody } from '../../schemas/collaborators.js';
import { Id } from '../../schemas/common.js';
import { requireRole } from '../auth/auth.middleware.js';
import { ACTION_ROLES } from '../customers/customer-access.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonBody, jsonResponse } from '../http/openapi.js';
import type { CollaboratorService } from './collaborators.service.js';

const IdParam = z.object({ id: Id });
const tags = ['collaborators'];

const routes = {
  get: createRoute({
    method: 'get',
    path: '/customers/{id}/collaborators',
    tags,
    summary: 'The collaborators of a customer, its joint follow-up and every recorded split of contributions (full readers)',
    security: bearer,
    request: { params: IdParam },
    responses: { 200: jsonResponse(CollaborationView, 'The collaboration.'), ...errorResponses(404, 409) },
  }),
  add: createRoute({
    method: 'post',
    path: '/customers/{id}/collaborators',
    tags,
    summary:
      "Add a collaborator (the owner, their team's manager or an admin; on a pool customer, a manager or an admin while a joint follow-up is open), from the reps listed as candidates (the owner's team; on a pool customer the manager's own; an admin anyone: FORBIDDEN otherwise): REP_INACTIVE, REP_ON_LEAVE, ALREADY_OWNER, ALREADY_COLLABORATOR, COLLABORATION_CAP_REACHED, NO_JOINT_FOLLOW_UP",
    security: bearer,
    middleware: [requireRole(...ACTION_ROLES.collaborate)] as const,
    request: { params: IdParam, body: jsonBody(AddCollaboratorBody) },
    responses: { 201: jsonResponse(CollaborationView, 'Added; in the customer’s history.'), ...errorResponses(404, 409) },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/customers/{id}/collaborators/{repId}',
    tags,
    summary: 'Remove a collaborator (whoever may add them, FORBIDDEN otherwise; or the collaborator leaving); takes effect at the next request',
    security: bearer,
    middleware: [requireRole(...ACTION_ROLES.collaborate)] as const,
    request: { params: z.object({ id: Id, repId: Id }) },
    responses: { 200: jsonResponse(CollaborationView, 'Removed.'), ...errorResponses(404, 409) },
  }),
  open: createRoute({
    method: 'post',
    path: '/customers/{id}/joint-follow-up',
    tags,
    summary: 'Open a joint follow-up (联合攻坚) on a pool customer (manager or admin): reps whose pool it is open to join it (JOINT_FOLLOW_UP_OPEN)',
    security: bearer,
    middleware: [requireRole(...ACTION_ROLES.joint)] as const,
    request: { params: IdParam, body: jsonBody(OpenJointBody) },
    responses: { 201: jsonResponse(CollaborationView, 'Opened.'), ...errorResponses(404, 409) },
  }),
  join: createRoute({
    method: 'post',
    path: '/customers/{id}/joint-follow-up/join',
    tags,
    summary: 'Join the open joint follow-up of a pool customer as a collaborator (NO_JOINT_FOLLOW_UP, REP_INACTIVE, REP_ON_LEAVE, ALREADY_COLLABORATOR, COLLABORATION_CAP_REACHED)',
    security: bearer,
    middleware: [requireRole(...ACTION_ROLES.join)] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(CollaborationView, 'Joined.'), ...errorResponses(404, 409) },
  }),
  close: createRoute({
    method: 'post',
    path: '/customers/{id}/joint-follow-up/close',
    tags,
    summary:
      'Close the joint follow-up (a manager of the team that opened it, or an admin; FORBIDDEN otherwise): each participant’s contribution is recorded and the assignment rules (trigger collaboration_end) decide who gets the customer; one claimed meanwhile keeps its owner (NO_JOINT_FOLLOW_UP)',
    security: bearer,
    middleware: [requireRole(...ACTION_ROLES.joint)] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(CollaborationView, 'Closed; the split and the outcome.'), ...errorResponses(404, 409, 503) },
  }),
};

export function registerCollaboratorRoutes(app: OpenAPIHono<AppEnv>, service: CollaboratorService) {
  app.openapi(routes.get, async (c) => c.json(await service.get(c.get('actor'), c.req.valid('param').id, c.get('language')), 200));
  app.openapi(routes.add, async (c) => c.json(await service.add(c.get('actor'), c.req.valid('param').id, c.req.valid('json'), c.get('language')), 201));
  app.openapi(routes.remove, async (c) => {
    const { id, repId } = c.req.valid('param');
    return c.json(await service.remove(c.get('actor'), id, repId, c.get('language')), 200);
  });
  app.openapi(routes.open, async (c) => c.json(await service.open(c.get('actor'), c.req.valid('param').id, c.req.valid('json') ?? {}, c.get('language')), 201));
  app.openapi(routes.join, async (c) => c.json(await service.join(c.get('actor'), c.req.valid('param').id, c.get('language')), 200));
  app.openapi(routes.close, async (c) => c.json(await service.close(c.get('actor'), c.req.valid('param').id, c.get('language')), 200));
}
