// "My sessions": the signed-in rep's browser sessions, ending one, and signing out everywhere.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { SessionView } from '../../schemas/auth.js';
import { Id } from '../../schemas/common.js';
import { AppError, ErrorCode } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonResponse } from '../http/openapi.js';
import type { SignInDeps } from './auth-settings.js';
import { auditSignIn, clearedSessionCookie, listSessions, requestFacts, revokeAllSessions, revokeSession } from './sessions.js';

const routes = {
  list: createRoute({
    method: 'get',
    path: '/me/sessions',
    tags: ['sign-in'],
    summary: 'My live browser sessions, most recently used first (the current one marked)',
    security: bearer,
    responses: { 200: jsonResponse(z.object({ items: z.array(SessionView) }), 'Sessions.'), ...errorResponses() },
  }),
  revoke: createRoute({
    method: 'delete',
    path: '/me/sessions/{id}',
    tags: ['sign-in'],
    summary: 'End one of my sessions; that browser is signed out at its next request',
    security: bearer,
    request: { params: z.object({ id: Id }) },
    responses: { 204: { description: 'Ended.' }, ...errorResponses(404) },
  }),
  revokeAll: createRoute({
    method: 'post',
    path: '/me/sessions/revoke-all',
    tags: ['sign-in'],
    summary: 'Sign out everywhere: end every session of mine, this one included',
    security: bearer,
    responses: { 200: jsonResponse(z.object({ ended: z.number().int() }), 'How many sessions ended.'), ...errorResponses() },
  }),
};

export function registerSessionRoutes(app: OpenAPIHono<AppEnv>, deps: SignInDeps) {
  const { db, clock, settings, clientKey } = deps;
  const sessionDeps = { db, clock, sessions: settings.sessions };

  app.openapi(routes.list, async (c) => {
    const actor = c.get('actor');
    const rows = await listSessions(sessionDeps, actor.repId);
    return c.json(
      {
        items: rows.map((s) => ({
          id: s.id,
          method: s.method,
          ip: s.ip,
          userAgent: s.user_agent,
          createdAt: s.created_at.toISOString(),
          lastSeenAt: s.last_seen_at.toISOString(),
          expiresAt: s.expires_at.toISOString(),
          current: actor.via === 'session' && actor.tokenId === s.id,
        })),
      },
      200,
    );
  });

  app.openapi(routes.revoke, async (c) => {
    const actor = c.get('actor');
    const { id } = c.req.valid('param');
    if (!(await revokeSession(db, actor.repId, id, clock.now()))) throw new AppError(ErrorCode.NOT_FOUND, `You have no live session ${id}.`, { sessionId: id });
    const facts = requestFacts(c, clientKey, settings.sessions);
    await auditSignIn(deps, { repId: actor.repId, method: 'self', outcome: 'sessions_revoked', reason: `session ${id}`, ip: facts.ip, userAgent: facts.userAgent });
    if (actor.via === 'session' && actor.tokenId === id) c.header('Set-Cookie', clearedSessionCookie(facts.secure));
    return c.body(null, 204);
  });

  app.openapi(routes.revokeAll, async (c) => {
    const actor = c.get('actor');
    const ended = await revokeAllSessions(db, actor.repId, clock.now());
    const facts = requestFacts(c, clientKey, settings.sessions);
    await auditSignIn(deps, { repId: actor.repId, method: 'self', outcome: 'sessions_revoked', reason: `all (${ended})`, ip: facts.ip, userAgent: facts.userAgent });
    if (actor.via === 'session') c.header('Set-Cookie', clearedSessionCookie(facts.secure));
    return c.json({ ended }, 200);
  });
}
