// Stage events: every move of a tenure's stage, for history and the funnel report.
import type { Kysely } from 'kysely';
import { newId } from '../ids.js';
import type { Database } from '../db/database.js';

export interface NewStageEvent {
  customerId: string;
  tenureId: string | null;
  from: string | null;
  to: string;
  repId: string | null;
  actorId: string | null;
  idempotencyKey: string | null;
  details?: Record<string, unknown> | undefined;
  at: Date;
}

export async function insertStageEvent(db: Kysely<Database>, e: NewStageEvent): Promise<void> {
  await db
    .insertInto('stage_events')
    .values({
      id: newId(),
      customer_id: e.customerId,
      tenure_id: e.tenureId,
      from_stage: e.from,
      to_stage: e.to,
      rep_id: e.repId,
      actor_id: e.actorId,
      details: JSON.stringify(e.details ?? {}),
      idempotency_key: e.idempotencyKey,
      at: e.at,
    })
    .execute();
}

/** Whether a stage event with this key was written (a retried command). */
export async function stageEventSeen(db: Kysely<Database>, idempotencyKey: string): Promise<boolean> {
  return (await db.selectFrom('stage_events').select('id').where('idempotency_key', '=', idempotencyKey).executeTakeFirst()) !== undefined;
}
