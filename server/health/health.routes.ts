// Liveness (the process answers) and readiness (database, workflow service and a worker; not while
// the process drains before it stops).
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env.js';
import { jsonResponse } from '../http/openapi.js';
import { NotReady, type ReadinessCheck } from './readiness.js';

export type { ReadinessCheck } from './readiness.js';

/** Each check is bounded, so /ready answers within about this long whatever hangs. */
const CHECK_BOUND_MS = 2000;

const Health = z.object({ status: z.literal('ok') });
const Readiness = z
  .object({
    status: z.enum(['ready', 'not_ready', 'draining']),
    checks: z.record(z.string(), z.object({ ok: z.boolean(), error: z.string().optional(), ms: z.number() })),
  })
  .meta({ id: 'Readiness' });

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['health'],
  summary: 'Liveness: the process is up',
  responses: { 200: jsonResponse(Health, 'The process answers.') },
});

const readyRoute = createRoute({
  method: 'get',
  path: '/ready',
  tags: ['health'],
  summary: 'Readiness: database and workflow service answer, a worker polls; not while shutting down',
  responses: {
    200: jsonResponse(Readiness, 'Ready to serve.'),
    503: jsonResponse(Readiness, 'A dependency does not answer, or the process is shutting down.'),
  },
});

export interface HealthDeps {
  readiness: ReadinessCheck[];
  logger: Logger;
  /** True once the process has begun to shut down: load balancers should stop sending requests. */
  draining?: () => boolean;
}

export function registerHealthRoutes(app: OpenAPIHono<AppEnv>, deps: HealthDeps) {
  app.openapi(healthRoute, (c) => c.json({ status: 'ok' as const }, 200));
  app.openapi(readyRoute, async (c) => {
    if (deps.draining?.()) return c.json({ status: 'draining' as const, checks: {} }, 503);
    const results = await Promise.all(
      deps.readiness.map(async (r) => {
        const started = performance.now();
        const ms = () => Math.round(performance.now() - started);
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([
            r.check(),
            new Promise((_, reject) => {
              timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_BOUND_MS} ms`)), CHECK_BOUND_MS);
            }),
          ]);
          return [r.name, { ok: true, ms: ms() }] as const;
        } catch (e) {
          // The public page says only what is wrong; the error itself (hosts, ports, messages) goes to the log.
          if (e instanceof NotReady) return [r.name, { ok: false, error: e.message, ms: ms() }] as const;
          deps.logger.warn({ err: e, check: r.name }, 'readiness check failed');
          return [r.name, { ok: false, error: 'not answering', ms: ms() }] as const;
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    const ready = results.every(([, r]) => r.ok);
    return c.json({ status: ready ? ('ready' as const) : ('not_ready' as const), checks: Object.fromEntries(results) }, ready ? 200 : 503);
  });
}
