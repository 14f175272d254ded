// The production topology: `npm run build`, then separate API and worker processes from dist/
// (pre-built workflow bundle) against Postgres and an external Temporal address.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { type ScratchDatabase, createScratchDatabase } from './support/scratch-database.js';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { freePort } from './support/service-process.js';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, '.cache', `test-dist-${randomBytes(4).toString('hex')}`);
let scratch: ScratchDatabase;
const children: ChildProcess[] = [];


function run(script: string, env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(outDir, 'server', script)], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const running = new Promise<void>((resolve, reject) => {
    const t = setInterval(() => out.includes('highseas is running') && (clearInterval(t), resolve()), 100);
    child.once('exit', (code) => (clearInterval(t), reject(new Error(`${script} exited ${code}: ${out}`))));
  });
  return { child, running };
}


beforeAll(async () => {
  execFileSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json', '--outDir', outDir], { cwd: root });
  execFileSync(process.execPath, ['--import', 'tsx', 'server/build-assets.ts', outDir], { cwd: root });
  execFileSync(process.execPath, ['--import', 'tsx', 'workflows/build-bundle.ts', path.join(outDir, 'workflow-bundle.js')], { cwd: root });
  scratch = await createScratchDatabase(inject('adminDatabaseUrl'), 'hs_t_prod');
}, 120_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(outDir, { recursive: true, force: true });
  await scratch?.drop();
});

it('runs as separate API and worker processes built into dist/', async () => {
  const port = await freePort();
  const token = `hs_${randomBytes(24).toString('hex')}`;
  const env = {
    DATABASE_URL: scratch.url,
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: `hs-prod-${randomBytes(3).toString('hex')}`,
    BOOTSTRAP_ADMIN_TOKEN: token,
    PORT: String(port),
    LOG_LEVEL: 'warn',
  };
  // Two API processes share the database; the worker is a third process. All three start at once
  // on the empty database: one migrates and makes the admin and its token, the others wait and find them.
  const api1 = run('api.js', env);
  const api2 = run('api.js', { ...env, PORT: String(await freePort()) });
  const worker = run('worker.js', env);
  await Promise.all([api1.running, api2.running, worker.running]);
  const stored = new pg.Client({ connectionString: scratch.url });
  await stored.connect();
  try {
    const { rows } = await stored.query<{ admins: string; tokens: string }>(`select (select count(*) from reps where role = 'admin') as admins, (select count(*) from api_tokens) as tokens`);
    expect(rows[0]).toEqual({ admins: '1', tokens: '1' });
  } finally {
    await stored.end();
  }

  const base = `http://127.0.0.1:${port}`;
  const call = async (t: string, method: string, p: string, body?: unknown) => {
    const res = await fetch(base + p, {
      method,
      headers: { authorization: `Bearer ${t}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  expect((await call(token, 'POST', '/reps', { id: 'pat', name: 'Pat', email: 'pat@example.com' })).status).toBe(201);
  const repToken = (await call(token, 'POST', '/reps/pat/tokens', {})).body.token;
  const customer = await call(token, 'POST', '/customers', { companyName: 'Production Check Ltd', assign: false });
  const claim = await call(repToken, 'POST', `/customers/${customer.body.id}/claim`);
  expect(claim.status).toBe(200);
  expect(claim.body.ownerId).toBe('pat');
  const follow = await call(repToken, 'POST', `/customers/${customer.body.id}/follow-ups`, { kind: 'visit' });
  expect(follow.status).toBe(200);
  expect(follow.body.stage).toBe('follow_up');

  worker.child.kill('SIGTERM');
  await new Promise((r) => worker.child.once('exit', r));
  expect(worker.child.exitCode).toBe(0);
}, 120_000);

it('the API and worker processes refuse to start without Postgres and a Temporal address', () => {
  for (const script of ['api.js', 'worker.js']) {
    let failed: { status: number; stderr: string } | null = null;
    try {
      execFileSync(process.execPath, [path.join(outDir, 'server', script)], { cwd: root, env: { PATH: process.env.PATH ?? '' }, stdio: 'pipe' });
    } catch (e) {
      const err = e as { status: number; stderr: Buffer };
      failed = { status: err.status, stderr: err.stderr.toString() };
    }
    expect(failed?.status).toBe(2);
    expect(failed?.stderr).toMatch(/DATABASE_URL: required/);
    expect(failed?.stderr).toMatch(/TEMPORAL_ADDRESS: required/);
  }
});
