// A full highseas process for benchmarks: the real runtime (API over loopback HTTP, worker, a
// Temporal dev server it launches) on a fresh Postgres database.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createScratchDatabase } from '../../test/support/scratch-database.js';
import { pino } from 'pino';
import type { RuleSetDocument } from '../../schemas/rule-set.js';
import { type CapCombo, capTag, capsByTag, keepInPool } from '../../test/support/rule-sets.js';
import { loadConfig } from '../../server/config.js';
import { startRuntime } from '../../server/runtime.js';

export const adminDatabaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface Stack {
  databaseUrl: string;
  dataDir: string;
  url: string;
  adminToken: string;
  runtime: Awaited<ReturnType<typeof startRuntime>>;
  call(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** Creates a rep whose caps are `caps` (through a caps rule matched by tag). */
  createRep(id: string, caps: CapCombo): Promise<string>;
  publishRuleSet(document: RuleSetDocument): Promise<void>;
  close(): Promise<void>;
}

export interface StackOptions {
  /** Run the worker in this process (default); false: API only, for a bench that runs its own worker process. */
  worker?: boolean;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const scratch = await createScratchDatabase(adminDatabaseUrl, 'hs_bench');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'highseas-bench-'));
  const adminToken = `hs_bench_${randomBytes(16).toString('hex')}`;
  const config = loadConfig(
    {
      DATABASE_URL: scratch.url,
      DATABASE_POOL_SIZE: '20',
      DATA_DIR: dataDir,
      PORT: '0',
      TEMPORAL_DEV_PORT: '0',
      TEMPORAL_UI_PORT: '0',
      BOOTSTRAP_ADMIN_TOKEN: adminToken,
      TEMPORAL_CLI_PATH: process.env.TEMPORAL_CLI_PATH ?? '',
      TEMPORAL_ADDRESS: process.env.BENCH_TEMPORAL_ADDRESS ?? '',
      WORKER_MAX_CACHED_WORKFLOWS: process.env.WORKER_MAX_CACHED_WORKFLOWS ?? '',
    },
    process.cwd(),
  );
  const runtime = await startRuntime({ config, logger: pino({ level: 'error' }), api: true, worker: options.worker ?? true });
  const base = runtime.apiUrl!;

  async function call(token: string, method: string, p: string, body?: unknown) {
    const res = await fetch(base + p, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
  }

  async function publishRuleSet(document: RuleSetDocument) {
    // The shipped test cases encode the shipped rules; a bench replaces the policy, so they go first.
    const cases = await call(adminToken, 'GET', `/decisions/${document.decision}/test-cases`);
    for (const c of (cases.body?.items ?? []) as { id: string }[]) await call(adminToken, 'DELETE', `/decisions/${document.decision}/test-cases/${c.id}`);
    const draft = await call(adminToken, 'POST', '/rule-sets', { document, comment: 'bench' });
    if (draft.status !== 201) throw new Error(JSON.stringify(draft.body));
    const published = await call(adminToken, 'POST', `/rule-sets/${draft.body.id}/publish`, {});
    if (published.status !== 200) throw new Error(JSON.stringify(published.body));
  }
  const combos = new Map<string, CapCombo>();
  const fallback: CapCombo = { privateMax: 50, dailyClaimMax: 100_000, keyMax: 10 };
  await publishRuleSet(keepInPool);

  return {
    databaseUrl: scratch.url,
    dataDir,
    url: base,
    adminToken,
    runtime,
    call,
    publishRuleSet,
    async createRep(id, caps) {
      if (!combos.has(capTag(caps))) {
        combos.set(capTag(caps), caps);
        await publishRuleSet(capsByTag([...combos.values()], fallback));
      }
      const r = await call(adminToken, 'POST', '/reps', { id, name: id, email: `${id}@bench.local`, tags: [capTag(caps)] });
      if (r.status !== 201) throw new Error(JSON.stringify(r.body));
      return (await call(adminToken, 'POST', `/reps/${id}/tokens`, {})).body.token as string;
    },
    async close() {
      await runtime.stop();
      rmSync(dataDir, { recursive: true, force: true });
      await scratch.drop();
    },
  };
}

export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}
