// The decision audit (R12) as read back: every decision about a customer, oldest first.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

export function decisionRecordsOf(db: Kysely<Database>, customerId: string) {
  return db.selectFrom('decision_records').selectAll().where('customer_id', '=', customerId).orderBy('at').orderBy('id').execute();
}

/** One recorded decision, e.g. to pin it as a test case. */
export function findDecisionRecord(db: Kysely<Database>, id: string) {
  return db.selectFrom('decision_records').selectAll().where('id', '=', id).executeTakeFirst();
}
