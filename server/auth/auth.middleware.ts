// Authentication (a bearer API token, or the browser's session cookie with CSRF-checked writes),
// token scopes, and role checks.
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Kysely } from 'kysely';
import type { Role } from '../../schemas/common.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import type { FailedAuthLimiter } from '../http/rate-limits.js';
import { findActorByToken, touchToken } from '../tokens/tokens.repository.js';
import { ALL_SCOPES, type Scope, assertAdminScope, roleRefusalText } from './actor.js';
import { impliedScopes } from '../../schemas/reps.js';
import { csrfGuard } from './csrf.js';
import { SESSION_COOKIE, type SessionSettings, findSession } from './sessions.js';

/** A token's last use is written at most this often (the list shows it to the minute). */
const LAST_USED_EVERY_MS = 60_000;

const SAFE = /^(GET|HEAD|OPTIONS)$/;

export interface AuthenticateDeps {
  db: Kysely<Database>;
  clock: Clock;
  /** Counts failed authentications; a client or token over its limit is refused before any lookup. */
  failures?: FailedAuthLimiter;
  /** Session cookies (idle timeout, expiry, allowed origins); without them only tokens authenticate. */
  sessions?: SessionSettings;
}

const inactive = () => new AppError(ErrorCode.REP_INACTIVE, 'This account is deactivated; ask an admin to reactivate it.');

export function authenticate(deps: AuthenticateDeps): MiddlewareHandler<AppEnv> {
  const { db, clock, failures, sessions } = deps;
  const checkCsrf = sessions ? csrfGuard(sessions) : null;
  return async function authenticate(c, next) {
    await failures?.refuseIfLimited(c);
    const refuse = async (error: AppError): Promise<never> => {
      if (failures) await failures.failed(c, error);
      throw error;
    };
    const header = c.req.header('authorization');
    const cookie = sessions && !header ? getCookie(c, SESSION_COOKIE) : undefined;
    if (cookie !== undefined && sessions) {
      const found = await findSession({ db, clock, sessions }, cookie);
      if (!found.ok) {
        const why = { unknown: 'is unknown', revoked: 'was ended', expired: 'expired', idle: 'ended after a time without use' }[found.reason];
        return refuse(new AppError(ErrorCode.UNAUTHENTICATED, `Your session ${why}; sign in again.`, { reason: found.reason }));
      }
      if (!found.rep.active) throw inactive();
      await checkCsrf!(c);
      c.set('actor', { ...found.rep, role: found.rep.role as Role, tokenId: found.sessionId, via: 'session', scopes: ALL_SCOPES });
      return next();
    }
    if (!header) {
      return refuse(new AppError(ErrorCode.UNAUTHENTICATED, 'Sign in, or send an API token as "Authorization: Bearer <token>".'));
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
    if (!actor.active) throw inactive();
    // Each scope implies those before it, also for a token stored before that was so (["admin"] alone).
    const scopes = impliedScopes(actor.scopes as Scope[]);
    if (!SAFE.test(c.req.method) && !scopes.includes('write')) {
      throw new AppError(ErrorCode.INSUFFICIENT_SCOPE, 'This API token may only read (scope "read"); ask an admin for a token with the "write" scope.', {
        scopes,
        requiredScope: 'write',
      });
    }
    if (!actor.lastUsedAt || now.getTime() - actor.lastUsedAt.getTime() >= LAST_USED_EVERY_MS) {
      await touchToken(db, actor.tokenId, now, LAST_USED_EVERY_MS);
    }
    const { expiresAt: _expiresAt, lastUsedAt: _lastUsedAt, scopes: _scopes, ...who } = actor;
    c.set('actor', { ...who, role: actor.role as Role, via: 'token', scopes });
    await next();
  };
}

export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async function requireRole(c, next) {
    const actor = c.get('actor');
    if (!roles.includes(actor.role)) {
      throw new AppError(
        ErrorCode.FORBIDDEN,
        roleRefusalText(roles, actor.role),
        { requiredRoles: roles, role: actor.role },
      );
    }
    // The role list names admin and the actor is one: the admin role is what lets them in, so an
    // admin's token needs the "admin" scope here: on admin-only routes always (as before), on routes
    // managers share for every write; reading what a manager may also read needs no more than "read".
    const reading = c.req.method === 'GET' || c.req.method === 'HEAD';
    if (!(reading && roles.length > 1)) assertAdminScope(actor);
    await next();
  };
}
