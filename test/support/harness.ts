// A test world per file: its own Postgres database (or PGlite), its own task queue and worker on the
// shared dev server, the Hono app called in-process, and helpers to make reps and customers.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import { createScratchDatabase } from './scratch-database.js';
import { type TcpProxy, startTcpProxy } from './tcp-proxy.js';
import { pino } from 'pino';
import { inject } from 'vitest';
import type { RuleSetDocument } from '../../schemas/rule-set.js';
import { installDefaultRuleSets } from '../../server/rules/defaults.js';
import { createDecisions } from '../../server/decisions/decider.js';
import { type CapCombo, capTag, capsByTag, fastReclaim, keepInPool } from './rule-sets.js';
import { type AppDeps, createApp } from '../../server/app.js';
import { type ClientKey, type RateLimitSettings, defaultRateLimits } from '../../server/http/rate-limits.js';
import { createToken } from '../../server/tokens/tokens.repository.js';
import { type Clock, systemClock } from '../../server/clock.js';
import { openDatabase, type DatabaseHandle } from '../../server/db/connect.js';
import type { Database } from '../../server/db/database.js';
import { migrateOrThrow } from '../../server/db/migrate.js';
import { readinessChecks } from '../../server/health/readiness.js';
import { createLifecycleClient } from '../../server/lifecycle/lifecycle.client.js';
import { installTemporalLogging } from '../../server/temporal/logging.js';
import { dispatchPending } from '../../server/temporal/webhook-dispatch.js';
import { wakeChannels } from '../../server/temporal/robot-dispatch.js';
import { notificationEvents } from '../../server/notifications/lifecycle-events.js';
import { createWorker, type WorkerOptions } from '../../server/temporal/worker.js';
import { startReconciler } from '../../server/lifecycle/reconciler.client.js';
import { testDestinations } from './test-destinations.js';

/** Where the test world's chat robot messages link to. */
export const TEST_PUBLIC_URL = 'https://crm.example.com';

export interface HarnessOptions {
  /** The reclaim rules (default: fastReclaim()). */
  reclaim?: RuleSetDocument;
  /** 'pool' keeps created customers in the pool (default); 'shipped' uses the shipped assignment rules. */
  assignment?: 'pool' | 'shipped';
  clock?: Clock;
  database?: 'postgres' | 'pglite';
  /** Start a worker (default true). */
  worker?: boolean;
  /** A Temporal server of the test's own (default: the run's shared dev server). */
  temporalAddress?: string;
  /** Start the reconciler with this interval once the worker runs (default: no reconciler). */
  reconcileEveryMs?: number;
  /** Reach Postgres through a proxy the test can cut, to simulate a database outage. */
  databaseProxy?: boolean;
  /** Rate limits of the apps (default: the configuration's defaults). */
  rateLimits?: Partial<RateLimitSettings>;
  /** Who a request comes from, for the rate limits (default: one client for every in-process request). */
  clientKey?: ClientKey;
  /** Rows per import batch (default: the workflow's). */
  importBatchSize?: number;
}

export interface CallResult<T = any> {
  status: number;
  body: T;
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;

export async function createHarness(options: HarnessOptions = {}) {
  const clock = options.clock ?? systemClock;
  const cleanups: (() => Promise<void>)[] = [];
  installTemporalLogging(pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }));

  let database: DatabaseHandle;
  let proxy: TcpProxy | null = null;
  if (options.database === 'pglite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'highseas-pglite-'));
    database = await openDatabase({ dataDir: dir });
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  } else {
    const created = await createScratchDatabase(inject('adminDatabaseUrl'));
    cleanups.push(created.drop);
    let url = created.url;
    if (options.databaseProxy) {
      const target = new URL(created.url);
      proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
      cleanups.push(() => proxy!.close());
      target.host = `127.0.0.1:${proxy.port}`;
      url = target.toString();
    }
    database = await openDatabase({ databaseUrl: url, dataDir: os.tmpdir(), poolSize: 20 });
  }
  cleanups.push(() => database.close());
  const db: Kysely<Database> = database.db;
  await migrateOrThrow(db);
  // Without the shipped test cases: the harness publishes its own rule sets, which they would refuse.
  await installDefaultRuleSets(db, clock.now(), { testCases: false });
  const decisions = createDecisions();

  const address = options.temporalAddress ?? inject('temporalAddress');
  const taskQueue = `hs-test-${randomBytes(4).toString('hex')}`;
  const connection = await Connection.connect({ address });
  cleanups.push(() => connection.close());
  const client = new Client({ connection, namespace: 'default' });
  const nativeConnection = await NativeConnection.connect({ address });
  cleanups.push(() => nativeConnection.close());

  let worker: Worker | null = null;
  let running: Promise<void> | null = null;
  /** `overrides`: another workflow bundle (with fault-injecting interceptors) and extra activities. */
  const startWorker = async (overrides: Pick<WorkerOptions, 'workflowBundle' | 'extraActivities'> = {}) => {
    worker = await createWorker({
      connection: nativeConnection,
      namespace: 'default',
      taskQueue,
      workflowBundle: overrides.workflowBundle ?? { codePath: inject('workflowBundlePath') },
      extraActivities: overrides.extraActivities,
      db,
      clock,
      decisions,
      releaseCooldownMs: 60_000,
      client,
      events: notificationEvents({ db, clock, dispatch: (ids) => dispatchPending({ client, taskQueue }, ids), wakeChannels: (ids) => wakeChannels({ client, taskQueue }, ids) }),
      destinations: testDestinations,
      chat: { windowMs: 60_000, publicUrl: TEST_PUBLIC_URL },
    });
    running = worker.run();
  };
  const stopWorker = async () => {
    if (worker && worker.getState() === 'RUNNING') worker.shutdown();
    await running;
    worker = null;
    running = null;
  };
  if (options.worker !== false) await startWorker();
  let reconciler: string | null = null;
  /** Starts this task queue's reconciler (a worker must run for it to do anything). */
  const startTestReconciler = async (everyMs: number) => {
    reconciler = (await startReconciler(client, taskQueue, everyMs)).workflowId;
  };
  if (options.reconcileEveryMs) await startTestReconciler(options.reconcileEveryMs);
  cleanups.push(async () => {
    if (reconciler) await client.workflow.getHandle(reconciler).terminate('test over').catch(() => {});
  });

  const lifecycle = createLifecycleClient(client, taskQueue, options.importBatchSize ? { importBatchSize: options.importBatchSize } : {});
  /** Another API instance over the same database and Temporal, as a second process would be. */
  const newApp = (overrides: Partial<AppDeps> = {}) =>
    createApp({
      db,
      clock,
      logger: pino({ level: 'silent' }),
      lifecycle,
      decisions,
      readiness: readinessChecks({ db, connection, namespace: 'default', taskQueue }),
      temporalUiUrl: 'http://temporal-ui.test',
      temporalNamespace: 'default',
      rateLimits: { ...defaultRateLimits, ...options.rateLimits },
      ...(options.clientKey ? { clientKey: options.clientKey } : {}),
      destinations: testDestinations,
      ...overrides,
    });
  const app = newApp();

  await db
    .insertInto('reps')
    .values({
      id: 'admin',
      name: 'Admin',
      email: 'admin@test.local',
      role: 'admin',
      team_id: null,
      created_at: clock.now(),
      updated_at: clock.now(),
    })
    .execute();
  const adminToken = (await createToken(db, 'admin', 'test')).token;

  async function call<T = any>(token: string | null, method: string, url: string, body?: unknown, via = app): Promise<CallResult<T>> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    let payload: string | undefined;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await via.request(url, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (docs page)
    }
    return { status: res.status, body: parsed as T };
  }

  /** Saves and publishes a rule set through the API, as an admin would. */
  async function publishRuleSet(document: RuleSetDocument, comment = 'test'): Promise<{ id: string; version: number }> {
    const draft = await call(adminToken, 'POST', '/rule-sets', { document, comment });
    if (draft.status !== 201) throw new Error(`saving the ${document.decision} rule set failed: ${JSON.stringify(draft.body)}`);
    const published = await call(adminToken, 'POST', `/rule-sets/${draft.body.id}/publish`, {});
    if (published.status !== 200) throw new Error(`publishing failed: ${JSON.stringify(published.body)}`);
    return { id: draft.body.id, version: draft.body.version };
  }

  const FALLBACK_CAPS: CapCombo = { privateMax: 50, dailyClaimMax: 100, keyMax: 10 };
  const combos = new Map<string, CapCombo>();
  await publishRuleSet(capsByTag([], FALLBACK_CAPS));
  await publishRuleSet(options.reclaim ?? fastReclaim());
  if ((options.assignment ?? 'pool') === 'pool') await publishRuleSet(keepInPool);

  let repSeq = 0;
  async function createRep(
    fields: { id?: string; role?: 'admin' | 'manager' | 'rep'; privateCap?: number; dailyClaimLimit?: number; keyCap?: number; teamId?: string; timeZone?: string; tags?: string[]; hiredAt?: string } = {},
  ): Promise<{ id: string; token: string }> {
    const id = fields.id ?? `rep${++repSeq}`;
    const tags = [...(fields.tags ?? [])];
    if (fields.privateCap !== undefined || fields.dailyClaimLimit !== undefined || fields.keyCap !== undefined) {
      const combo = {
        privateMax: fields.privateCap ?? FALLBACK_CAPS.privateMax,
        dailyClaimMax: fields.dailyClaimLimit ?? FALLBACK_CAPS.dailyClaimMax,
        keyMax: fields.keyCap ?? FALLBACK_CAPS.keyMax,
      };
      tags.push(capTag(combo));
      if (!combos.has(capTag(combo))) {
        combos.set(capTag(combo), combo);
        await publishRuleSet(capsByTag([...combos.values()], FALLBACK_CAPS));
      }
    }
    const res = await call(adminToken, 'POST', '/reps', {
      id,
      name: `Rep ${id}`,
      email: `${id}@test.local`,
      role: fields.role ?? 'rep',
      tags,
      hiredAt: fields.hiredAt ?? '2024-01-15',
      ...(fields.teamId ? { teamId: fields.teamId } : {}),
      ...(fields.timeZone ? { timeZone: fields.timeZone } : {}),
    });
    if (res.status !== 201) throw new Error(`createRep failed: ${res.status} ${JSON.stringify(res.body)}`);
    const token = await call(adminToken, 'POST', `/reps/${id}/tokens`, {});
    return { id, token: token.body.token };
  }

  let customerSeq = 0;
  async function createCustomer(fields: Record<string, unknown> = {}): Promise<string> {
    const n = ++customerSeq;
    const res = await call(adminToken, 'POST', '/customers', {
      companyName: `Customer ${n} ${randomBytes(3).toString('hex')}`,
      country: 'DE',
      ...fields,
    });
    if (res.status !== 201) throw new Error(`createCustomer failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  const customerRow = (id: string) => db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  /** When the customer's latest reclaim was recorded (ms): a deadline's lag as the product kept it, without the test's polling. */
  const reclaimedAt = async (id: string) =>
    (await db.selectFrom('ownership_events').select('at').where('customer_id', '=', id).where('kind', '=', 'reclaimed').orderBy('at', 'desc').executeTakeFirstOrThrow()).at.getTime();

  async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000, intervalMs = 25): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }

  return {
    db,
    kind: database.kind,
    client,
    taskQueue,
    app,
    newApp,
    lifecycle,
    adminToken,
    call,
    createRep,
    createCustomer,
    customerRow,
    reclaimedAt,
    waitFor,
    startWorker,
    stopWorker,
    startReconciler: startTestReconciler,
    decisions,
    destinations: testDestinations,
    publishRuleSet,
    /** The database proxy (with databaseProxy: true). */
    proxy,
    async close() {
      await stopWorker();
      for (const c of cleanups.reverse()) await c().catch(() => {});
    },
  };
}
