// Pools (R1): several public pools, each open to everyone or to listed teams and reps.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { Id } from '../../schemas/common.js';
import { PoolBody, PoolUpdateBody, PoolView } from '../../schemas/lifecycle.js';
import { requireRole } from '../auth/auth.middleware.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonBody, jsonResponse } from '../http/openapi.js';
import { openPoolIds } from './pool-access.js';
import { changePool, createPool, poolViews } from './pools.service.js';

const IdParam = z.object({ id: Id });

const routes = {
  list: createRoute({
    method: 'get',
    path: '/pools',
    tags: ['pools'],
    summary: 'The pools open to you (admins: all)',
    security: bearer,
    responses: { 200: jsonResponse(z.object({ items: z.array(PoolView) }), 'Pools.'), ...errorResponses() },
  }),
  create: createRoute({
    method: 'post',
    path: '/pools',
    tags: ['pools'],
    summary: 'Create a pool (admin)',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { body: jsonBody(PoolBody) },
    responses: { 201: jsonResponse(PoolView, 'Created.'), ...errorResponses(409) },
  }),
  update: createRoute({
    method: 'patch',
    path: '/pools/{id}',
    tags: ['pools'],
    summary: 'Change a pool: name, who may claim from it (admin)',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params: IdParam, body: jsonBody(PoolUpdateBody) },
    responses: { 200: jsonResponse(PoolView, 'Updated.'), ...errorResponses(404) },
  }),
};

export function registerPoolRoutes(app: OpenAPIHono<AppEnv>, deps: { db: Kysely<Database>; clock: Clock }) {
  const { db } = deps;

  app.openapi(routes.list, async (c) => {
    const actor = c.get('actor');
    return c.json({ items: await poolViews(db, await openPoolIds(db, { id: actor.repId, role: actor.role, teamId: actor.teamId }), c.get('language')) }, 200);
  });

  app.openapi(routes.create, async (c) => c.json(await createPool(deps, c.req.valid('json'), c.get('language')), 201));

  app.openapi(routes.update, async (c) => c.json(await changePool(deps, c.req.valid('param').id, c.req.valid('json'), c.get('language')), 200));
}
