// Four-eyes (R13): who submitted a quote, besides whose customer it is. A manager or an admin may
// submit for the owner, and nobody decides a quote they submitted. Existing quotes are backfilled
// with their owner, the only submitter the old rows can name.
import { type Kysely, sql } from 'kysely';

const statements = [
  sql`alter table quotes add column submitted_by text references reps(id)`,
  sql`update quotes set submitted_by = rep_id`,
  sql`alter table quotes alter column submitted_by set not null`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table quotes drop column if exists submitted_by`.execute(db);
}
