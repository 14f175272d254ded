// A rep's id is one whatever its case, as a team's id and a rep's e-mail are: "Li" cannot be made
// beside "li" (ids read from e-mails were already chosen so). Reps that already differ only in case
// keep their ids (./unique-lower.ts).
import { type Kysely, sql } from 'kysely';
import { uniqueLower } from './unique-lower.js';

export async function up(db: Kysely<any>): Promise<void> {
  await uniqueLower(db, 'reps', 'reps_id_lower', 'id');
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists reps_id_lower`.execute(db);
}
