// Uploads cannot exhaust the API: an import is read as a stream and refused as soon as it passes
// a limit (rows, cell and row size, a zip's declared and real sizes), so the event loop keeps
// answering /health and memory stays bounded; bodies are refused before they are buffered when
// too large or unauthenticated; and a 413 leaves the keep-alive connection usable. Over a real
// HTTP server in this process, so the upload and /health share one event loop as in production.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness.js';
import { type Answer, type SendOptions, filled, multipart, sendTo } from './support/raw-uploads.js';
import { rowXml, xlsxWorkbook } from './support/xlsx-zip.js';

let h: Harness;
let server: ServerType;
let port: number;
const MiB = 1024 * 1024;

beforeAll(async () => {
  h = await createHarness({ worker: false });
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  (server as http.Server | undefined)?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await h?.close();
});

/** One request over node:http to this file's server. */
const send = (options: SendOptions) => sendTo(port, options);

/** Encodes the upload first, so the watched window holds only sending it and the server's work. */
const upload = async (file: Buffer, name: string, options: { token?: string | null; agent?: http.Agent } = {}) => {
  const { body, contentType } = await multipart(file, name, { assign: 'false' });
  const token = options.token === undefined ? h.adminToken : options.token;
  return () => send({ path: '/imports', body, headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) }, ...(options.agent ? { agent: options.agent } : {}) });
};

const countCustomers = async () => Number((await h.db.selectFrom('customers').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

/**
 * Runs `work` while GET /health is polled every 100 ms. Each poll's latency counts from when it was
 * due, so an event loop blocked by the upload shows even though this client shares that loop.
 */
async function watched<T>(work: () => Promise<T>) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const latencies: number[] = [];
  let done = false;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const poller = (async () => {
    const start = performance.now();
    for (let k = 1; !done || latencies.length < 3; k++) {
      const due = start + k * 100;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const res = await send({ method: 'GET', path: '/health', agent });
      expect(res.status).toBe(200);
      latencies.push(performance.now() - due);
      peak = Math.max(peak, process.memoryUsage.rss());
    }
  })();
  const started = performance.now();
  try {
    const result = await work();
    const tookMs = performance.now() - started;
    done = true;
    await poller;
    return { result, tookMs, slowestHealthMs: Math.max(...latencies), rssGrowthMb: (peak - baseline) / MiB };
  } finally {
    done = true;
    clearInterval(sampler);
    await poller.catch(() => {});
    agent.destroy();
  }
}

function expectRefused(answer: Answer, status: number, code: string, message?: RegExp) {
  expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(status);
  expect(answer.body.error).toMatchObject({ code, message: expect.any(String), requestId: expect.any(String) });
  if (message) expect(answer.body.error.message).toMatch(message);
  if (code === 'VALIDATION_FAILED') expect(answer.body.error.details.issues[0].pointer).toBe('/file');
}

/** The bounds every refused upload must keep. */
function expectBounded(run: { tookMs: number; slowestHealthMs: number; rssGrowthMb: number }) {
  expect(run.slowestHealthMs, 'slowest /health answer (ms)').toBeLessThan(1_000);
  expect(run.rssGrowthMb, 'RSS growth (MiB)').toBeLessThan(300);
  expect(run.tookMs, 'time to the refusal (ms)').toBeLessThan(5_000);
}

describe('an import is read within its limits while /health keeps answering', () => {
  it('refuses a 10 MiB one-column CSV at the row limit', async () => {
    const csv = filled('Company\n', () => 'A\n', 10 * MiB - 4096);
    const before = await countCustomers();
    const run = await watched(await upload(csv, 'one-column.csv'));
    expectRefused(run.result, 400, 'VALIDATION_FAILED', /at most 100000/);
    expectBounded(run);
    expect(await countCustomers()).toBe(before);
  });

  it('refuses a CSV with far more rows than the limit', async () => {
    const csv = filled('Company,Contact,E-mail,Country\n', (i) => `Trading Company ${i} Ltd.,Contact ${i},buyer${i}@company${i}.example,DE\n`, 9.5 * MiB);
    const before = await countCustomers();
    const run = await watched(await upload(csv, 'many-rows.csv'));
    expectRefused(run.result, 400, 'VALIDATION_FAILED', /at most 100000/);
    expectBounded(run);
    expect(await countCustomers()).toBe(before);
  });

  it('refuses a cell or a row over its bound as soon as it is read', async () => {
    const before = await countCustomers();
    const bigCell = await watched(await upload(Buffer.from(`Company,Notes\nAcme Ltd.,"${'x'.repeat(9 * MiB)}"\n`), 'big-cell.csv'));
    expectRefused(bigCell.result, 400, 'VALIDATION_FAILED', /row 2.*characters/i);
    expectBounded(bigCell);
    const wide = await watched(await upload(Buffer.from(`Company${',x'.repeat(2 * MiB)}\nAcme Ltd.\n`), 'wide.csv'));
    expectRefused(wide.result, 400, 'VALIDATION_FAILED', /row 1.*columns/i);
    expectBounded(wide);
    expect(await countCustomers()).toBe(before);
  });

  it('reads a hand-built workbook like any other (the fixtures below are valid .xlsx)', async () => {
    const book = await xlsxWorkbook(() => [rowXml(1, ['Company', 'Country']), rowXml(2, ['Golf Handels GmbH', 'DE']), rowXml(3, ['Hotel Supplies SARL', 'FR'])]);
    const res = await (await upload(book, 'hand-built.xlsx'))();
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ status: 'queued', format: 'xlsx', progress: { rowsTotal: 2 } });
  });

  it('refuses an XLSX of 200,000 rows at the row limit without inflating it whole', async () => {
    const book = await xlsxWorkbook(function* () {
      yield rowXml(1, ['Company']);
      for (let r = 2; r <= 200_001; r++) yield rowXml(r, [`Company ${r}`]);
    });
    expect(book.length).toBeLessThan(3 * MiB);
    const before = await countCustomers();
    const run = await watched(await upload(book, 'many-rows.xlsx'));
    expectRefused(run.result, 400, 'VALIDATION_FAILED', /at most 100000/);
    expectBounded(run);
    expect(await countCustomers()).toBe(before);
  });

  // An upload the API takes (every row at the limit read, checked and staged in Postgres) must not
  // stop it answering either.
  it('takes a CSV and an XLSX of 100,000 rows, the limit, each within 60 s, /health answering within 1 s throughout', async () => {
    const cells = (i: number) => [`Health Check Trading ${i} Ltd`, `buyer${i}@health${i}.example`, 'DE', `+49 30 ${1_000_000 + i}`];
    const csv = Buffer.from(`Company,E-mail,Country,Phone\n${Array.from({ length: 100_000 }, (_, i) => cells(i).join(',')).join('\n')}\n`);
    const book = await xlsxWorkbook(function* () {
      yield rowXml(1, ['Company', 'E-mail', 'Country', 'Phone']);
      for (let r = 2; r <= 100_001; r++) yield rowXml(r, cells(r));
    });
    for (const [file, name] of [[csv, 'at-the-limit.csv'], [book, 'at-the-limit.xlsx']] as const) {
      const run = await watched(await upload(file, name));
      expect(run.result.status, JSON.stringify(run.result.body).slice(0, 300)).toBe(202);
      expect(run.result.body).toMatchObject({ progress: { rowsTotal: 100_000 } });
      expect(run.slowestHealthMs, `${name}: slowest /health answer (ms)`).toBeLessThan(1_000);
      expect(run.tookMs, `${name}: time to take it (ms)`).toBeLessThan(60_000);
      console.log(`${name}: taken in ${Math.round(run.tookMs)} ms, slowest /health ${Math.round(run.slowestHealthMs)} ms, RSS +${Math.round(run.rssGrowthMb)} MiB`);
    }
  }, 180_000);

  describe('zip bombs', () => {
    // 256 MiB of rows, deflated to a few hundred KiB.
    const unit = Buffer.from(rowXml(1, ['Acme']).replace(' r="1"', '').replace(' r="A1"', '').repeat(16_384));
    const bombRows = function* () {
      yield rowXml(1, ['Company']);
      for (let i = 0; i < 256 * MiB; i += unit.length) yield unit;
    };

    it('refuses a workbook whose sheet declares 256 MiB, before inflating it', async () => {
      const book = await xlsxWorkbook(bombRows);
      expect(book.length).toBeLessThan(2 * MiB);
      const before = await countCustomers();
      const run = await watched(await upload(book, 'bomb.xlsx'));
      expectRefused(run.result, 400, 'VALIDATION_FAILED', /unpack/);
      expectBounded(run);
      expect(await countCustomers()).toBe(before);
    });

    it('refuses a workbook whose zip lies about the sheet size, once the sheet inflates past it', async () => {
      const book = await xlsxWorkbook(bombRows, { sheetDeclaredSize: 40_000 });
      const before = await countCustomers();
      const run = await watched(await upload(book, 'liar.xlsx'));
      expectRefused(run.result, 400, 'VALIDATION_FAILED', /xlsx/i);
      expectBounded(run);
      expect(await countCustomers()).toBe(before);
    });
  });
});

describe('a body is refused before it is buffered', () => {
  it('answers 413 at once to a declared Content-Length over 32 MiB (a 50 MB file), and 401 to an unauthenticated upload before its body is sent', async () => {
    const { body, contentType } = await multipart(Buffer.alloc(64 * 1024, 'a'), 'x.csv');
    const tooLarge = await send({
      path: '/imports',
      headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': contentType, 'content-length': String(50 * MiB) },
      chunks: [body],
      holdBodyOpen: true,
      answerWithinMs: 5_000,
    });
    expect(tooLarge.bodySent).toBe(false);
    expectRefused(tooLarge, 413, 'PAYLOAD_TOO_LARGE');

    for (const headers of [{ 'content-length': String(8 * MiB) }, {}] as Record<string, string>[]) {
      const anonymous = await send({ path: '/imports', headers: { 'content-type': contentType, ...headers }, chunks: [body], holdBodyOpen: true, answerWithinMs: 5_000 });
      expect(anonymous.bodySent).toBe(false);
      expectRefused(anonymous, 401, 'UNAUTHENTICATED');
    }
  });

  it('cuts a chunked upload off at 32 MiB with 413, without holding it in memory', async () => {
    const { body, contentType } = await multipart(filled('Company\n', (i) => `Row ${i}\n`, 50 * MiB), 'endless.csv');
    const chunks = function* () {
      for (let i = 0; i < body.length; i += 256 * 1024) yield body.subarray(i, i + 256 * 1024);
    };
    const before = await countCustomers();
    const run = await watched(() => send({ path: '/imports', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': contentType }, chunks: chunks() }));
    expectRefused(run.result, 413, 'PAYLOAD_TOO_LARGE');
    expect(run.result.bodySent).toBe(false);
    expectBounded(run);
    expect(await countCustomers()).toBe(before);
  });
});

describe('the keep-alive connection after a 413', () => {
  it('serves the next request on the same agent, for JSON bodies over 1 MiB and imports over 32 MiB, declared or chunked', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const auth = { authorization: `Bearer ${h.adminToken}` };
    const json = Buffer.from(JSON.stringify({ companyName: 'Too Long Ltd.', notes: 'x'.repeat(2 * MiB) }));
    const big = await multipart(Buffer.alloc(33 * MiB, 'a'), 'big.csv');
    const refusals: (() => Promise<Answer>)[] = [
      () => send({ path: '/customers', agent, headers: { ...auth, 'content-type': 'application/json' }, body: json }),
      () => send({ path: '/customers', agent, headers: { ...auth, 'content-type': 'application/json' }, chunks: [json.subarray(0, MiB), json.subarray(MiB)] }),
      () => send({ path: '/imports', agent, headers: { ...auth, 'content-type': big.contentType }, body: big.body }),
      () => send({ path: '/imports', agent, headers: { ...auth, 'content-type': big.contentType }, chunks: [big.body.subarray(0, 16 * MiB), big.body.subarray(16 * MiB)] }),
    ];
    try {
      for (const refuse of refusals) {
        expectRefused(await refuse(), 413, 'PAYLOAD_TOO_LARGE');
        const next = await send({ method: 'GET', path: '/me', agent, headers: auth, answerWithinMs: 5_000 });
        expect(next.status).toBe(200);
        expect(next.body.id).toBe('admin');
      }
    } finally {
      agent.destroy();
    }
  });
});
