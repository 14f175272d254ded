// Migration 2026-12-04-0003 on a database whose teams already differ only in case: it runs (a
// migration cannot refuse a user's data), leaves those teams as they are, and refuses every new
// team or rename whose id or name another has in another case.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrationDatabase, refused } from './support/migration-database.js';

const { db, migrator } = migrationDatabase('hs_t_tc');

it('keeps teams that differ only in case, and refuses any new such team or rename', async () => {
  expect((await migrator().migrateTo('2026-12-04-0002-key-flag-ends-with-tenure')).error).toBeUndefined();
  await sql`insert into teams (id, name, created_at) values ('west', 'West', '2026-01-01'), ('West', 'WEST', '2026-01-02'), ('north', 'North', '2026-01-01')`.execute(db());
  expect((await migrator().migrateToLatest()).error).toBeUndefined();
  expect((await sql<{ id: string }>`select id from teams where id in ('west', 'West', 'north') order by id`.execute(db())).rows.map((r) => r.id)).toEqual(['West', 'north', 'west']);
  expect(await refused(sql`insert into teams (id, name) values ('WEST', 'Far west')`.execute(db()))).toEqual(['23505', 'teams_id_lower']);
  expect(await refused(sql`insert into teams (id, name) values ('west-2', 'west')`.execute(db()))).toEqual(['23505', 'teams_name_lower']);
  expect(await refused(sql`update teams set name = 'NORTH' where id = 'West'`.execute(db()))).toEqual(['23505', 'teams_name_lower']);
  expect(await refused(sql`update teams set name = 'west' where id = 'north'`.execute(db()))).toEqual(['23505', 'teams_name_lower']);
  expect((await migrator().migrateDown()).error).toBeUndefined();
  expect((await migrator().migrateToLatest()).error).toBeUndefined();
});
