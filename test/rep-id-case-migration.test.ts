// Migration 2026-12-05-0001 on a database whose reps already differ only in the case of their id: it
// runs (a migration cannot refuse a user's data), leaves those reps as they are, and refuses every new
// rep whose id another has in another case.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrationDatabase, refused } from './support/migration-database.js';

const { db, migrator } = migrationDatabase('hs_t_rc');

it('keeps reps whose ids differ only in case, and refuses any new such rep', async () => {
  expect((await migrator().migrateTo('2026-12-04-0009-link-replaced-by')).error).toBeUndefined();
  await sql`insert into reps (id, name, email, role, created_at) values ('li', 'Li', 'li@example.com', 'rep', '2026-01-01'), ('Li', 'Li Two', 'li2@example.com', 'rep', '2026-01-02')`.execute(db());
  expect((await migrator().migrateToLatest()).error).toBeUndefined();
  expect((await sql<{ id: string }>`select id from reps where lower(id) = 'li' order by id`.execute(db())).rows.map((r) => r.id)).toEqual(['Li', 'li']);
  expect(await refused(sql`insert into reps (id, name, email, role) values ('LI', 'Li Three', 'li3@example.com', 'rep')`.execute(db()))).toEqual(['23505', 'reps_id_lower']);
  expect(await refused(sql`insert into reps (id, name, email, role) values ('Wu', 'Wu', 'wu@example.com', 'rep')`.execute(db()))).toBeNull();
  expect(await refused(sql`insert into reps (id, name, email, role) values ('wu', 'Wu Two', 'wu2@example.com', 'rep')`.execute(db()))).toEqual(['23505', 'reps_id_lower']);
  expect((await migrator().migrateDown()).error).toBeUndefined();
  expect((await migrator().migrateToLatest()).error).toBeUndefined();
});
