// A rep's API tokens (admin): the list without secrets, and revocation. A revoked token is refused
// (401 UNAUTHENTICATED) from the next request on; nothing caches a token.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { Id } from '../../schemas/common.js';
import { TokenView } from '../../schemas/reps.js';
import { requireRole } from '../auth/auth.middleware.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonResponse } from '../http/openapi.js';
import { findRep } from '../reps/reps.repository.js';
import { listTokens, revokeToken, type TokenRow } from './tokens.repository.js';

const toTokenView = (t: TokenRow): TokenView => ({
  id: t.id,
  repId: t.rep_id,
  name: t.name,
  createdAt: t.created_at.toISOString(),
  revokedAt: t.revoked_at?.toISOString() ?? null,
  issuedBy: t.issued_by,
  lastUsedAt: t.last_used_at?.toISOString() ?? null,
  expiresAt: t.expires_at?.toISOString() ?? null,
  scopes: t.scopes as TokenView['scopes'],
});

const routes = {
  list: createRoute({
    method: 'get',
    path: '/reps/{id}/tokens',
    tags: ['reps'],
    summary: "A rep's API tokens, revoked ones included, newest first (admin); secrets are never shown again",
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params: z.object({ id: Id }) },
    responses: { 200: jsonResponse(z.object({ items: z.array(TokenView) }), 'Tokens.'), ...errorResponses(404) },
  }),
  revoke: createRoute({
    method: 'delete',
    path: '/reps/{id}/tokens/{tokenId}',
    tags: ['reps'],
    summary: 'Revoke a token (admin); it stops authenticating at once. Revoking it again changes nothing',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params: z.object({ id: Id, tokenId: Id }) },
    responses: { 204: { description: 'Revoked.' }, ...errorResponses(404) },
  }),
};

export function registerTokenRoutes(app: OpenAPIHono<AppEnv>, deps: { db: Kysely<Database>; clock: Clock }) {
  const { db, clock } = deps;

  app.openapi(routes.list, async (c) => {
    const repId = c.req.valid('param').id;
    if (!(await findRep(db, repId))) throw new AppError(ErrorCode.NOT_FOUND, `Rep ${repId} does not exist.`, { repId });
    return c.json({ items: (await listTokens(db, repId)).map(toTokenView) }, 200);
  });

  app.openapi(routes.revoke, async (c) => {
    const { id: repId, tokenId } = c.req.valid('param');
    if (!(await revokeToken(db, repId, tokenId, clock.now()))) {
      throw new AppError(ErrorCode.NOT_FOUND, `Rep ${repId} has no token ${tokenId}.`, { repId, tokenId });
    }
    return c.body(null, 204);
  });
}
