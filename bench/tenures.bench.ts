// Many open tenures on one worker: N customers claimed (N running workflows, each waiting on a
// durable timer), the worker as its own process (as in production) so its memory is its own;
// then follow-ups while they all run, and the same after the worker restarts with a cold cache.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mapLimit, startStack, type Stack } from './support/stack.js';
import { ms, percentile } from './support/table.js';

const MiB = 1024 * 1024;

/** Resident memory of a process, from /proc (Linux). */
function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : Number.NaN;
}

interface WorkerProcess {
  child: ChildProcess;
  readyMs: number;
  peakRss(): number;
  stop(): Promise<void>;
}

/** `npm run worker`'s entry, from source, against the stack's database and Temporal. */
export async function startWorkerProcess(stack: Stack, maxCachedWorkflows: number | undefined): Promise<WorkerProcess> {
  const started = Date.now();
  // BENCH_WORKER_CPU_PROF=<dir> writes the worker's CPU profile there when it stops (for Chrome's DevTools);
  // BENCH_WORKER_DIST=1 runs `npm run build`'s output (as `npm run worker` does), whose profile has its lines.
  const profile = process.env.BENCH_WORKER_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_WORKER_CPU_PROF}`] : [];
  const entry = process.env.BENCH_WORKER_DIST ? ['dist/server/worker.js'] : ['--import', 'tsx', 'server/worker.ts'];
  const child = spawn(process.execPath, [...profile, ...entry], {
    env: {
      ...process.env,
      DATABASE_URL: stack.databaseUrl,
      TEMPORAL_ADDRESS: stack.runtime.temporalAddress,
      DATA_DIR: stack.dataDir,
      LOG_LEVEL: 'warn',
      WORKER_MAX_CACHED_WORKFLOWS: maxCachedWorkflows ? String(maxCachedWorkflows) : (process.env.WORKER_MAX_CACHED_WORKFLOWS ?? ''),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  // BENCH_WORKER_LOG=1 shows the worker's warnings and errors as they happen.
  if (process.env.BENCH_WORKER_LOG) child.stdout!.pipe(process.stderr);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('highseas is running')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${output}`)));
  });
  const readyMs = Date.now() - started;
  let peak = rssOf(child.pid!);
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, rssOf(child.pid!));
    } catch {
      // exited
    }
  }, 250);
  return {
    child,
    readyMs,
    peakRss: () => Math.max(peak, rssOf(child.pid!)),
    async stop() {
      clearInterval(sampler);
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const out = await fn();
  return [out, performance.now() - t];
}

async function followUps(stack: Stack, owners: { id: string; token: string }[], count: number, concurrency: number) {
  const picks = Array.from({ length: count }, (_, i) => owners[Math.floor((i * owners.length) / count)]!);
  const latencies = await mapLimit(picks, concurrency, async (p) => {
    const [r, took] = await timed(() => stack.call(p.token, 'POST', `/customers/${p.id}/follow-ups`, { kind: 'call', note: 'bench' }));
    if (r.status !== 200) throw new Error(`follow-up failed: ${JSON.stringify(r.body)}`);
    return took;
  });
  return latencies.sort((a, b) => a - b);
}

export async function runTenuresBench(tenures: number, options: { maxCachedWorkflows?: number } = {}) {
  const reps = 100;
  const perRep = Math.ceil(tenures / reps);
  const stack = await startStack({ worker: false });
  let worker = await startWorkerProcess(stack, options.maxCachedWorkflows);
  try {
    const idleRss = rssOf(worker.child.pid!);
    const caps = { privateMax: perRep, dailyClaimMax: 100_000, keyMax: 10 };
    const tokens = [await stack.createRep('ten-rep0', caps)];
    tokens.push(...(await mapLimit(Array.from({ length: reps - 1 }, (_, i) => `ten-rep${i + 1}`), 10, (id) => stack.createRep(id, caps))));
    const customers = await mapLimit(Array.from({ length: tenures }, (_, i) => i), 32, async (i) => {
      const r = await stack.call(stack.adminToken, 'POST', '/customers', { companyName: `Tenure Customer ${i} Trading`, assign: false });
      if (r.status !== 201) throw new Error(JSON.stringify(r.body));
      return r.body.id as string;
    });

    // Start: every claim starts a workflow (update-with-start) and waits for its claim activity.
    const t0 = Date.now();
    const claimLatencies = await mapLimit(customers, 50, async (id, i) => {
      const [r, took] = await timed(() => stack.call(tokens[i % reps]!, 'POST', `/customers/${id}/claim`));
      if (r.status !== 200) throw new Error(`claim failed: ${JSON.stringify(r.body)}`);
      return took;
    });
    const startSeconds = (Date.now() - t0) / 1000;
    claimLatencies.sort((a, b) => a - b);
    const open = await stack.runtime.client.workflow.count(`WorkflowType = 'customerLifecycle' AND ExecutionStatus = 'Running'`);
    const owners = customers.map((id, i) => ({ id, token: tokens[i % reps]! }));

    const warm = await followUps(stack, owners, 1000, 10);
    const rssRunning = worker.peakRss();

    // A restart: a new worker process with nothing cached replays each tenure it touches.
    await worker.stop();
    worker = await startWorkerProcess(stack, options.maxCachedWorkflows);
    const cold = await followUps(stack, owners.slice().reverse(), 1000, 10);

    const mib = (n: number) => `${Math.round(n / MiB)} MiB`;
    return [
      { measure: 'open tenures (running workflows)', value: String(open.count) },
      { measure: 'tenures started (claims, 50 at a time)', value: `${startSeconds.toFixed(1)} s (${Math.round(tenures / startSeconds)}/s)` },
      { measure: 'claim latency p50 / p99', value: `${ms(percentile(claimLatencies, 50))} / ${ms(percentile(claimLatencies, 99))}` },
      { measure: 'worker RSS idle → peak with all open', value: `${mib(idleRss)} → ${mib(rssRunning)}` },
      { measure: 'follow-up p50 / p99 (1,000, 10 at a time)', value: `${ms(percentile(warm, 50))} / ${ms(percentile(warm, 99))}` },
      { measure: 'worker restart: ready in', value: `${(worker.readyMs / 1000).toFixed(1)} s` },
      { measure: 'follow-up p50 / p99 after restart (cold cache)', value: `${ms(percentile(cold, 50))} / ${ms(percentile(cold, 99))}` },
      { measure: 'worker RSS peak after restart', value: mib(worker.peakRss()) },
    ];
  } finally {
    await worker.stop().catch(() => {});
    await stack.close();
  }
}
