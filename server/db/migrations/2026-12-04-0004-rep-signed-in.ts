// A rep has signed up once they have signed in by any method, not only once they have a password: a
// rep who signs in only through single sign-on must not be invitable (an invitation would let its
// holder set a password for them). rep_credentials.last_signed_in_at is set at every sign-in; reps
// who signed in before this column existed get it from their sessions and the audit's successes.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table rep_credentials add column last_signed_in_at timestamptz`.execute(db);
  await sql`
    insert into rep_credentials (rep_id, last_signed_in_at)
    select rep_id, max(at) from (
      select rep_id, created_at as at from sessions
      union all
      select rep_id, at from auth_audit where outcome = 'success' and rep_id is not null
    ) signed_in
    group by rep_id
    on conflict (rep_id) do update set last_signed_in_at = excluded.last_signed_in_at`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table rep_credentials drop column if exists last_signed_in_at`.execute(db);
}
