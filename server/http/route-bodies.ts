// Which routes take a request body, as their OpenAPI descriptions declare: a command that declares
// none (claim, read-all, sign-out …) still refuses a body it would otherwise ignore.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';

/**
 * For the request's matched route: true when it declares a body, false when it declares none, null
 * when the route is not described (not checked). Read from `app`'s registry at the first request,
 * when every route is registered.
 */
export function routeBodies(app: OpenAPIHono<any>): (c: Context) => boolean | null {
  let takesBody: Map<string, boolean> | null = null;
  return function declaresBody(c) {
    takesBody ??= new Map(
      app.openAPIRegistry.definitions.flatMap((def) =>
        def.type === 'route' ? [[`${def.route.method.toUpperCase()} ${def.route.path.replaceAll(/\/{(.+?)}/g, '/:$1')}`, def.route.request?.body !== undefined] as const] : [],
      ),
    );
    const route = matchedRoutes(c).findLast((r) => r.method === c.req.method);
    return route ? (takesBody.get(`${route.method} ${route.path}`) ?? null) : null;
  };
}
