// Liveness (the process answers) and readiness (database and workflow service answer).
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env.js';
import { jsonResponse } from '../http/openapi.js';

export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

const Health = z.object({ status: z.literal('ok') });
const Readiness = z
  .object({
    status: z.enum(['ready', 'not_ready']),
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
  summary: 'Readiness: database and workflow service answer',
  responses: {
    200: jsonResponse(Readiness, 'Ready to serve.'),
    503: jsonResponse(Readiness, 'A dependency does not answer.'),
  },
});

export function registerHealthRoutes(app: OpenAPIHono<AppEnv>, deps: { readiness: ReadinessCheck[] }) {
  app.openapi(healthRoute, (c) => c.json({ status: 'ok' as const }, 200));
  app.openapi(readyRoute, async (c) => {
    const results = await Promise.all(
      deps.readiness.map(async (r) => {
        const started = performance.now();
        try {
          await Promise.race([
            r.check(),
            new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 2 s')), 2000).unref()),
          ]);
          return [r.name, { ok: true, ms: Math.round(performance.now() - started) }] as const;
        } catch (e) {
          return [r.name, { ok: false, error: e instanceof Error ? e.message : String(e), ms: Math.round(performance.now() - started) }] as const;
        }
      }),
    );
    const ready = results.every(([, r]) => r.ok);
    return c.json({ status: ready ? ('ready' as const) : ('not_ready' as const), checks: Object.fromEntries(results) }, ready ? 200 : 503);
  });
}
