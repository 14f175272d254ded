// The customer's activity log (follow-ups, stage work, quote decisions), idempotent by key.
import type { Kysely } from 'kysely';
import { newId } from '../ids.js';
import type { Database } from '../db/database.js';

export interface NewActivity {
  customerId: string;
  repId: string;
  kind: string;
  note: string | null;
  occurredAt: Date;
  tenureId: string | null;
  idempotencyKey: string | null;
  at: Date;
}

export async function insertActivity(db: Kysely<Database>, a: NewActivity): Promise<void> {
  await db
    .insertInto('customer_activities')
    .values({
      id: newId(),
      customer_id: a.customerId,
      rep_id: a.repId,
      kind: a.kind,
      note: a.note,
      occurred_at: a.occurredAt,
      tenure_id: a.tenureId,
      idempotency_key: a.idempotencyKey,
      created_at: a.at,
    })
    .execute();
}

/** Whether an activity with this key was written (a retried command). */
export async function activityKeySeen(db: Kysely<Database>, idempotencyKey: string): Promise<boolean> {
  return (await db.selectFrom('customer_activities').select('id').where('idempotency_key', '=', idempotencyKey).executeTakeFirst()) !== undefined;
}
