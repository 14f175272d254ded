// The customer's activity log (follow-ups, stage work, quote decisions), idempotent by key.
import type { Kysely } from 'kysely';
import { newId } from '../ids.js';
import type { Database } from '../db/database.js';
import { repNames } from './rep-names.repository.js';
import { type ActivityText, repIdsOf, systemNote } from './activity-notes.js';

export interface NewActivity {
  customerId: string;
  repId: string;
  kind: string;
  /** What a person typed; or, for a system entry, nothing: its `text` is stored and its English sentence is the note. */
  note: string | null;
  text?: ActivityText;
  occurredAt: Date;
  tenureId: string | null;
  idempotencyKey: string | null;
  at: Date;
}

export async function insertActivity(db: Kysely<Database>, a: NewActivity): Promise<void> {
  // The stored English sentence names reps as the history tells them.
  const names = a.text ? await repNames(db, repIdsOf(a.text)) : undefined;
  await db
    .insertInto('customer_activities')
    .values({
      id: newId(),
      customer_id: a.customerId,
      rep_id: a.repId,
      kind: a.kind,
      ...(a.text ? systemNote(a.text, names) : { note: a.note, text: null }),
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
