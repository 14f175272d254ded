// The rules language: a version written as source text keeps that text (comments and layout) next
// to its document. Null: written as JSON; the API then prints the document as source.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table rule_sets add column source text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table rule_sets drop column if exists source`.execute(db);
}
