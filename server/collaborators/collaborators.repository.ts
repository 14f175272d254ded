// Collaborators and joint follow-ups as stored (issue 15 §1). A collaborator is active until its
// removed_at is set; every check reads the row, so a removal takes effect on the next request.
import type { Kysely, Transaction } from 'kysely';
import { newId } from '../ids.js';
import type { Database } from '../db/database.js';

/** The active collaborators of a customer with their names, oldest first. */
export function activeCollaborators(db: Kysely<Database>, customerId: string) {
  return db
    .selectFrom('collaborators as c')
    .innerJoin('reps as r', 'r.id', 'c.rep_id')
    .select(['c.id', 'c.rep_id', 'r.name', 'r.team_id', 'c.joint_id', 'c.added_by', 'c.added_at'])
    .where('c.customer_id', '=', customerId)
    .where('c.removed_at', 'is', null)
    .orderBy('c.added_at')
    .orderBy('c.id')
    .execute();
}

/** How many customers a rep collaborates on now (counted against the collaboration cap). */
export async function collaborationCount(db: Kysely<Database>, repId: string): Promise<number> {
  const r = await db.selectFrom('collaborators').select((eb) => eb.fn.countAll<string>().as('n')).where('rep_id', '=', repId).where('removed_at', 'is', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Holds the rep's row until the transaction ends: adding the rep as a collaborator waits here in
 * every process, so the cap is counted with the others' additions committed.
 */
export async function holdRepForCollaboration(tx: Transaction<Database>, repId: string): Promise<{ active: boolean } | undefined> {
  return tx.selectFrom('reps').select('active').where('id', '=', repId).forNoKeyUpdate().executeTakeFirst();
}

/** The customer's owner and tenure now, the row held against an owner change or the tenure's end until the transaction ends. */
export async function holdCustomerOwner(tx: Transaction<Database>, customerId: string): Promise<{ owner_id: string | null; tenure_id: string | null } | undefined> {
  return tx.selectFrom('customers').select(['owner_id', 'tenure_id']).where('id', '=', customerId).forShare().executeTakeFirst();
}

export async function insertCollaborator(db: Kysely<Database>, c: { customerId: string; repId: string; jointId: string | null; addedBy: string; at: Date }): Promise<string> {
  const id = newId();
  await db.insertInto('collaborators').values({ id, customer_id: c.customerId, rep_id: c.repId, joint_id: c.jointId, added_by: c.addedBy, added_at: c.at }).execute();
  return id;
}

/** Ends the rep's collaboration; false when they were not a collaborator. */
export async function removeCollaborator(db: Kysely<Database>, customerId: string, repId: string, by: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('collaborators')
    .set({ removed_by: by, removed_at: at })
    .where('customer_id', '=', customerId)
    .where('rep_id', '=', repId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Ends every active collaboration on a customer (at a win, or when its joint follow-up closes). */
export async function endCollaborations(db: Kysely<Database>, customerId: string, by: string, at: Date): Promise<void> {
  await db.updateTable('collaborators').set({ removed_by: by, removed_at: at }).where('customer_id', '=', customerId).where('removed_at', 'is', null).execute();
}

export function lastJoint(db: Kysely<Database>, customerId: string) {
  return db.selectFrom('joint_follow_ups').selectAll().where('customer_id', '=', customerId).orderBy('opened_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
}
