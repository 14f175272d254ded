// Migration 2026-12-05-0001 on a database whose reps already differ only in the case of their id: it
// runs (a migration cannot refuse a user's data), leaves those reps as they are, and refuses every new
// rep whose id another has in another case.
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../server/db/connect.js';
import { migrations } from '../server/db/migrations/index.js';
import { createScratchDatabase, type ScratchDatabase } from './support/scratch-database.js';

let scratch: ScratchDatabase;
let database: DatabaseHandle;
const migrator = () => new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } });

beforeAll(async () => {
  scratch = await createScratchDatabase(inject('adminDatabaseUrl'), 'hs_t_rc');
  database = await openDatabase({ databaseUrl: scratch.url, dataDir: '/tmp' });
}, 60_000);
afterAll(async () => {
  await database?.close();
  await scratch?.drop();
});

const refused = (statement: Promise<unknown>) => statement.then(() => null, (e: { code?: string; constraint?: string }) => [e.code, e.constraint]);

it('keeps reps whose ids differ only in case, and refuses any new such rep', async () => {
  expect((await migrator().migrateTo('2026-12-04-0009-link-replaced-by')).error).toBeUndefined();
  await sql`insert into reps (id, name, email, role, created_at) values ('li', 'Li', 'li@example.com', 'rep', '2026-01-01'), ('Li', 'Li Two', 'li2@example.com', 'rep', '2026-01-02')`.execute(database.db);
  expect((await migrator().migrateToLatest()).error).toBeUndefined();
  expect((await sql<{ id: string }>`select id from reps where lower(id) = 'li' order by id`.execute(database.db)).rows.map((r) => r.id)).toEqual(['Li', 'li']);
  expect(await refused(sql`insert into reps (id, name, email, role) values ('LI', 'Li Three', 'li3@example.com', 'rep')`.execute(database.db))).toEqual(['23505', 'reps_id_lower']);
  expect(await refused(sql`insert into reps (id, name, email, role) values ('Wu', 'Wu', 'wu@example.com', 'rep')`.execute(database.db))).toBeNull();
  expect(await refused(sql`insert into reps (id, name, email, role) values ('wu', 'Wu Two', 'wu2@example.com', 'rep')`.execute(database.db))).toEqual(['23505', 'reps_id_lower']);
  expect((await migrator().migrateDown()).error).toBeUndefined();
  expect((await migrator().migrateToLatest()).error).toBeUndefined();
});
