// A dispute being decided is reserved by its decider (a token and until when) while the customer
// is moved through its tenure, outside any transaction; the decision is recorded under the token.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table disputes add column deciding_by text, add column deciding_token text, add column deciding_until timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table disputes drop column deciding_by, drop column deciding_token, drop column deciding_until`.execute(db);
}
