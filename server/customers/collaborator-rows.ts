// What the access policy and the tenure's commands read of collaborations (issue 15 §1): whether a
// rep collaborates on a customer now, and whether its joint follow-up is open. Both read the row
// every time, so a removal or a close takes effect at the next request.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

export async function isCollaborator(db: Kysely<Database>, customerId: string, repId: string): Promise<boolean> {
  const row = await db.selectFrom('collaborators').select('id').where('customer_id', '=', customerId).where('rep_id', '=', repId).where('removed_at', 'is', null).executeTakeFirst();
  return row !== undefined;
}

export function openJoint(db: Kysely<Database>, customerId: string) {
  return db.selectFrom('joint_follow_ups').selectAll().where('customer_id', '=', customerId).where('closed_at', 'is', null).executeTakeFirst();
}
