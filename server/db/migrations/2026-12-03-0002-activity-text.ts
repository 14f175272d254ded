// A system entry of a customer's history keeps what happened (a key and its values) next to its
// English note, so that the history is told in the language of whoever reads it.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table customer_activities add column text jsonb`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table customer_activities drop column text`.execute(db);
}
