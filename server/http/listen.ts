// A listening socket for the API or the metrics listener. A port another process holds (or one the
// process may not bind) is told in a sentence a person can act on (ListenError), not as an
// unhandled 'error' event; the API's port is tried before the database and Temporal start, so a
// taken port leaves nothing behind (an embedded Temporal dev server, above all).
import net from 'node:net';
import type { Server } from 'node:http';
import { serve, type ServerType } from '@hono/node-server';
import { answerClientErrors } from './client-errors.js';

export class ListenError extends Error {
  override readonly name = 'ListenError';
  constructor(
    readonly address: string,
    readonly code: string,
    cause: unknown,
  ) {
    super(
      code === 'EADDRINUSE'
        ? `${address} is already in use (another highseas, or another program): stop it, or choose another port (PORT for the API, METRICS_ADDRESS for the metrics listener)`
        : code === 'EACCES'
          ? `this process may not listen on ${address} (ports below 1024 need privileges): choose a port of 1024 or more`
          : code === 'EADDRNOTAVAIL'
            ? `${address} is not an address of this machine: check HOST (or METRICS_ADDRESS)`
            : `cannot listen on ${address} (${code})`,
      { cause },
    );
  }
}

const addressText = (host: string, port: number) => `${host.includes(':') ? `[${host}]` : host}:${port}`;
const asListenError = (host: string, port: number, e: NodeJS.ErrnoException) => (e.code ? new ListenError(addressText(host, port), e.code, e) : e);

/** Resolves when `host:port` can be bound now (port 0 always can); rejects with a ListenError when not. */
export function assertCanListen(host: string, port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (e: NodeJS.ErrnoException) => reject(asListenError(host, port, e)));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** Serves `fetch` on `host:port`; rejects with a ListenError when the socket cannot be bound. */
export function listen(fetch: (request: Request) => Response | Promise<Response>, host: string, port: number): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const failed = (e: NodeJS.ErrnoException) => reject(asListenError(host, port, e));
    const server = serve({ fetch, hostname: host, port }, () => {
      server.off('error', failed);
      resolve(server);
    });
    answerClientErrors(server as Server);
    server.once('error', failed);
  });
}
