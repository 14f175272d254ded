// A body sent a byte at a time cannot hold a request open: over a real HTTP server, a JSON body
// that has not arrived within 10 s is answered 408 REQUEST_TIMEOUT in the one error shape, nothing
// is written, and the server keeps answering others meanwhile; a body that is merely slow but
// arrives in time is served as usual. The deadline holds for chunked bodies too, and on the routes
// that need no token (sign-in, accepting an invitation); those run against a second server whose
// deadline is 1 s, so they stay fast.
import net, { type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness.js';

let h: Harness;
let server: ServerType;
let port: number;
let rep: { id: string; token: string };
let shortServer: ServerType;
let shortPort: number;
const SHORT_DEADLINE_MS = 1000;

beforeAll(async () => {
  h = await createHarness();
  rep = await h.createRep();
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  port = (server.address() as AddressInfo).port;
  const short = h.newApp({ bodyDeadlineMs: SHORT_DEADLINE_MS });
  shortServer = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: short.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  shortPort = (shortServer.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await new Promise<void>((resolve) => shortServer?.close(() => resolve()));
  await h?.close();
});

interface DribbleOptions {
  port?: number;
  path?: string;
  /** Default: the rep's. */
  token?: string | null;
  /** Send the body with Transfer-Encoding: chunked instead of a Content-Length. */
  chunked?: boolean;
  /** Default: application/json. */
  contentType?: string;
}

/** Sends the head and then the body in pieces, `gapMs` apart; resolves with the raw answer. */
async function dribble(
  body: string,
  pieces: number,
  gapMs: number,
  declaredLength = Buffer.byteLength(body),
  options: DribbleOptions = {},
): Promise<{ raw: string; ms: number }> {
  const socket = net.connect(options.port ?? port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  const started = Date.now();
  let raw = '';
  socket.on('data', (d) => (raw += d));
  socket.on('error', () => {});
  const closed = new Promise<void>((r) => socket.once('close', () => r()));
  const token = options.token === undefined ? rep.token : options.token;
  socket.write(
    `POST ${options.path ?? '/customers'} HTTP/1.1\r\nHost: x\r\n${token ? `Authorization: Bearer ${token}\r\n` : ''}Content-Type: ${options.contentType ?? 'application/json'}\r\n` +
      `${options.chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${declaredLength}`}\r\n\r\n`,
  );
  const size = Math.ceil(body.length / pieces);
  for (let i = 0; i < body.length && !socket.destroyed && raw === ''; i += size) {
    const piece = body.slice(i, i + size);
    socket.write(options.chunked ? `${Buffer.byteLength(piece).toString(16)}\r\n${piece}\r\n` : piece);
    await sleep(gapMs);
  }
  if (options.chunked && !socket.destroyed && raw === '') socket.write('0\r\n\r\n');
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

/** The status line and the error of a raw answer. */
function answer(raw: string): { status: number; code: string | undefined; message: string | undefined } {
  const status = Number(/^HTTP\/1\.1 (\d+) /.exec(raw)?.[1]);
  const text = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  let error: { code?: string; message?: string } | undefined;
  try {
    error = JSON.parse(text).error;
  } catch {
    // not the error shape
  }
  return { status, code: error?.code, message: error?.message };
}

it('answers 408 to a chunked body that trickles in past the deadline, writing nothing', async () => {
  const before = await customers();
  const body = JSON.stringify({ companyName: 'Chunked Loris Trading Ltd', country: 'DE', assign: false });
  // Each piece in time, the whole not: 6 pieces 500 ms apart against a 1 s deadline.
  const { raw, ms } = await dribble(body, 6, 500, undefined, { port: shortPort, chunked: true });
  expect(answer(raw)).toEqual({ status: 408, code: 'REQUEST_TIMEOUT', message: expect.stringMatching(/did not arrive within 1 s/) });
  expect(raw).toMatch(/connection: close/i);
  expect(ms).toBeLessThan(SHORT_DEADLINE_MS + 1500);
  expect(await customers()).toBe(before);
}, 30_000);

for (const chunked of [false, true]) {
  for (const path of ['/auth/sign-in', '/invitations/no-such-link/accept']) {
    it(`answers 408 to an unauthenticated ${chunked ? 'chunked ' : ''}body that trickles in to ${path}`, async () => {
      const body = JSON.stringify(path === '/auth/sign-in' ? { email: 'nobody@example.com', password: 'wrong horse battery' } : { password: 'a long enough password 42' });
      const { raw, ms } = await dribble(body, 6, 500, undefined, { port: shortPort, path, token: null, chunked });
      expect(answer(raw)).toMatchObject({ status: 408, code: 'REQUEST_TIMEOUT' });
      expect(ms).toBeLessThan(SHORT_DEADLINE_MS + 1500);
    }, 30_000);
  }
}

it('serves a chunked body that arrives in time', async () => {
  const body = JSON.stringify({ companyName: `Chunked Patient Trading ${Date.now()} Ltd`, country: 'DE', assign: false });
  const { raw } = await dribble(body, 3, 100, undefined, { port: shortPort, chunked: true });
  expect(answer(raw).status).toBe(201);
}, 30_000);

/** A multipart upload of one CSV file (and a source field). */
function multipart(csv: string): { body: string; contentType: string } {
  const boundary = 'slowupload';
  const body = [`--${boundary}`, 'Content-Disposition: form-data; name="source"', '', 'canton_fair', `--${boundary}`, 'Content-Disposition: form-data; name="file"; filename="slow.csv"', 'Content-Type: text/csv', '', csv, `--${boundary}--`, ''].join('\r\n');
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
const importJobs = async () => Number((await h.db.selectFrom('import_jobs').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

it('answers 408 to an upload that stops arriving, starting no import, while one that keeps arriving is read to its end', async () => {
  const before = await importJobs();
  const csv = `Company,Country\n${Array.from({ length: 40 }, (_, i) => `Upload Loris ${i} Ltd,DE`).join('\n')}\n`;
  const { body, contentType } = multipart(csv);
  // Half the upload, then nothing: the reader must not wait for the rest for ever (Node's own limit is 5 minutes).
  const stalled = await dribble(body.slice(0, body.length / 2), 1, 10, Buffer.byteLength(body), { port: shortPort, path: '/imports', contentType });
  expect(answer(stalled.raw)).toEqual({ status: 408, code: 'REQUEST_TIMEOUT', message: expect.stringMatching(/1 s/) });
  expect(stalled.raw).toMatch(/connection: close/i);
  expect(stalled.ms).toBeLessThan(SHORT_DEADLINE_MS + 1500);
  // A template upload alike.
  const template = await dribble(body.slice(0, body.length / 2), 1, 10, Buffer.byteLength(body), { port: shortPort, path: '/document-templates', contentType, token: h.adminToken });
  expect(answer(template.raw)).toMatchObject({ status: 408, code: 'REQUEST_TIMEOUT' });
  expect(await importJobs()).toBe(before);
  // A long upload whose bytes keep coming (8 pieces 400 ms apart: longer than the 1 s, never idle that long) is read and imported.
  const steady = await dribble(body, 8, 400, undefined, { port: shortPort, path: '/imports', contentType });
  expect(answer(steady.raw).status).toBe(202);
  expect(steady.ms).toBeGreaterThan(SHORT_DEADLINE_MS * 2);
  expect(await importJobs()).toBe(before + 1);
}, 30_000);
