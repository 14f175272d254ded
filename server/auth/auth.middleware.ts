// Bearer-token authentication and role checks.
import type { MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import type { Role } from '../../schemas/common.js';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { findActorByToken } from './tokens.repository.js';

export function authenticate(db: Kysely<Database>): MiddlewareHandler<AppEnv> {
  return async function authenticate(c, next) {
    const header = c.req.header('authorization');
    if (!header) {
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'Send an API token as "Authorization: Bearer <token>".');
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'The Authorization header must be "Bearer <token>".');
    }
    const actor = await findActorByToken(db, match[1]!);
    if (!actor) throw new AppError(ErrorCode.UNAUTHENTICATED, 'This API token is unknown or revoked.');
    if (!actor.active) {
      throw new AppError(ErrorCode.REP_INACTIVE, 'This account is deactivated; ask an admin to reactivate it.');
    }
    c.set('actor', { ...actor, role: actor.role as Role });
    await next();
  };
}

export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async function requireRole(c, next) {
    const actor = c.get('actor');
    if (!roles.includes(actor.role)) {
      throw new AppError(
        ErrorCode.FORBIDDEN,
        `This action needs the role ${roles.join(' or ')}; your token is a ${actor.role} token.`,
        { requiredRoles: roles, role: actor.role },
      );
    }
    await next();
  };
}
