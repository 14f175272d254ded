// A webhook receiver on a random port for tests: records every request, answers each path with
// scripted statuses in turn (then 200), optionally after a delay.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A receiver on a random port: answers each path with the scripted statuses in turn, then 200. */
export function startReceiver() {
  const received: Received[] = [];
  const scripts = new Map<string, number[]>();
  const delays = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      const status = scripts.get(path)?.shift() ?? 200;
      setTimeout(() => {
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(status < 300 ? 'ok' : `receiver says no (${status})`);
      }, delays.get(path) ?? 0);
    });
  });
  return {
    received,
    scripts,
    delays,
    async listen() {
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    on: (path: string) => received.filter((r) => r.path === path),
  };
}
