// Migration 2026-12-04-0009 on a database with links revoked before it: a link revoked when a newer
// one was issued names that link (and so still answers "replaced"), a link revoked otherwise names
// none, and the open link is untouched.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrationDatabase } from './support/migration-database.js';

const { db, migrator } = migrationDatabase('hs_t_lr');

it('names the newer link of every link a newer one revoked, and none for a link withdrawn otherwise', async () => {
  expect((await migrator().migrateTo('2026-12-04-0008-planned-owner')).error).toBeUndefined();
  await sql`insert into reps (id, name, email, role) values ('ann', 'Ann', 'ann@example.com', 'rep'), ('bob', 'Bob', 'bob@example.com', 'rep')`.execute(db());
  await sql`
    insert into invitations (id, token_hash, rep_id, kind, created_at, expires_at, revoked_at) values
      ('a1', 'h-a1', 'ann', 'invitation', '2026-12-01T00:00:00Z', '2026-12-09T00:00:00Z', '2026-12-02T00:00:00Z'),
      ('a2', 'h-a2', 'ann', 'reset', '2026-12-02T00:00:00Z', '2026-12-09T00:00:00Z', null),
      ('b1', 'h-b1', 'bob', 'invitation', '2026-12-01T00:00:00Z', '2026-12-09T00:00:00Z', '2026-12-01T01:00:00Z')`.execute(db());
  expect((await migrator().migrateToLatest()).error).toBeUndefined();
  const rows = (await sql<{ id: string; replaced_by: string | null }>`select id, replaced_by from invitations order by id`.execute(db())).rows;
  expect(rows).toEqual([
    { id: 'a1', replaced_by: 'a2' },
    { id: 'a2', replaced_by: null },
    { id: 'b1', replaced_by: null },
  ]);
  expect((await migrator().migrateDown()).error).toBeUndefined();
  expect((await migrator().migrateToLatest()).error).toBeUndefined();
});
