// A link revoked because a newer one was issued names that link. "Replaced" was inferred from
// timestamps before, and two links issued at once could be ordered by lock, not by clock: the
// revoked one then had the later created_at and was reported as withdrawn. The reference is checked
// at commit: the old link is revoked before the new one is inserted (one open link per rep). Links
// revoked before keep the old inference.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table invitations add column replaced_by text references invitations (id) deferrable initially deferred`.execute(db);
  // Links revoked before: the inference that was used then (a link of the same rep issued at or after it).
  await sql`
    update invitations i set replaced_by = (
      select n.id from invitations n
      where n.rep_id = i.rep_id and n.id <> i.id and n.created_at >= i.created_at
      order by n.created_at, n.id limit 1)
    where i.revoked_at is not null and i.used_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table invitations drop column if exists replaced_by`.execute(db);
}
