// Every route refuses query parameters it does not know, as it refuses unknown body fields: a
// mistyped filter (`?stauts=failed`) is 400 VALIDATION_FAILED at its pointer, never a silently
// unfiltered list. Applied where routes are registered, so no route can forget it: a route without
// a query schema gets an empty strict one, a plain object schema is made strict. A route whose
// callers add parameters of their own (an identity provider's callback) declares z.looseObject.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { AppEnv } from './app-env.js';

type RouteConfig = Parameters<OpenAPIHono<AppEnv>['openapi']>[0];

/** The query schema as registered: strict unless declared loose. */
function strictQuery(query: unknown): unknown {
  if (query === undefined) return z.strictObject({});
  // zod 4: a plain object has no catchall; strict has `never`, loose `unknown` (both kept as declared).
  if (query instanceof z.ZodObject && query.def.catchall === undefined) return query.strict();
  return query;
}

/** From now on, every route registered on `app` refuses unknown query parameters. */
export function refuseUnknownQueryParameters(app: OpenAPIHono<AppEnv>): void {
  const register = app.openapi.bind(app) as (route: RouteConfig, ...rest: unknown[]) => unknown;
  (app as { openapi: unknown }).openapi = (route: RouteConfig, ...rest: unknown[]) =>
    register({ ...route, request: { ...route.request, query: strictQuery(route.request?.query) } } as RouteConfig, ...rest);
}
