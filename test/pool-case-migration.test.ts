// Migration 2026-12-05-0004 on a database whose pools already differ only in the case of their id or
// name: it runs (a migration cannot refuse a user's data), leaves those pools as they are, and refuses
// every new pool or rename that another pool has in another case.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrationDatabase, refused } from './support/migration-database.js';

const { db, migrator } = migrationDatabase('hs_t_pc');

it('keeps pools whose ids or names differ only in case, and refuses any new such pool or rename', async () => {
  expect((await migrator().migrateTo('2026-12-05-0003-dispute-notice-index')).error).toBeUndefined();
  await sql`insert into pools (id, name, created_at) values ('vip', 'VIP', '2026-01-01'), ('VIP', 'Top', '2026-01-02'), ('desk', 'Desk', '2026-01-03'), ('desk-2', 'DESK', '2026-01-04')`.execute(db());
  expect((await migrator().migrateToLatest()).error).toBeUndefined();
  expect((await sql<{ id: string }>`select id from pools where lower(id) in ('vip', 'desk', 'desk-2') order by id`.execute(db())).rows.map((r) => r.id)).toEqual(['VIP', 'desk', 'desk-2', 'vip']);
  expect(await refused(sql`insert into pools (id, name) values ('Vip', 'Vip three')`.execute(db()))).toEqual(['23505', 'pools_id_lower']);
  expect(await refused(sql`insert into pools (id, name) values ('front', 'desk')`.execute(db()))).toEqual(['23505', 'pools_name_lower']);
  expect(await refused(sql`update pools set name = 'top' where id = 'vip'`.execute(db()))).toEqual(['23505', 'pools_name_lower']);
  expect(await refused(sql`insert into pools (id, name) values ('front', 'Front')`.execute(db()))).toBeNull();
  expect((await migrator().migrateDown()).error).toBeUndefined();
  expect((await migrator().migrateToLatest()).error).toBeUndefined();
});
