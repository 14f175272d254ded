// METRICS_ADDRESS: a listener of its own that serves only GET /metrics, for a worker process (it has
// no API) or to keep scrapes on an internal interface. With METRICS_TOKEN set it wants that bearer;
// without, the bind address is the protection.
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import { EXPOSITION_CONTENT_TYPE, exposition } from '../metrics/exposition.js';
import { bearerIs } from '../metrics/metrics-access.middleware.js';
import type { AppEnv } from './app-env.js';
import { createErrorHandler, notFound } from './errors.middleware.js';
import { listen } from './listen.js';

export interface MetricsListenerOptions {
  /** host:port; port 0 picks a free one. */
  address: string;
  token?: string | undefined;
  db: Kysely<Database>;
  logger: Logger;
}

export function metricsApp(options: Omit<MetricsListenerOptions, 'address'>) {
  const app = new Hono<AppEnv>();
  app.onError(createErrorHandler(options.logger));
  app.notFound(notFound);
  app.use('*', requestId());
  app.get('/metrics', async (c) => {
    if (options.token && !bearerIs(c.req.header('authorization'), options.token)) {
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'Send the METRICS_TOKEN setting as "Authorization: Bearer <token>".');
    }
    return c.body(await exposition(options.db), 200, { 'content-type': EXPOSITION_CONTENT_TYPE, 'cache-control': 'no-store' });
  });
  return app;
}

/** "[::1]:9464" → { hostname: "::1", port: 9464 } */
export function splitHostPort(address: string): { hostname: string; port: number } {
  const at = address.lastIndexOf(':');
  return { hostname: address.slice(0, at).replace(/^\[(.*)\]$/, '$1'), port: Number(address.slice(at + 1)) };
}

export async function startMetricsListener(options: MetricsListenerOptions): Promise<{ url: string; close(): Promise<void> }> {
  const { hostname, port } = splitHostPort(options.address);
  const app = metricsApp(options);
  const server = await listen(app.fetch, hostname, port);
  const bound = server.address() as AddressInfo;
  const host = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  return {
    url: `http://${host}:${bound.port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Prometheus keeps its connection open between scrapes; nothing on it is worth waiting for.
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
