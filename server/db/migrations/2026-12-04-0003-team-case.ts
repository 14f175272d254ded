// A team's id and name are one whatever their case ("West", "west" and "WEST" are one team), as a
// rep's e-mail is: unique indexes on lower(id) and lower(name). A migration cannot refuse a user's
// data, so teams that already differ only in case are left as they are (./unique-lower.ts); every
// new team and every rename is checked.
import { type Kysely, sql } from 'kysely';
import { uniqueLower } from './unique-lower.js';

export async function up(db: Kysely<any>): Promise<void> {
  await uniqueLower(db, 'teams', 'teams_id_lower', 'id');
  await uniqueLower(db, 'teams', 'teams_name_lower', 'name');
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists teams_name_lower`.execute(db);
  await sql`drop index if exists teams_id_lower`.execute(db);
}
