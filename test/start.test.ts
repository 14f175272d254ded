// `npm start` as a user runs it: embedded PGlite and a Temporal dev server it launches itself,
// the URLs printed and the admin token printed by the start that created it, data and timers kept
// across a restart, clean shutdown.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from './support/service-process.js';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'highseas-start-'));
const children: ChildProcess[] = [];

afterAll(async () => {
  // SIGTERM first: npm start then stops the Temporal dev server it launched; SIGKILL would orphan it.
  await Promise.all(
    children
      .filter((c) => c.exitCode === null && c.signalCode === null)
      .map(
        (c) =>
          new Promise<void>((resolve) => {
            const force = setTimeout(() => c.kill('SIGKILL'), 15_000);
            c.once('exit', () => (clearTimeout(force), resolve()));
            c.kill('SIGTERM');
          }),
      ),
  );
  rmSync(dataDir, { recursive: true, force: true });
});


const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['server/start.mjs'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const ready = new Promise<{ api: string; token: string | null; temporalUi: string }>((resolve, reject) => {
    const timer = setInterval(() => {
      const api = /API\s+(http:\/\/\S+)/.exec(out)?.[1];
      const tokenLine = /admin token\s+(.*)/.exec(out)?.[1];
      const temporalUi = /Temporal UI\s+(http:\/\/\S+)/.exec(out)?.[1];
      if (api && tokenLine && temporalUi) {
        clearInterval(timer);
        resolve({ api, token: /^(hs_\S+)/.exec(tokenLine)?.[1] ?? null, temporalUi });
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`npm start exited with ${code}:\n${out}\n${err}`));
    });
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, exited, output: () => out + err };
}

async function api(base: string, token: string, method: string, url: string, body?: unknown) {
  const res = await fetch(base + url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('npm start', () => {
  it('serves the API, docs and a worker on PGlite and its own Temporal dev server, and keeps data across a restart', async () => {
    const [port, temporalPort, uiPort] = [await freePort(), await freePort(), await freePort()];
    const env = {
      DATA_DIR: dataDir,
      PORT: String(port),
      TEMPORAL_DEV_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: String(uiPort),
      TEMPORAL_CLI_PATH: inject('temporalCliPath'),
    };
    const first = start(env);
    const { api: base, token: printed, temporalUi } = await first.ready;
    // The first start generated the admin token: printed once, and kept in the data directory.
    expect(printed).toMatch(/^hs_/);
    const token = printed!;
    expect(readFileSync(path.join(dataDir, 'admin-token'), 'utf8').trim()).toBe(token);
    expect(base).toBe(`http://127.0.0.1:${port}`);
    expect(temporalUi).toBe(`http://127.0.0.1:${uiPort}`);
    expect(first.output()).toMatch(/API docs\s+http:\/\/127\.0\.0\.1:\d+\/docs/);

    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as any).checks).toMatchObject({ database: { ok: true }, temporal: { ok: true } });
    expect((await fetch(`${base}/docs`)).headers.get('content-type')).toMatch(/html/);
    expect((await fetch(`${base}/docs/swagger-ui-bundle.js`)).status).toBe(200);
    const openapi = (await (await fetch(`${base}/openapi.json`)).json()) as any;
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/customers', '/customers/{id}/claim', '/pool']));

    // The first admin signs in with the printed e-mail after setting a password at the printed link.
    const signInLine = /admin sign-in\s+(\S+): set a password at (\S+)#(\S+) \(one-time link/.exec(first.output());
    expect(signInLine?.[2]).toBe(`${base}/ui/accept-invitation`);
    const [, email, , secret] = signInLine!;
    const accepted = await fetch(`${base}/invitations/${secret}/accept`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: 'first-admin-harbour-77' }) });
    expect(accepted.status).toBe(204);
    const signedIn = await fetch(`${base}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'first-admin-harbour-77' }) });
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
    expect(((await (await fetch(`${base}/me`, { headers: { cookie } })).json()) as any).role).toBe('admin');

    expect((await api(base, token, 'POST', '/reps', { id: 'alice', name: 'Alice', email: 'alice@example.com' })).status).toBe(201);
    const repToken = (await api(base, token, 'POST', '/reps/alice/tokens', {})).body.token;
    // The shipped rule sets are installed: a new customer is graded and assigned at once.
    const assigned = await api(base, token, 'POST', '/customers', { companyName: 'Assigned Ltd', country: 'FR' });
    expect(assigned.status).toBe(201);
    expect(assigned.body).toMatchObject({ status: 'owned', ownerId: 'alice', grade: 'C', assignment: { status: 'assigned', repId: 'alice' } });
    const customer = await api(base, token, 'POST', '/customers', { companyName: 'Start Test Ltd', country: 'GB', assign: false });
    expect(customer.status).toBe(201);
    const claim = await api(base, repToken, 'POST', `/customers/${customer.body.id}/claim`);
    expect(claim.status).toBe(200);
    // The shipped reclaim rules: first follow-up within 3 days.
    expect(Date.parse(claim.body.deadline) - Date.now()).toBeGreaterThan(3 * 86_400_000 - 60_000);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    // The dev server it launched is gone with it, and so is the code it compiled.
    expect(await portOpen(temporalPort)).toBe(false);
    expect(existsSync(path.join(root, '.cache', 'start', String(first.child.pid)))).toBe(false);

    // A WORKFLOW_BUNDLE_PATH naming no file (dist/ before a build) is built, not taken.
    const second = start({ ...env, WORKFLOW_BUNDLE_PATH: path.join(dataDir, 'no-such-bundle.js') });
    const again = await second.ready;
    // Not printed again: the line says where it is kept.
    expect(again.token).toBeNull();
    expect(second.output()).not.toContain(token);
    expect(second.output()).not.toContain(secret!);
    expect(second.output()).toMatch(/admin token\s+in \S*admin-token/);
    const detail = await api(again.api, repToken, 'GET', `/customers/${customer.body.id}`);
    expect(detail.body.customer).toMatchObject({ status: 'owned', ownerId: 'alice', deadline: claim.body.deadline });
    // The tenure's workflow survived in the dev server's file database.
    const follow = await api(again.api, repToken, 'POST', `/customers/${customer.body.id}/follow-ups`, { kind: 'call' });
    expect(follow.status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 180_000);

  it('says so in a sentence when its port is taken, and leaves nothing running', async () => {
    // Another program holds the API's port.
    const holder = net.createServer();
    const port = await new Promise<number>((resolve) => holder.listen(0, '127.0.0.1', () => resolve((holder.address() as net.AddressInfo).port)));
    const temporalPort = await freePort();
    try {
      const run = start({
        DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'highseas-start-taken-')),
        PORT: String(port),
        TEMPORAL_DEV_PORT: String(temporalPort),
        TEMPORAL_UI_PORT: String(await freePort()),
        TEMPORAL_CLI_PATH: inject('temporalCliPath'),
      });
      await expect(run.ready).rejects.toThrow(/exited with 1/);
      expect(run.output()).toContain(`highseas could not start: 127.0.0.1:${port} is already in use`);
      expect(run.output()).not.toMatch(/Unhandled 'error' event|setupListenHandle/);
      // No Temporal dev server was left behind on its port.
      expect(await portOpen(temporalPort)).toBe(false);
    } finally {
      holder.close();
    }
  }, 60_000);

  it('refuses to start with bad configuration, naming every bad key', async () => {
    const run = start({ DATA_DIR: dataDir, PORT: 'eighty', TEMPORAL_ADDRESS: 'no port here', LOG_LEVEL: 'loud' });
    await expect(run.ready).rejects.toThrow(/exited with 2/);
    const output = run.output();
    expect(output).toMatch(/PORT:/);
    expect(output).toMatch(/TEMPORAL_ADDRESS: expected host:port/);
    expect(output).toMatch(/LOG_LEVEL:/);
  });
});
