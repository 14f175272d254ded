// Migration 0014 on a database with customers: each existing customer gets its similarity key, the
// trigram index answers, and down/up leaves the same keys; findSimilarCustomers inside a caller's
// transaction leaves its settings alone.
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../server/db/connect.js';
import { migrations } from '../server/db/migrations/index.js';
import { findSimilarCustomers } from '../server/customers/near-duplicates.js';
import { createScratchDatabase, type ScratchDatabase } from './support/scratch-database.js';
import { seedCustomers } from './support/seed.js';

let scratch: ScratchDatabase;
let database: DatabaseHandle;
const migrator = () => new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } });

beforeAll(async () => {
  scratch = await createScratchDatabase(inject('adminDatabaseUrl'), 'hs_t_nd');
  database = await openDatabase({ databaseUrl: scratch.url, dataDir: '/tmp' });
}, 60_000);
afterAll(async () => {
  await database?.close();
  await scratch?.drop();
});

it('keys the customers that were there before it, and down/up gives the same keys', async () => {
  const before = await migrator().migrateTo('2026-12-02-0012-handover-jobs');
  expect(before.error).toBeUndefined();
  const names = ['深圳市艾克美贸易有限公司', 'Shenzhen Aikemei Trading Co., Ltd.', 'Hamburg Elbe Logistik GmbH', ...Array.from({ length: 2500 }, (_, i) => `Filler Company ${i} GmbH`)];
  // Columns the customers table had before 0014 only.
  await seedCustomers(database.db, names.length, (i) => ({ company_name: names[i]! }), 1000);

  expect((await migrator().migrateToLatest()).error).toBeUndefined();
  const missing = await sql<{ n: string }>`select count(*) as n from customers where name_key is null`.execute(database.db);
  expect(Number(missing.rows[0]!.n)).toBe(0);
  const [similar] = await findSimilarCustomers(database.db, ['Aikemei Trading (Shenzhen) Limited'], { threshold: 0.6, limit: 10 });
  expect(similar!.map((s) => s.companyName).sort()).toEqual(['Shenzhen Aikemei Trading Co., Ltd.', '深圳市艾克美贸易有限公司']);

  const keys = await sql`select id, name_key, name_trades, name_places, name_hanzi from customers order by id`.execute(database.db);
  expect((await migrator().migrateDown()).error).toBeUndefined();
  expect((await migrator().migrateToLatest()).error).toBeUndefined();
  expect((await sql`select id, name_key, name_trades, name_places, name_hanzi from customers order by id`.execute(database.db)).rows).toEqual(keys.rows);
});

it("runs inside a caller's transaction and leaves its settings as they were", async () => {
  await database.db.transaction().execute(async (tx) => {
    const [similar] = await findSimilarCustomers(tx, ['Shenzhen Aikemei Trading Limited'], { threshold: 0.6, limit: 10 });
    expect(similar!.length).toBe(2);
    const after = await sql<{ seqscan: string; limit: string }>`select current_setting('enable_seqscan') as seqscan, current_setting('pg_trgm.similarity_threshold') as limit`.execute(tx);
    expect(after.rows[0]).toEqual({ seqscan: 'on', limit: '0.3' });
  });
});
