// At most one open invitation or reset link per rep: a partial unique index where there was a plain
// one. Issuing a link revokes the open one and inserts the new one in one transaction under the rep's
// lock; before, two issued at once could both stay usable. Such pairs left from then keep only the
// newest open link (the others are revoked, as a newer link revokes an older one).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    update invitations i set revoked_at = now()
    where i.used_at is null and i.revoked_at is null
      and exists (
        select 1 from invitations newer
        where newer.rep_id = i.rep_id and newer.used_at is null and newer.revoked_at is null
          and (newer.created_at, newer.id) > (i.created_at, i.id)
      )`.execute(db);
  await sql`drop index if exists invitations_rep`.execute(db);
  await sql`create unique index invitations_one_open_per_rep on invitations (rep_id) where used_at is null and revoked_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists invitations_one_open_per_rep`.execute(db);
  await sql`create index invitations_rep on invitations (rep_id) where used_at is null and revoked_at is null`.execute(db);
}
