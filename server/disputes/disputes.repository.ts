// Disputes as stored: filing, reading back with the customer's name, listing by scope, deciding once.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DisputeStatus } from '../../schemas/disputes.js';
import type { Database } from '../db/database.js';
import type { DisputesTable } from '../db/tables/disputes.js';

export type DisputeRow = Selectable<DisputesTable> & { company_name: string };

const withName = (db: Kysely<Database>) =>
  db.selectFrom('disputes as d').innerJoin('customers as c', 'c.id', 'd.customer_id').selectAll('d').select('c.company_name');

export function findDispute(db: Kysely<Database>, id: string): Promise<DisputeRow | undefined> {
  return withName(db).where('d.id', '=', id).executeTakeFirst();
}

export function openDisputeOf(db: Kysely<Database>, customerId: string, repId: string) {
  return db.selectFrom('disputes').select('id').where('customer_id', '=', customerId).where('rep_id', '=', repId).where('status', '=', 'open').executeTakeFirst();
}

/** `reps`/`teamId`: the scope (null: everyone); newest first. */
export function listDisputes(
  db: Kysely<Database>,
  filter: { repId?: string; teamId?: string; status?: DisputeStatus | undefined; customerId?: string | undefined; limit: number },
): Promise<DisputeRow[]> {
  let q = withName(db);
  if (filter.repId !== undefined && filter.teamId !== undefined) q = q.where((eb) => eb.or([eb('d.rep_id', '=', filter.repId!), eb('d.team_id', '=', filter.teamId!)]));
  else if (filter.repId !== undefined) q = q.where('d.rep_id', '=', filter.repId);
  if (filter.status) q = q.where('d.status', '=', filter.status);
  if (filter.customerId) q = q.where('d.customer_id', '=', filter.customerId);
  return q.orderBy('d.filed_at', 'desc').orderBy('d.id', 'desc').limit(filter.limit).execute();
}

/**
 * The dispute, its row held until the transaction ends: a decider in another process waits here and
 * then reads the decision. (No key update: rows referring to the dispute may still be written.)
 */
export function holdDispute(tx: Transaction<Database>, id: string): Promise<{ status: DisputeStatus; decided_by: string | null } | undefined> {
  return tx.selectFrom('disputes').select(['status', 'decided_by']).where('id', '=', id).forNoKeyUpdate().executeTakeFirst();
}

/** Marks an open dispute decided; false when it was decided meanwhile. */
export async function markDecided(db: Kysely<Database>, id: string, d: { status: Exclude<DisputeStatus, 'open'>; decidedBy: string; comment: string; at: Date }): Promise<boolean> {
  const r = await db
    .updateTable('disputes')
    .set({ status: d.status, decided_by: d.decidedBy, comment: d.comment, decided_at: d.at })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
