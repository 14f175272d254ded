// Pools (R1): several public pools, each open to everyone or to listed teams and reps.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { Id } from '../../schemas/common.js';
import { PoolBody, PoolUpdateBody, PoolView } from '../../schemas/lifecycle.js';
import { requireRole } from '../auth/auth.middleware.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { isForeignKeyViolation, isUniqueViolation } from '../db/errors.js';
import { patchColumns } from '../db/patch-columns.js';
import { AppError, ErrorCode } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonBody, jsonResponse } from '../http/openapi.js';
import { openPoolIds } from './pool-access.js';

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

async function view(db: Kysely<Database>, ids: string[] | null) {
  let q = db.selectFrom('pools').selectAll().orderBy('name');
  if (ids) q = q.where('id', 'in', ids.length > 0 ? ids : ['']);
  const pools = await q.execute();
  if (pools.length === 0) return [];
  const members = await db.selectFrom('pool_members').selectAll().where('pool_id', 'in', pools.map((p) => p.id)).execute();
  const counts = await db
    .selectFrom('customers')
    .select(['pool_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('status', '=', 'pool')
    .where('pool_id', 'in', pools.map((p) => p.id))
    .groupBy('pool_id')
    .execute();
  return pools.map((p) => ({
    id: p.id,
    name: p.name,
    description: p.description,
    openToAll: p.open_to_all,
    teamIds: members.filter((m) => m.pool_id === p.id && m.team_id).map((m) => m.team_id!),
    repIds: members.filter((m) => m.pool_id === p.id && m.rep_id).map((m) => m.rep_id!),
    customers: Number(counts.find((c) => c.pool_id === p.id)?.n ?? 0),
  }));
}

export function registerPoolRoutes(app: OpenAPIHono<AppEnv>, deps: { db: Kysely<Database>; clock: Clock }) {
  const { db } = deps;

  app.openapi(routes.list, async (c) => {
    const actor = c.get('actor');
    return c.json({ items: await view(db, await openPoolIds(db, { id: actor.repId, role: actor.role, teamId: actor.teamId })) }, 200);
  });

  const writeMembers = async (tx: Kysely<Database>, poolId: string, teamIds: string[], repIds: string[]) => {
    await tx.deleteFrom('pool_members').where('pool_id', '=', poolId).execute();
    const rows = [...teamIds.map((t) => ({ pool_id: poolId, team_id: t, rep_id: null })), ...repIds.map((r) => ({ pool_id: poolId, team_id: null, rep_id: r }))];
    if (rows.length > 0) await tx.insertInto('pool_members').values(rows).execute();
  };
  const refuse = (e: unknown) => {
    if (isForeignKeyViolation(e)) {
      throw new AppError(ErrorCode.VALIDATION_FAILED, 'A listed team or rep does not exist.', { location: 'body', issues: [{ pointer: '/teamIds', message: 'unknown team or rep' }] });
    }
    if (isUniqueViolation(e)) throw new AppError(ErrorCode.CONFLICT, 'A pool with this id or name already exists.');
    throw e;
  };

  app.openapi(routes.create, async (c) => {
    const body = c.req.valid('json');
    const id = body.id ?? uuidv7();
    await db
      .transaction()
      .execute(async (tx) => {
        await tx.insertInto('pools').values({ id, name: body.name, description: body.description ?? null, open_to_all: body.openToAll, created_at: deps.clock.now() }).execute();
        await writeMembers(tx, id, body.teamIds, body.repIds);
      })
      .catch(refuse);
    return c.json((await view(db, [id]))[0]!, 201);
  });

  app.openapi(routes.update, async (c) => {
    const id = c.req.valid('param').id;
    const body = c.req.valid('json');
    const found = await db
      .transaction()
      .execute(async (tx) => {
        const pool = await tx.selectFrom('pools').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
        if (!pool) return false;
        const columns = patchColumns(body, { name: 'name', description: 'description', openToAll: 'open_to_all' });
        if (Object.keys(columns).length > 0) await tx.updateTable('pools').set(columns).where('id', '=', id).execute();
        if (body.teamIds !== undefined || body.repIds !== undefined) {
          const current = await tx.selectFrom('pool_members').selectAll().where('pool_id', '=', id).execute();
          await writeMembers(
            tx,
            id,
            body.teamIds ?? current.filter((m) => m.team_id).map((m) => m.team_id!),
            body.repIds ?? current.filter((m) => m.rep_id).map((m) => m.rep_id!),
          );
        }
        return true;
      })
      .catch(refuse);
    if (!found) throw new AppError(ErrorCode.NOT_FOUND, `No pool ${id}.`);
    return c.json((await view(db, [id]))[0]!, 200);
  });
}
