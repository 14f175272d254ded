// Which routes take a request body, as their OpenAPI descriptions declare: a command that declares
// none (read-all, sign-out …) still refuses a body it would otherwise ignore, and one whose body is
// required refuses a request without one (rather than reading it as {}).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';

/** What a route declares of its body: required, optional (claim, release, publish …) or none. */
export type RouteBody = 'required' | 'optional' | 'none';

/**
 * For the request's matched route: its body as declared, null when the route is not described
 * (not checked). Read from `app`'s registry at the first request, when every route is registered.
 */
export function routeBodies(app: OpenAPIHono<any>): (c: Context) => RouteBody | null {
  let takesBody: Map<string, RouteBody> | null = null;
  return function declaredBody(c) {
    takesBody ??= new Map(
      app.openAPIRegistry.definitions.flatMap((def) => {
        if (def.type !== 'route') return [];
        const body = def.route.request?.body;
        const kind: RouteBody = body === undefined ? 'none' : body.required ? 'required' : 'optional';
        return [[`${def.route.method.toUpperCase()} ${def.route.path.replaceAll(/\/{(.+?)}/g, '/:$1')}`, kind] as const];
      }),
    );
    const route = matchedRoutes(c).findLast((r) => r.method === c.req.method);
    return route ? (takesBody.get(`${route.method} ${route.path}`) ?? null) : null;
  };
}
