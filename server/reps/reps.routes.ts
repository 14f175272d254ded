// Reps, teams and API tokens. Admins manage them; managers read their team; everyone reads themselves.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { newId } from '../ids.js';
import { Id } from '../../schemas/common.js';
import { CreateRepBody, CreateTeamBody, CreateTokenBody, RepView, TeamView, TokenCreated, UpdateRepBody, UpdateTeamBody, impliedScopes } from '../../schemas/reps.js';
import { requireRole } from '../auth/auth.middleware.js';
import { createToken } from '../tokens/tokens.repository.js';
import type { Clock } from '../clock.js';
import type { Database, Rep } from '../db/database.js';
import { decideCaps } from '../decisions/caps.js';
import type { Decisions } from '../decisions/decider.js';
import { isForeignKeyViolation, isUniqueViolation } from '../db/errors.js';
import { AppError, ErrorCode } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonBody, jsonResponse } from '../http/openapi.js';
import { actsForRep } from '../customers/customer-access.js';
import { insertWithId } from './rep-id.js';
import type { Kysely, Transaction } from 'kysely';
import { findRep, insertRep, insertTeam, listReps, listTeams, setTeamManager, signInStates, teamExists, teamMembers, teamsManagedBy, toRepView, updateRep } from './reps.repository.js';
import type { EmitResult } from '../notifications/emit.js';
import { reaskApprovalsInTransaction } from '../notifications/lifecycle-notices.js';
import { duplicateRep } from './duplicate-rep.js';
import { registerTokenRoutes } from '../tokens/tokens.routes.js';
import { invalidRequest } from '../request-issues.js';

const IdParam = z.object({ id: Id });

const routes = {
  createRep: createRoute({
    method: 'post',
    path: '/reps',
    tags: ['reps'],
    summary: 'Create a rep (admin)',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { body: jsonBody(CreateRepBody) },
    responses: { 201: jsonResponse(RepView, 'Created.'), ...errorResponses(409) },
  }),
  listReps: createRoute({
    method: 'get',
    path: '/reps',
    tags: ['reps'],
    summary: 'List reps (admin: all; manager: their team)',
    security: bearer,
    middleware: [requireRole('admin', 'manager')] as const,
    responses: { 200: jsonResponse(z.object({ items: z.array(RepView) }), 'Reps.'), ...errorResponses() },
  }),
  getRep: createRoute({
    method: 'get',
    path: '/reps/{id}',
    tags: ['reps'],
    summary: 'Get a rep (themselves, their manager, an admin)',
    security: bearer,
    request: { params: IdParam },
    responses: { 200: jsonResponse(RepView, 'The rep.'), ...errorResponses(404) },
  }),
  updateRep: createRoute({
    method: 'patch',
    path: '/reps/{id}',
    tags: ['reps'],
    summary: 'Change a rep: role, team, caps, active, and how chat robots mention them (admin)',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params: IdParam, body: jsonBody(UpdateRepBody) },
    responses: { 200: jsonResponse(RepView, 'Updated.'), ...errorResponses(404) },
  }),
  createToken: createRoute({
    method: 'post',
    path: '/reps/{id}/tokens',
    tags: ['reps'],
    summary: 'Issue an API token for a rep (admin); the token is shown once',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params: IdParam, body: jsonBody(CreateTokenBody) },
    responses: { 201: jsonResponse(TokenCreated, 'Created.'), ...errorResponses(404) },
  }),
  me: createRoute({
    method: 'get',
    path: '/me',
    tags: ['reps'],
    summary: 'The rep behind the token',
    security: bearer,
    responses: { 200: jsonResponse(RepView, 'You.'), ...errorResponses() },
  }),
  createTeam: createRoute({
    method: 'post',
    path: '/teams',
    tags: ['reps'],
    summary: 'Create a team (admin)',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { body: jsonBody(CreateTeamBody) },
    responses: { 201: jsonResponse(TeamView, 'Created.'), ...errorResponses(409) },
  }),
  updateTeam: createRoute({
    method: 'patch',
    path: '/teams/{id}',
    tags: ['reps'],
    summary: "Change a team: its name, chat language, or manager (admin); only the fields sent change",
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params: IdParam, body: jsonBody(UpdateTeamBody) },
    responses: { 200: jsonResponse(TeamView, 'Updated.'), ...errorResponses(404, 409) },
  }),
  listTeams: createRoute({
    method: 'get',
    path: '/teams',
    tags: ['reps'],
    summary: 'List teams',
    security: bearer,
    responses: { 200: jsonResponse(z.object({ items: z.array(TeamView) }), 'Teams.'), ...errorResponses() },
  }),
};

const teamView = (t: { id: string; name: string; manager_id: string | null; language: z.infer<typeof TeamView>['language'] }): z.infer<typeof TeamView> => ({ id: t.id, name: t.name, managerId: t.manager_id, language: t.language });

async function assertTeam(db: Kysely<Database>, teamId: string | null | undefined) {
  if (teamId && !(await teamExists(db, teamId))) {
    throw invalidRequest('body', [{ pointer: '/teamId', code: 'unknown', params: { what: 'team', id: teamId } }]);
  }
}

/** Another team has this id (its primary key) or this name, whatever their case (migration 2026-12-04-0003). */
function duplicateTeam(e: unknown, team: { id?: string | undefined; name?: string | undefined }): AppError {
  return isUniqueViolation(e, 'teams_pkey') || isUniqueViolation(e, 'teams_id_lower')
    ? new AppError(ErrorCode.DUPLICATE_TEAM, `A team with the id "${team.id}" exists already; choose another id.`, { pointer: '/id' })
    : new AppError(ErrorCode.DUPLICATE_TEAM, `A team named "${team.name}" exists already; choose another name.`, { pointer: '/name' });
}

export function registerRepRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: { db: Kysely<Database>; clock: Clock; decisions: Decisions; dispatchEvents?: ((emitted: EmitResult | readonly EmitResult[]) => Promise<unknown>) | undefined },
) {
  const { db, clock } = deps;
  /**
   * A level waiting for "the owner's manager" asks whoever that is now: the approvers these reps'
   * changes newly ask are told, in the change's transaction (deliveries and robots after its commit).
   */
  const approvalsReasked = (tx: Transaction<Database>, repIds: readonly string[]) => reaskApprovalsInTransaction(tx, clock, repIds);
  const dispatch = async (emitted: readonly EmitResult[]) => {
    // Committed: a delivery that fails to start is picked up by the worker's sweep.
    await deps.dispatchEvents?.(emitted).catch(() => undefined);
  };
  /** Reps' views, their sign-in states read in one query. */
  const views = async (reps: Rep[]) => {
    const now = clock.now();
    const states = await signInStates(db, reps.map((r) => r.id));
    return Promise.all(reps.map(async (rep) => toRepView(rep, await decideCaps(deps.decisions, db, rep, now), states.get(rep.id)!, now)));
  };
  const view = async (rep: Rep) => (await views([rep]))[0]!;

  app.openapi(routes.createRep, async (c) => {
    const body = c.req.valid('json');
    await assertTeam(db, body.teamId);
    try {
      const rep = await insertWithId(db, body.id, body.email, (id) => insertRep(db, id, body, clock.now()));
      return c.json(await view(rep), 201);
    } catch (e) {
      throw duplicateRep(e, { id: body.id ?? '', email: body.email }) ?? e;
    }
  });

  app.openapi(routes.listReps, async (c) => {
    const actor = c.get('actor');
    // A manager without a team manages nobody.
    const reps =
      actor.role === 'admin' ? await listReps(db, {}) : actor.teamId ? await listReps(db, { teamId: actor.teamId }) : [];
    return c.json({ items: await views(reps) }, 200);
  });

  app.openapi(routes.getRep, async (c) => {
    const rep = await findRep(db, c.req.valid('param').id);
    if (!rep || !actsForRep(c.get('actor'), rep)) {
      throw new AppError(ErrorCode.NOT_FOUND, 'No such rep, or not one you may see.');
    }
    return c.json(await view(rep), 200);
  });

  app.openapi(routes.updateRep, async (c) => {
    const body = c.req.valid('json');
    const id = c.req.valid('param').id;
    await assertTeam(db, body.teamId);
    const now = clock.now();
    const [rep, emitted] = await db.transaction().execute(async (tx) => {
      // The teams whose manager this may take away (deactivated, demoted, moved) or give back (reactivated).
      const managed = await teamsManagedBy(tx, id);
      const rep = await updateRep(tx, id, body, now, c.get('actor').repId);
      const approversMayChange = rep && (body.teamId !== undefined || body.role !== undefined || body.active !== undefined);
      return [rep, approversMayChange ? await approvalsReasked(tx, [id, ...(await teamMembers(tx, managed))]) : []] as const;
    });
    await dispatch(emitted);
    if (!rep) throw new AppError(ErrorCode.NOT_FOUND, 'No such rep.');
    return c.json(await view(rep), 200);
  });

  app.openapi(routes.createToken, async (c) => {
    const repId = c.req.valid('param').id;
    const { name, expiresAt: at, expiresInDays, scopes: asked } = c.req.valid('json');
    const scopes = impliedScopes(asked);
    const now = clock.now();
    const expiresAt = at !== undefined ? new Date(at) : expiresInDays !== undefined ? new Date(now.getTime() + expiresInDays * 86_400_000) : null;
    if (expiresAt && expiresAt.getTime() <= now.getTime()) {
      throw invalidRequest('body', [{ pointer: '/expiresAt', code: 'not_future' }], { message: `Invalid request body: /expiresAt must be in the future (now is ${now.toISOString()})` });
    }
    // A deactivated rep's token would be refused on every request (REP_INACTIVE): not issued at all.
    const rep = await findRep(db, repId);
    if (!rep) throw new AppError(ErrorCode.NOT_FOUND, `Rep ${repId} does not exist.`);
    if (!rep.active) throw new AppError(ErrorCode.REP_INACTIVE, `${rep.name} is deactivated; a token for them would be refused on every request. Reactivate them first.`, { repId });
    try {
      const token = await createToken(db, repId, name, undefined, { issuedBy: c.get('actor').repId, expiresAt, scopes });
      return c.json({ id: token.id, repId, name, token: token.token, expiresAt: expiresAt?.toISOString() ?? null, scopes }, 201);
    } catch (e) {
      if (isForeignKeyViolation(e)) throw new AppError(ErrorCode.NOT_FOUND, `Rep ${repId} does not exist.`);
      throw e;
    }
  });

  registerTokenRoutes(app, deps);

  app.openapi(routes.me, async (c) => {
    const rep = await findRep(db, c.get('actor').repId);
    if (!rep) throw new AppError(ErrorCode.UNAUTHENTICATED, 'The rep behind this token no longer exists.');
    return c.json(await view(rep), 200);
  });

  app.openapi(routes.createTeam, async (c) => {
    const body = c.req.valid('json');
    try {
      const [team, emitted] = await db.transaction().execute(async (tx) => {
        const team = await insertTeam(tx, { id: body.id ?? newId(), name: body.name, manager_id: null, language: body.language, created_at: clock.now() });
        if (!body.managerId) return [team, []] as const;
        await setTeamManager(tx, team.id, body.managerId);
        // The manager joins the team: what waits for their own manager now waits for someone else.
        return [{ ...team, manager_id: body.managerId }, await approvalsReasked(tx, await teamMembers(tx, [team.id]))] as const;
      });
      await dispatch(emitted);
      return c.json(teamView(team), 201);
    } catch (e) {
      if (isUniqueViolation(e)) throw duplicateTeam(e, body);
      throw e;
    }
  });

  app.openapi(routes.updateTeam, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    try {
      const [team, emitted] = await db.transaction().execute(async (tx) => {
        const found = await tx.selectFrom('teams').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
        if (!found) throw new AppError(ErrorCode.NOT_FOUND, 'No such team.');
        if (body.name !== undefined || body.language !== undefined) {
          await tx.updateTable('teams').set({ ...(body.name !== undefined ? { name: body.name } : {}), ...(body.language !== undefined ? { language: body.language } : {}) }).where('id', '=', id).execute();
        }
        let emitted: EmitResult[] = [];
        if (body.managerId !== undefined) {
          await setTeamManager(tx, id, body.managerId);
          emitted = await approvalsReasked(tx, await teamMembers(tx, [id]));
        }
        return [await tx.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirstOrThrow(), emitted] as const;
      });
      await dispatch(emitted);
      return c.json(teamView(team), 200);
    } catch (e) {
      if (isUniqueViolation(e)) throw duplicateTeam(e, { id, name: body.name });
      throw e;
    }
  });

  app.openapi(routes.listTeams, async (c) => {
    const teams = await listTeams(db);
    return c.json({ items: teams.map(teamView) }, 200);
  });
}
