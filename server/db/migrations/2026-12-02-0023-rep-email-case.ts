// E-mail addresses are one whatever their case: a rep is found by lower(email) (sign-in, SSO), so
// lower(email) is unique too. E-mails stored with capitals (reps made at a first OpenID Connect
// sign-in kept the provider's case) are lowered; two reps whose e-mails differ only in case stop the
// migration with their ids, for an admin to change one first.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const twins = await sql<{ email: string; ids: string }>`
    select lower(email) as email, string_agg(id, ', ' order by id) as ids from reps group by lower(email) having count(*) > 1`.execute(db);
  if (twins.rows.length > 0) {
    const list = twins.rows.map((t) => `${t.email} (${t.ids})`).join('; ');
    throw new Error(`Reps whose e-mails differ only in case: ${list}. Give each its own e-mail, then migrate again.`);
  }
  await sql`update reps set email = lower(email) where email <> lower(email)`.execute(db);
  await sql`create unique index reps_email_lower on reps (lower(email))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists reps_email_lower`.execute(db);
}
