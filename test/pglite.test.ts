// The embedded default: the same migrations and the whole claim → reclaim path on PGlite.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrateToLatest } from '../server/db/migrate.js';
import { createHarness, type Harness } from './support/harness.js';
import type { RuleSetDocument } from '../schemas/rule-set.js';
import { fastReclaim, keepInPool } from './support/rule-sets.js';
import { importAndWait, waitForJob } from './support/imports.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ database: 'pglite', reclaim: fastReclaim({ firstFollowUp: '2500ms' }) });
});
afterAll(() => h?.close());

it('runs every migration on PGlite, and running them again changes nothing', async () => {
  expect(h.kind).toBe('pglite');
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(h.db);
  expect(tables.rows.map((r) => r.table_name)).toEqual(
    expect.arrayContaining(['api_tokens', 'cooldowns', 'customer_activities', 'customer_identities', 'customers', 'ownership_events', 'pools', 'reps', 'teams']),
  );
  const again = await migrateToLatest(h.db);
  expect(again.error).toBeUndefined();
  expect(again.results).toEqual([]);
});

it('keeps the ownership audit append-only', async () => {
  const rep = await h.createRep();
  const id = await h.createCustomer();
  await h.call(rep.token, 'POST', `/customers/${id}/claim`);
  await expect(h.db.updateTable('ownership_events').set({ reason: 'rewritten' }).where('customer_id', '=', id).execute()).rejects.toThrow(/append-only/);
  await expect(h.db.deleteFrom('ownership_events').where('customer_id', '=', id).execute()).rejects.toThrow(/append-only/);
});

it('creates, dedups, claims, follows up and reclaims on PGlite', async () => {
  const rep = await h.createRep({ privateCap: 3 });
  const created = await h.call(h.adminToken, 'POST', '/customers', { companyName: 'Müller Maschinenbau GmbH', country: 'DE', phone: '+49 89 1234567' });
  expect(created.status).toBe(201);
  const dup = await h.call(h.adminToken, 'POST', '/customers', { companyName: 'MÜLLER MASCHINENBAU' });
  expect(dup.body.error.code).toBe('DUPLICATE_CUSTOMER');
  const id = created.body.id;

  const claim = await h.call(rep.token, 'POST', `/customers/${id}/claim`);
  expect(claim.status).toBe(200);
  const follow = await h.call(rep.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'email', grade: 'A' });
  expect(follow.status).toBe(200);
  const deadline = Date.parse(follow.body.deadline);
  await h.waitFor(async () => (await h.customerRow(id)).status === 'pool');
  expect((await h.reclaimedAt(id)) - deadline).toBeLessThan(2000);
  const history = await h.call(rep.token, 'GET', `/customers/${id}`);
  expect(history.body.history.map((e: { kind: string }) => e.kind)).toEqual(['claimed', 'email', 'reclaimed']);
});

it('imports as a job on PGlite: staged, previewed, committed with dedup, fill and the downloads', async () => {
  const existing = await h.call(h.adminToken, 'POST', '/customers', { companyName: 'Lite Existing Ltd', assign: false });
  const file = new Blob(['Company,E-mail\nLite One Ltd,one@lite.example\nLITE ONE LTD,\nLite Existing Ltd,fill@lite.example\nBad,not-mail\n']);
  const preview = await importAndWait(h, file, 'lite.csv', { mode: 'preview', existing: 'fill' });
  expect(preview.job).toMatchObject({ status: 'previewed', progress: { created: 1, duplicates: 1, updated: 1, refused: 1 } });
  const commit = await h.call(h.adminToken, 'POST', `/imports/${preview.job.id}/commit`);
  expect(commit.status).toBe(202);
  const job = await waitForJob(h, commit.body.id);
  expect(job).toMatchObject({ status: 'completed', progress: { created: 1, duplicates: 1, updated: 1, refused: 1 } });
  expect((await h.customerRow(existing.body.id)).email).toBe('fill@lite.example');
  const rejects = await h.app.request(`/imports/${job.id}/rejects.csv`, { headers: { authorization: `Bearer ${h.adminToken}` } });
  expect(rejects.status).toBe(200);
  expect((await rejects.text()).split('\r\n').filter(Boolean)).toHaveLength(3);
});

it('loads pg_trgm: near-duplicate names on create and the look-up work on PGlite', async () => {
  const ext = await sql<{ extname: string }>`select extname from pg_extension where extname = 'pg_trgm'`.execute(h.db);
  expect(ext.rows).toHaveLength(1);
  const first = await h.call(h.adminToken, 'POST', '/customers', { companyName: '深圳市艾克美贸易有限公司', assign: false });
  const second = await h.call(h.adminToken, 'POST', '/customers', { companyName: 'Shenzhen Aikemei Trading Co., Ltd.', assign: false });
  expect(second.status).toBe(201);
  expect(second.body.possibleDuplicates).toEqual([{ customerId: first.body.id, companyName: '深圳市艾克美贸易有限公司', score: 1 }]);
  const rep = await h.createRep();
  const found = await h.call(rep.token, 'GET', `/customers/lookup?q=${encodeURIComponent('Aikemei Trading (Shenzhen) Limited')}`);
  expect(found.body.matches.map((m: { companyName: string }) => m.companyName).sort()).toEqual(['Shenzhen Aikemei Trading Co., Ltd.', '深圳市艾克美贸易有限公司']);
});

it('decides a dispute by reassigning on PGlite: answered at once, the customer moved through its tenure', async () => {
  // Deadlines far off: the customer stays owned however slow the machine is.
  await h.publishRuleSet(fastReclaim({ firstFollowUp: '10m', cadence: { A: '10m', B: '10m', C: '10m', D: '10m', E: '10m' } }));
  await h.call(h.adminToken, 'POST', '/teams', { id: 'lite-team', name: 'lite-team' });
  const manager = await h.createRep({ id: 'lite-mgr', role: 'manager', teamId: 'lite-team' });
  await h.db.updateTable('teams').set({ manager_id: manager.id }).where('id', '=', 'lite-team').execute();
  const first = await h.createRep({ id: 'lite-new', teamId: 'lite-team', hiredAt: new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10) });
  const disputer = await h.createRep({ id: 'lite-old', teamId: 'lite-team' });
  const toTeam = {
    decision: 'assignment',
    hitPolicy: 'first',
    rules: [{ name: 'the team takes it', conditions: { all: [] }, event: { type: 'assign', params: { team: 'lite-team', strategy: 'least_loaded', preferNewHires: true, reason: 'the team covers it' } } }],
  } as unknown as RuleSetDocument;
  await h.publishRuleSet(toTeam);
  let id: string;
  try {
    id = await h.createCustomer({ country: 'DE' });
  } finally {
    await h.publishRuleSet(keepInPool);
  }
  await h.waitFor(async () => (await h.customerRow(id)).owner_id === first.id);
  const filed = await h.call(disputer.token, 'POST', `/customers/${id}/disputes`, { reason: 'my buyer from the fair', kind: 'assignment' });
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);

  const started = Date.now();
  const decided = await h.call(manager.token, 'POST', `/disputes/${filed.body.id}/decision`, { outcome: 'reassign', comment: 'yours' });
  expect(Date.now() - started).toBeLessThan(15_000);
  expect(decided.status, JSON.stringify(decided.body)).toBe(200);
  expect(decided.body.status).toBe('reassigned');
  expect(await h.customerRow(id)).toMatchObject({ status: 'owned', owner_id: disputer.id });
  // The database still answers everyone.
  expect((await h.call(first.token, 'GET', '/me')).status).toBe(200);
}, 60_000);

// Last: on the code before the fix, these left PGlite's protocol parser out of step, and every
// later query answered no rows (tokens unknown, the reconciler seeing no owned customer).
it('refuses a statement with more parameters than PGlite can describe, and the next read still answers', async () => {
  const values = Array.from({ length: 32_768 }, (_, i) => i);
  await expect(sql`select count(*)::int as n from (values ${sql.join(values.map((v) => sql`(${v}::int)`))}) v(x)`.execute(h.db)).rejects.toThrow(/32768 parameters/);
  const after = await sql<{ n: number }>`select count(*)::int as n from reps`.execute(h.db);
  expect(after.rows[0]!.n).toBeGreaterThan(0);
  expect((await h.call(h.adminToken, 'GET', '/me')).status).toBe(200);
});

it('commits 1,100 rows of near-identical company names on PGlite: every similar pair recorded, and the database answers after', async () => {
  await h.publishRuleSet(keepInPool);
  const lines = Array.from({ length: 1100 }, (_, i) => `Bulk Buyer ${i + 1} Import Export LLC,n${i + 1}@bulk${i + 1}.example,US`);
  const { job, rows } = await importAndWait(h, new Blob([`Company,Email,Country\n${lines.join('\n')}\n`]), 'bulk.csv', { assign: 'false' });
  expect(job).toMatchObject({ status: 'completed', progress: { created: 1100 } });
  // One similar-names batch flags 1,000 rows with up to 10 earlier rows each: about 10,000 pairs in one statement.
  expect(rows.filter((r: { possibleDuplicates?: unknown[] }) => (r.possibleDuplicates?.length ?? 0) > 0).length).toBeGreaterThan(1000);
  const pairs = await sql<{ n: number }>`select count(*)::int as n from duplicate_pairs`.execute(h.db);
  expect(pairs.rows[0]!.n).toBeGreaterThan(8192);
  expect((await h.call(h.adminToken, 'GET', '/me')).status).toBe(200);
  expect((await h.app.request('/ready')).status).toBe(200);
}, 60_000);
