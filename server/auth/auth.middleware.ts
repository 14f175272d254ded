// Bearer-token authentication and role checks.
import type { MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import type { Role } from '../../schemas/common.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import type { FailedAuthLimiter } from '../http/rate-limits.js';
import { findActorByToken, touchToken } from '../tokens/tokens.repository.js';

/** A token's last use is written at most this often (the list shows it to the minute). */
const LAST_USED_EVERY_MS = 60_000;

export interface AuthenticateDeps {
  db: Kysely<Database>;
  clock: Clock;
  /** Counts failed authentications; a client or token over its limit is refused before any lookup. */
  failures?: FailedAuthLimiter;
}

export function authenticate(deps: AuthenticateDeps): MiddlewareHandler<AppEnv> {
  const { db, clock, failures } = deps;
  return async function authenticate(c, next) {
    await failures?.refuseIfLimited(c);
    const refuse = async (error: AppError): Promise<never> => {
      if (failures) await failures.failed(c, error);
      throw error;
    };
    const header = c.req.header('authorization');
    if (!header) {
      return refuse(new AppError(ErrorCode.UNAUTHENTICATED, 'Send an API token as "Authorization: Bearer <token>".'));
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      return refuse(new AppError(ErrorCode.UNAUTHENTICATED, 'The Authorization header must be "Bearer <token>".'));
    }
    const actor = await findActorByToken(db, match[1]!);
    if (!actor) return refuse(new AppError(ErrorCode.UNAUTHENTICATED, 'This API token is unknown or revoked.'));
    const now = clock.now();
    if (actor.expiresAt && actor.expiresAt.getTime() <= now.getTime()) {
      return refuse(new AppError(ErrorCode.UNAUTHENTICATED, `This API token expired at ${actor.expiresAt.toISOString()}; ask an admin for a new one.`));
    }
    if (!actor.active) {
      throw new AppError(ErrorCode.REP_INACTIVE, 'This account is deactivated; ask an admin to reactivate it.');
    }
    if (!actor.lastUsedAt || now.getTime() - actor.lastUsedAt.getTime() >= LAST_USED_EVERY_MS) {
      await touchToken(db, actor.tokenId, now, LAST_USED_EVERY_MS);
    }
    const { expiresAt: _expiresAt, lastUsedAt: _lastUsedAt, ...who } = actor;
    c.set('actor', { ...who, role: actor.role as Role });
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
