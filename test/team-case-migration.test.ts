// Migration 2026-12-04-0003 on a database whose teams already differ only in case: it runs (a
// migration cannot refuse a user's data), leaves those teams as they are, and refuses every new
// team or rename whose id or name another has in another case.
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../server/db/connect.js';
import { migrations } from '../server/db/migrations/index.js';
import { createScratchDatabase, type ScratchDatabase } from './support/scratch-database.js';

let scratch: ScratchDatabase;
let database: DatabaseHandle;
const migrator = () => new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } });

beforeAll(async () => {
  scratch = await createScratchDatabase(inject('adminDatabaseUrl'), 'hs_t_tc');
  database = await openDatabase({ databaseUrl: scratch.url, dataDir: '/tmp' });
}, 60_000);
afterAll(async () => {
  await database?.close();
  await scratch?.drop();
});

const refused = (statement: Promise<unknown>) => statement.then(() => null, (e: { code?: string; constraint?: string }) => [e.code, e.constraint]);

it('keeps teams that differ only in case, and refuses any new such team or rename', async () => {
  expect((await migrator().migrateTo('2026-12-04-0002-key-flag-ends-with-tenure')).error).toBeUndefined();
  await sql`insert into teams (id, name, created_at) values ('west', 'West', '2026-01-01'), ('West', 'WEST', '2026-01-02'), ('north', 'North', '2026-01-01')`.execute(database.db);
  expect((await migrator().migrateToLatest()).error).toBeUndefined();
  expect((await sql<{ id: string }>`select id from teams where id in ('west', 'West', 'north') order by id`.execute(database.db)).rows.map((r) => r.id)).toEqual(['West', 'north', 'west']);
  expect(await refused(sql`insert into teams (id, name) values ('WEST', 'Far west')`.execute(database.db))).toEqual(['23505', 'teams_id_lower']);
  expect(await refused(sql`insert into teams (id, name) values ('west-2', 'west')`.execute(database.db))).toEqual(['23505', 'teams_name_lower']);
  expect(await refused(sql`update teams set name = 'NORTH' where id = 'West'`.execute(database.db))).toEqual(['23505', 'teams_name_lower']);
  expect(await refused(sql`update teams set name = 'west' where id = 'north'`.execute(database.db))).toEqual(['23505', 'teams_name_lower']);
  expect((await migrator().migrateDown()).error).toBeUndefined();
  expect((await migrator().migrateToLatest()).error).toBeUndefined();
});
