// Resident memory of `npm start` on the embedded default (PGlite, a Temporal dev server it launches,
// API and worker in one process): after start, and after the README's "Try it" flow. Starts the
// real command in a fresh data directory and reads VmRSS of every process in its tree from /proc.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

interface Proc {
  pid: number;
  ppid: number;
  name: string;
  rssKiB: number;
}

function readProc(pid: number): Proc | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => status.match(new RegExp(`^${name}:\\s+(.*)$`, 'm'))?.[1] ?? '';
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const script = cmdline.find((a) => /start\.mjs$|npm-cli\.js$|tsx\/dist\/cli/.test(a));
    const name = path.basename(cmdline[0] ?? field('Name')) + (script ? ` ${path.basename(script)}` : cmdline[1] ? ` ${cmdline[1]}` : '');
    return { pid, ppid: Number(field('PPid')), name, rssKiB: Number.parseInt(field('VmRSS') || '0', 10) };
  } catch {
    return undefined; // gone meanwhile
  }
}

/** Every process below `root` (itself included). */
function tree(root: number): Proc[] {
  const all = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => readProc(Number(d)))
    .filter((p): p is Proc => p !== undefined);
  const out: Proc[] = [];
  const walk = (pid: number) => {
    const p = all.find((x) => x.pid === pid);
    if (p) out.push(p);
    for (const c of all.filter((x) => x.ppid === pid)) walk(c.pid);
  };
  walk(root);
  return out;
}

const mib = (kib: number) => Math.round(kib / 1024);

function snapshot(moment: string, root: number): Record<string, string | number> {
  const procs = tree(root);
  const temporal = procs.filter((p) => p.name.startsWith('temporal')).reduce((s, p) => s + p.rssKiB, 0);
  const node = procs.filter((p) => !p.name.startsWith('temporal')).sort((a, b) => b.rssKiB - a.rssKiB);
  const highseas = node[0]?.rssKiB ?? 0;
  const launchers = node.slice(1).reduce((s, p) => s + p.rssKiB, 0);
  return {
    moment,
    'highseas process': `${mib(highseas)} MiB`,
    'npm launcher': `${mib(launchers)} MiB`,
    'Temporal dev server': `${mib(temporal)} MiB`,
    'all of npm start': `${mib(highseas + launchers + temporal)} MiB`,
  };
}

async function waitReady(url: string, child: { exitCode: number | null }, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/ready`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(500);
  }
  throw new Error('npm start did not become ready in time');
}

/** The README's "Try it" flow, over HTTP. */
async function tryIt(api: string, adminToken: string) {
  const call = async (token: string, method: string, p: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(api + p, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (res.status >= 500) throw new Error(`${method} ${p}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  await call(adminToken, 'POST', '/reps', { id: 'li', name: 'Li Wei', email: 'li@example.com', hiredAt: '2023-03-01', tags: ['spanish'], timeZone: 'Asia/Shanghai' });
  const rep = (await call(adminToken, 'POST', '/reps/li/tokens', {})).token as string;
  const id = (await call(adminToken, 'POST', '/customers', { companyName: 'Acme Ltd.', country: 'DE', email: 'buyer@acme.de', assign: false })).id as string;
  await call(adminToken, 'POST', '/customers', { companyName: 'ACME, LTD' });
  await call(rep, 'POST', `/customers/${id}/claim`);
  await call(rep, 'POST', `/customers/${id}/follow-ups`, { kind: 'call', expectedCloseDays: 20 });
  await call(rep, 'GET', `/customers/${id}`);
  await call(adminToken, 'GET', `/customers/${id}/decisions`, undefined, { 'accept-language': 'zh-CN' });
  await call(adminToken, 'POST', '/rule-sets/validate', { format: 'dsl', source: 'decision grading\nhit policy first\nrule "all B" priority 1\n  when custmer.grade = "A"\n  then grade B\n' });
  const source = readFileSync('rules/defaults/reclaim.rules', 'utf8').replace('in 7d', 'in 10d');
  await call(adminToken, 'POST', '/forecasts', { format: 'dsl', source, days: 14 });
  // A few pages of the admin UI, as a browser would load them.
  for (const p of ['/', '/assets/']) await fetch(api + p).then((r) => r.text());
}

export async function runEmbeddedMemoryBench(): Promise<Record<string, string | number>[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'highseas-memory-'));
  const port = 3900 + Math.floor(Math.random() * 90);
  const child = spawn('npm', ['start'], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      TEMPORAL_ADDRESS: '',
      DATA_DIR: dataDir,
      PORT: String(port),
      TEMPORAL_DEV_PORT: String(port + 1000),
      TEMPORAL_UI_PORT: String(port + 1100),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const api = `http://127.0.0.1:${port}`;
  const rows: Record<string, string | number>[] = [];
  try {
    const started = Date.now();
    await waitReady(api, child, 900_000);
    const startMs = Date.now() - started;
    await sleep(5_000);
    rows.push({ ...snapshot(`after start (${(startMs / 1000).toFixed(0)} s)`, child.pid!) });
    const adminToken = readFileSync(path.join(dataDir, 'admin-token'), 'utf8').trim();
    await tryIt(api, adminToken);
    await sleep(5_000);
    rows.push(snapshot('after "Try it"', child.pid!));
    await sleep(30_000);
    rows.push(snapshot('30 s later', child.pid!));
  } finally {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await new Promise((r) => setTimeout(r, 5_000));
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* stopped */
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}
