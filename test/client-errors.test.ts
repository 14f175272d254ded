// Requests Node's HTTP parser refuses before the app sees them are answered in the one error shape,
// over a real socket to the API's own listener: headers or a URL over 16 KiB (431), a malformed
// request (400), each with a code, a message and a request id, and the connection closed.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../server/http/listen.js';
import { createHarness, type Harness } from './support/harness.js';

let h: Harness;
let server: ServerType;
let port: number;
beforeAll(async () => {
  h = await createHarness({ worker: false });
  server = await listen(h.app.fetch, '127.0.0.1', 0);
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await h?.close();
});

/** Writes `raw` to a new connection and reads everything until the server closes it. */
function exchange(raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(raw));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (answer += d));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.setTimeout(10_000, () => reject(new Error(`no end after 10 s: ${answer.slice(0, 300)}`)));
  });
}

const parsed = (answer: string) => {
  const [head, body] = [answer.slice(0, answer.indexOf('\r\n\r\n')), answer.slice(answer.indexOf('\r\n\r\n') + 4)];
  return { status: Number(head.split(' ')[1]), head: head.toLowerCase(), body: JSON.parse(body) as { error: { code: string; message: string; requestId: string } } };
};

describe("requests the HTTP parser refuses", () => {
  it('answers headers over the limit 431 HEADERS_TOO_LARGE in the one error shape', async () => {
    const answer = parsed(await exchange(`GET /me HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(70_000)}\r\n\r\n`));
    expect(answer.status).toBe(431);
    expect(answer.body.error).toMatchObject({ code: 'HEADERS_TOO_LARGE', message: expect.stringMatching(/16 KiB/), requestId: expect.any(String) });
    expect(answer.head).toContain('connection: close');
  });

  it('answers a URL over the limit the same way', async () => {
    const answer = parsed(await exchange(`GET /${'p'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`));
    expect([answer.status, answer.body.error.code]).toEqual([431, 'HEADERS_TOO_LARGE']);
  });

  it('answers a malformed request 400 VALIDATION_FAILED in the one error shape', async () => {
    const answer = parsed(await exchange('NOT A REQUEST\r\n\r\n'));
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/not well-formed HTTP/), requestId: expect.any(String) });
  });

  it('still serves a well-formed request on the same listener', async () => {
    const answer = await exchange('GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(answer.startsWith('HTTP/1.1 200')).toBe(true);
  });
});
