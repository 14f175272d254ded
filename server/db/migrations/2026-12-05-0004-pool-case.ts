// A pool's id and name are one whatever their case ("VIP" and "vip" are one pool), as a team's and a
// rep's are: unique indexes on lower(id) and lower(name). Pools that already differ only in case keep
// theirs (./unique-lower.ts); every new pool and every rename is checked.
import { type Kysely, sql } from 'kysely';
import { uniqueLower } from './unique-lower.js';

export async function up(db: Kysely<any>): Promise<void> {
  await uniqueLower(db, 'pools', 'pools_id_lower', 'id');
  await uniqueLower(db, 'pools', 'pools_name_lower', 'name');
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists pools_name_lower`.execute(db);
  await sql`drop index if exists pools_id_lower`.execute(db);
}
