// What the access policy and the tenure's commands read of collaborations (issue 15 §1): whether a
// rep collaborates on a customer now, and whether its joint follow-up is open. Both read the row
// every time, so a removal or a close takes effect at the next request.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.js';

export async function isCollaborator(db: Kysely<Database>, customerId: string, repId: string): Promise<boolean> {
  const row = await db.selectFrom('collaborators').select('id').where('customer_id', '=', customerId).where('rep_id', '=', repId).where('removed_at', 'is', null).executeTakeFirst();
  return row !== undefined;
}

/** Of these customers, those the rep collaborates on now. */
export async function collaboratingOn(db: Kysely<Database>, customerIds: readonly string[], repId: string): Promise<Set<string>> {
  if (customerIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('collaborators')
    .select('customer_id')
    .where(sql<boolean>`customer_id = any(${[...customerIds]}::text[])`)
    .where('rep_id', '=', repId)
    .where('removed_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.customer_id));
}

export function openJoint(db: Kysely<Database>, customerId: string) {
  return db.selectFrom('joint_follow_ups').selectAll().where('customer_id', '=', customerId).where('closed_at', 'is', null).executeTakeFirst();
}
