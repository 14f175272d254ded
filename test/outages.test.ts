// Outages answer fast and recover by themselves (issue 9, R13): a black-holed Postgres (a network
// that swallows packets) gives 503 DATABASE_UNAVAILABLE within 15 s and the pool serves again once
// it forwards; a statement stuck behind a lock is cut off by statement_timeout; /ready names the
// database, Temporal and whether a worker polls the task queue, without raw error text.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness.js';
import { fastReclaim } from './support/rule-sets.js';

/** R13: the API answers within 15 s, whatever the database does. */
const ANSWER_BOUND_MS = 15_000;

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await run();
  return { ms: performance.now() - started, result };
}

describe('a black-holed database', () => {
  let h: Harness;
  let rep: { id: string; token: string };
  let customerId: string;
  beforeAll(async () => {
    h = await createHarness({ databaseProxy: true, reclaim: fastReclaim({ firstFollowUp: '10m' }) });
    rep = await h.createRep();
    customerId = await h.createCustomer({ assign: false });
  });
  afterAll(() => h?.close());

  it('answers reads and writes 503 DATABASE_UNAVAILABLE within 15 s, and serves again soon after it forwards', async () => {
    // Connections already open when the network fails stall; new ones are accepted and never answered.
    expect((await h.call(rep.token, 'GET', `/customers/${customerId}`)).status).toBe(200);
    h.proxy!.blackHole();

    const reads = Array.from({ length: 24 }, () => timed(() => h.call(rep.token, 'GET', `/customers/${customerId}`)));
    const writes = [
      timed(() => h.call(h.adminToken, 'POST', '/customers', { companyName: 'Outage GmbH', country: 'DE', assign: false })),
      timed(() => h.call(h.adminToken, 'POST', '/reps', { id: 'outage', name: 'Outage', email: 'outage@test.local' })),
    ];
    const answers = await Promise.all([...reads, ...writes]);
    for (const { ms, result } of answers) {
      expect(result.status).toBe(503);
      expect(result.body.error).toMatchObject({ code: 'DATABASE_UNAVAILABLE', requestId: expect.any(String) });
      expect(ms).toBeLessThan(ANSWER_BOUND_MS);
    }

    // The stalled connections never come back (a NAT forgot them): the pool must let them go.
    h.proxy!.resume({ keepStalled: true });
    const back = await timed(() => h.waitFor(async () => (await h.call(rep.token, 'GET', `/customers/${customerId}`)).status === 200, 5_000, 100));
    expect(back.ms).toBeLessThan(5_000);
    // Every connection is usable again, not only one: a burst larger than the pool succeeds.
    const burst = await Promise.all(Array.from({ length: 30 }, () => h.call(rep.token, 'GET', `/customers/${customerId}`)));
    expect(burst.map((r) => r.status)).toEqual(burst.map(() => 200));
    // Nothing was written by the refused writes.
    expect(await h.db.selectFrom('reps').select('id').where('id', '=', 'outage').executeTakeFirst()).toBeUndefined();
    expect(await h.db.selectFrom('customers').select('id').where('company_name', '=', 'Outage GmbH').executeTakeFirst()).toBeUndefined();
  }, 60_000);

  it('reports the database not ready within about 2 s, without the raw error', async () => {
    h.proxy!.blackHole();
    try {
      const { ms, result } = await timed(() => h.call(null, 'GET', '/ready'));
      expect(result.status).toBe(503);
      expect(result.body).toMatchObject({ status: 'not_ready', checks: { database: { ok: false, error: 'not answering' }, temporal: { ok: true } } });
      expect(ms).toBeLessThan(4_000);
    } finally {
      h.proxy!.resume();
    }
    // A refused connection has an error message of its own; the public answer stays generic.
    h.proxy!.cut();
    try {
      const cut = await h.call(null, 'GET', '/ready');
      expect(cut.status).toBe(503);
      expect(cut.body.checks.database).toMatchObject({ ok: false, error: 'not answering' });
      expect(JSON.stringify(cut.body)).not.toMatch(/terminated|ECONN|timeout|refused/i);
    } finally {
      h.proxy!.resume();
    }
    await h.waitFor(async () => (await h.call(null, 'GET', '/ready')).status === 200, 10_000, 100);
  }, 30_000);
});

describe('a statement stuck behind a lock', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ reclaim: fastReclaim({ firstFollowUp: '10m' }) });
  });
  afterAll(() => h?.close());

  it('is cut off by statement_timeout and answered 503 DATABASE_UNAVAILABLE within 15 s', async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    // Another session holds the token table, so every authenticated request waits for its lock.
    const holder = h.db.transaction().execute(async (trx) => {
      await sql`lock table api_tokens in access exclusive mode`.execute(trx);
      locked();
      await released;
    });
    await isLocked;
    try {
      const { ms, result } = await timed(() => h.call(h.adminToken, 'GET', '/me'));
      expect(result.status).toBe(503);
      expect(result.body.error.code).toBe('DATABASE_UNAVAILABLE');
      expect(ms).toBeLessThan(ANSWER_BOUND_MS);
    } finally {
      release();
      await holder;
    }
    expect((await h.call(h.adminToken, 'GET', '/me')).status).toBe(200);
  }, 40_000);
});

describe('readiness and the worker', () => {
  it('is ready when a worker polls the task queue, and names the worker when none does', async () => {
    const withWorker = await createHarness();
    try {
      const ready = await withWorker.waitFor(async () => {
        const r = await withWorker.call(null, 'GET', '/ready');
        return r.status === 200 ? r : null;
      }, 20_000, 250);
      expect(ready.body).toMatchObject({ status: 'ready', checks: { database: { ok: true }, temporal: { ok: true }, worker: { ok: true } } });
    } finally {
      await withWorker.close();
    }

    const noWorker = await createHarness({ worker: false });
    try {
      const { ms, result } = await timed(() => noWorker.call(null, 'GET', '/ready'));
      expect(result.status).toBe(503);
      expect(result.body).toMatchObject({
        status: 'not_ready',
        checks: { database: { ok: true }, temporal: { ok: true }, worker: { ok: false, error: expect.stringMatching(/no worker/) } },
      });
      expect(ms).toBeLessThan(4_000);
    } finally {
      await noWorker.close();
    }
  }, 60_000);
});
