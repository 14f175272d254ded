// A customer's key flag (紧密客户) is its owner's protection and ends with the tenure
// (return-to-pool.command.ts clears it on release and reclaim). Customers released or reclaimed
// before that kept it in the pool, and the next owner inherited it past their key quota: cleared
// here for every customer nobody owns.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`update customers set key_customer = false, version = version + 1, updated_at = now() where key_customer and owner_id is null`.execute(db);
}
