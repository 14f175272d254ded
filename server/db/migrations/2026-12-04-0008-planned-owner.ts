// A bulk move's item keeps the owner its job was planned for, so a customer another job or a
// manager moved in between is refused (NOT_OWNER) rather than moved from its new owner (a
// handover's items have the job's departing rep). Items of jobs from before have none.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table handover_items add column planned_owner_id text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table handover_items drop column planned_owner_id`.execute(db);
}
