// A body sent a byte at a time cannot hold a request open: over a real HTTP server, a JSON body
// that has not arrived within 10 s is answered 408 REQUEST_TIMEOUT in the one error shape, nothing
// is written, and the server keeps answering others meanwhile; a body that is merely slow but
// arrives in time is served as usual.
import net, { type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness.js';

let h: Harness;
let server: ServerType;
let port: number;
let rep: { id: string; token: string };

beforeAll(async () => {
  h = await createHarness();
  rep = await h.createRep();
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await h?.close();
});

/** Sends the head and then the body in pieces, `gapMs` apart; resolves with the raw answer. */
async function dribble(body: string, pieces: number, gapMs: number, declaredLength = Buffer.byteLength(body)): Promise<{ raw: string; ms: number }> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  const started = Date.now();
  let raw = '';
  socket.on('data', (d) => (raw += d));
  socket.on('error', () => {});
  const closed = new Promise<void>((r) => socket.once('close', () => r()));
  socket.write(
    `POST /customers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${rep.token}\r\nContent-Type: application/json\r\nContent-Length: ${declaredLength}\r\n\r\n`,
  );
  const size = Math.ceil(body.length / pieces);
  for (let i = 0; i < body.length && !socket.destroyed && raw === ''; i += size) {
    socket.write(body.slice(i, i + size));
    await sleep(gapMs);
  }
  // Until the answer is complete (keep-alive leaves the connection open) or the server closes it.
  const answered = (async () => {
    for (let waited = 0; waited < 20_000; waited += 50) {
      const head = raw.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(raw)?.[1];
      if (head >= 0 && length !== undefined && Buffer.byteLength(raw.slice(head + 4)) >= Number(length)) return;
      await sleep(50);
    }
  })();
  await Promise.race([closed, answered]);
  socket.destroy();
  return { raw, ms: Date.now() - started };
}

const customers = async () => Number((await h.db.selectFrom('customers').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

it('answers a body that stops arriving with 408 in the one error shape, writing nothing, while others are served', async () => {
  const before = await customers();
  const body = JSON.stringify({ companyName: 'Slow Loris Trading Ltd', country: 'DE', assign: false });
  // Sends half the body, then nothing: the server must not wait for the rest for ever.
  const pending = dribble(body.slice(0, 20), 2, 200, Buffer.byteLength(body));
  // Meanwhile the server answers at once.
  await sleep(1000);
  const health = performance.now();
  expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
  expect(performance.now() - health).toBeLessThan(1000);
  const { raw, ms } = await pending;
  expect(raw).toMatch(/^HTTP\/1\.1 408 /);
  expect(raw).toMatch(/connection: close/i);
  const json = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));
  expect(json.error.code).toBe('REQUEST_TIMEOUT');
  expect(json.error.message).toMatch(/did not arrive within 10 s/);
  expect(ms).toBeLessThan(13_000);
  expect(await customers()).toBe(before);
}, 30_000);

it('serves a body that is slow but arrives in time', async () => {
  const body = JSON.stringify({ companyName: `Patient Trading ${Date.now()} Ltd`, country: 'DE', assign: false });
  const { raw } = await dribble(body, 4, 500);
  expect(raw).toMatch(/^HTTP\/1\.1 201 /);
}, 30_000);
