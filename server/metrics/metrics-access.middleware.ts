// Who may scrape GET /metrics on the API: Prometheus with the METRICS_TOKEN bearer, or an admin's
// API token. Anything else is refused as every route refuses (401/403 in the one error shape,
// failed attempts counted by the failed-authentication limits).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { every, some } from 'hono/combine';
import type { AppEnv } from '../http/app-env.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** True when the Authorization header is exactly `Bearer <token>` (compared in constant time). */
export function bearerIs(header: string | undefined, token: string): boolean {
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

/** `token` (when set) passes at once; anyone else needs to pass `admin` (authentication and the admin role). */
export function metricsAccess(token: string | undefined, admin: MiddlewareHandler<AppEnv>[]): MiddlewareHandler<AppEnv> {
  return some((c: Context<AppEnv>) => token !== undefined && bearerIs(c.req.header('authorization'), token), every(...admin));
}
