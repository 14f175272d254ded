// An import job's trailing phase (issue 14 §3): after its rows are recorded, the new customers'
// company names are compared with existing customers in batches, resumable from a cursor.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table import_jobs
    add column rows_done_at timestamptz,
    add column similar_next_row integer not null default 0,
    add column similar_checked integer not null default 0`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table import_jobs drop column if exists rows_done_at, drop column if exists similar_next_row, drop column if exists similar_checked`.execute(db);
}
