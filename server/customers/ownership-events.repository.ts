// The ownership audit (R12): append-only, a trigger refuses changes; idempotent by key.
import type { Insertable, Kysely } from 'kysely';
import { newId } from '../ids.js';
import type { Database, OwnershipEventsTable } from '../db/database.js';

export async function appendOwnershipEvent(
  db: Kysely<Database>,
  event: Omit<Insertable<OwnershipEventsTable>, 'id' | 'details'> & { details: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('ownership_events')
    .values({ ...event, id: newId(), details: JSON.stringify(event.details) })
    .execute();
}

/** Whether an ownership event with this key was written (a retried command). */
export async function ownershipEventSeen(db: Kysely<Database>, idempotencyKey: string): Promise<boolean> {
  return (await db.selectFrom('ownership_events').select('id').where('idempotency_key', '=', idempotencyKey).executeTakeFirst()) !== undefined;
}

/** The customer's latest ownership change: what, to whom, by whom, why and when (and its details and key: which job made it). */
export function latestOwnershipEvent(db: Kysely<Database>, customerId: string) {
  return db
    .selectFrom('ownership_events')
    .select(['kind', 'to_rep_id', 'actor_id', 'reason', 'at', 'details', 'idempotency_key'])
    .where('customer_id', '=', customerId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
