// SIGTERM as an orchestrator sends it (issue 9): readiness flips to 503 at once, requests in flight
// finish, no new connections are taken, and the process exits within 30 s even when a tenure is
// stuck in the worker. Real child processes (`npm start`'s entry) against Postgres and Temporal.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { createScratchDatabase } from './support/scratch-database.js';
import { freePort } from './support/service-process.js';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'highseas-shutdown-'));
const cleanups: (() => Promise<void>)[] = [];
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});


/** A fresh database, a session on it for the test's locks, and the process started on it. */
async function startProcess(env: Record<string, string> = {}) {
  const scratch = await createScratchDatabase(inject('adminDatabaseUrl'), 'hs_t_shutdown');
  cleanups.push(() => scratch.drop());
  const session = new pg.Client({ connectionString: scratch.url });
  await session.connect();
  cleanups.push(() => session.end());
  const port = await freePort();
  const token = `hs_${randomBytes(24).toString('hex')}`;
  const child = spawn(process.execPath, ['server/start.mjs'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATA_DIR: dataDir,
      DATABASE_URL: scratch.url,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_TASK_QUEUE: `hs-shutdown-${randomBytes(3).toString('hex')}`,
      BOOTSTRAP_ADMIN_TOKEN: token,
      PORT: String(port),
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  cleanups.push(async () => void (child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')));
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.once('exit', (code) => resolve({ code, at: performance.now() })));
  await new Promise<void>((resolve, reject) => {
    const t = setInterval(() => output.includes('highseas is running') && (clearInterval(t), resolve()), 100);
    void exited.then(({ code }) => (clearInterval(t), reject(new Error(`the process exited with ${code}:\n${output}`))));
  });
  const base = `http://127.0.0.1:${port}`;
  const call = async (t: string, method: string, url: string, body?: unknown) => {
    const res = await fetch(base + url, {
      method,
      headers: { authorization: `Bearer ${t}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const waitFor = async (probe: () => Promise<boolean> | boolean, timeoutMs: number, what: string) => {
    const until = Date.now() + timeoutMs;
    while (!(await probe())) {
      if (Date.now() > until) throw new Error(`${what} did not happen within ${timeoutMs} ms:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  /** Statements of the process waiting for a lock the test holds. */
  const lockWaits = async () =>
    Number((await session.query(`select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)).rows[0].n);
  return { child, port, base, token, session, call, waitFor, lockWaits, exited, output: () => output };
}

/** An HTTP request whose head is still being sent, on a connection opened now (before any SIGTERM). */
async function halfSentRequest(port: number, target: string) {
  const socket = net.connect({ port, host: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
  let received = '';
  socket.on('data', (d) => (received += d));
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return {
    /** Finishes the request and reads the answer (or null when the connection was dropped). */
    async finish(): Promise<{ status: number; body: any } | null> {
      if (!socket.destroyed) socket.write('Connection: close\r\n\r\n');
      await ended;
      const match = /^HTTP\/1\.1 (\d{3})[^]*?\r\n\r\n([^]*)$/.exec(received);
      if (!match) return null;
      const body = match[2]!;
      // A chunked body: the JSON is the one chunk.
      const json = body.slice(body.indexOf('{'), body.lastIndexOf('}') + 1);
      return { status: Number(match[1]), body: JSON.parse(json) };
    },
  };
}

const refusesConnections = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.once('connect', () => (s.destroy(), resolve(false)));
    s.once('error', () => resolve(true));
  });

describe('SIGTERM', () => {
  it('drains: /ready says draining, new connections are refused, a claim in flight completes through the worker, then a clean exit', async () => {
    const p = await startProcess();
    expect((await fetch(`${p.base}/ready`)).status).toBe(200);
    expect((await p.call(p.token, 'POST', '/reps', { id: 'ana', name: 'Ana', email: 'ana@example.com' })).status).toBe(201);
    const repToken = (await p.call(p.token, 'POST', '/reps/ana/tokens', {})).body.token;
    const customer = await p.call(p.token, 'POST', '/customers', { companyName: 'Drain Ltd', country: 'DE', assign: false });
    expect(customer.status).toBe(201);
    const probe = await halfSentRequest(p.port, '/ready');

    // A slow claim: it waits for a lock the test holds on the token table, and needs the worker
    // only after that (the update on the customer's workflow), so after the signal.
    await p.session.query('begin');
    await p.session.query('lock table api_tokens in access exclusive mode');
    const slow = p.call(repToken, 'POST', `/customers/${customer.body.id}/claim`).catch((e: Error) => e);
    await p.waitFor(async () => (await p.lockWaits()) > 0, 5_000, 'the request waiting for the lock');

    const signalled = performance.now();
    p.child.kill('SIGTERM');
    await p.waitFor(() => p.output().includes('stopping'), 5_000, 'the stopping log line');
    const ready = await probe.finish();
    expect(ready).toMatchObject({ status: 503, body: { status: 'draining' } });
    expect(await refusesConnections(p.port)).toBe(true);

    await p.session.query('commit');
    const answer = await slow;
    expect(answer).not.toBeInstanceOf(Error);
    expect(answer).toMatchObject({ status: 200, body: { ownerId: 'ana' } });

    const { code, at } = await p.exited;
    expect(code).toBe(0);
    expect(at - signalled).toBeLessThan(30_000);
  }, 120_000);

  it('exits within 30 s even while a tenure is stuck in the worker and its request waits', async () => {
    // No database bounds at all: the stuck claim would wait forever.
    const p = await startProcess({ DATABASE_STATEMENT_TIMEOUT: '0', DATABASE_QUERY_TIMEOUT: '0', DATABASE_IDLE_IN_TRANSACTION_TIMEOUT: '0' });
    expect((await p.call(p.token, 'POST', '/reps', { id: 'stuck', name: 'Stuck', email: 'stuck@example.com' })).status).toBe(201);
    const repToken = (await p.call(p.token, 'POST', '/reps/stuck/tokens', {})).body.token;
    const customer = await p.call(p.token, 'POST', '/customers', { companyName: 'Stuck Ltd', country: 'DE', assign: false });
    expect(customer.status).toBe(201);

    // The claim's transaction (a local activity in the worker) waits for the customer row the test holds.
    await p.session.query('begin');
    await p.session.query('select id from customers where id = $1 for update', [customer.body.id]);
    cleanups.push(async () => void (await p.session.query('rollback')));
    void p.call(repToken, 'POST', `/customers/${customer.body.id}/claim`).catch(() => {});
    await p.waitFor(async () => (await p.lockWaits()) > 0, 15_000, 'the claim waiting for the row lock');

    const signalled = performance.now();
    p.child.kill('SIGTERM');
    const stopped = await Promise.race([p.exited, new Promise<null>((r) => setTimeout(() => r(null), 40_000))]);
    expect(stopped, `still running 40 s after SIGTERM:\n${p.output().slice(-3000)}`).not.toBeNull();
    expect(stopped!.at - signalled).toBeLessThan(30_000);
  }, 120_000);
});
