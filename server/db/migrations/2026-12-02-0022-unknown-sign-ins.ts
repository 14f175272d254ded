// Wrong passwords given for e-mails no rep has are counted and locked out like an account's
// (server/auth/credentials.repository.ts), so a 423 does not tell that an account exists. Keyed
// by a hash of the normalised e-mail; rows idle for a day are dropped as new failures come in.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table unknown_sign_ins (
    email_hash text primary key,
    failed_attempts integer not null,
    locked_until timestamptz,
    updated_at timestamptz not null
  )`.execute(db);
  await sql`create index unknown_sign_ins_updated on unknown_sign_ins (updated_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists unknown_sign_ins`.execute(db);
}
