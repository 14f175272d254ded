// An event's rows in the chat outbox, written in the event's transaction: one per active channel
// that subscribes to its type and is for everyone or for a team the event concerns (a recipient's
// team, or the team of the owner the event names).
import type { Transaction } from 'kysely';
import { sql } from 'kysely';
import { newId } from '../ids.js';
import type { Database } from '../db/database.js';
import type { ChatEventPayload } from '../db/tables/chat.js';

const OWNER_KEYS = ['ownerId', 'formerOwnerId', 'repId', 'fromRepId', 'toRepId'] as const;

export async function insertChatEvents(
  tx: Transaction<Database>,
  event: { type: string; eventKey: string; customerId: string | null; occurredAt: Date; payload: ChatEventPayload },
): Promise<string[]> {
  const subscribed = await tx
    .selectFrom('chat_channels')
    .select(['id', 'team_id'])
    .where('active', '=', true)
    .where((eb) => eb.or([sql<boolean>`events @> ${JSON.stringify([event.type])}::jsonb`, sql<boolean>`events @> '["*"]'::jsonb`]))
    .execute();
  if (subscribed.length === 0) return [];
  let channels = subscribed.filter((c) => c.team_id === null);
  if (channels.length < subscribed.length) {
    const reps = [
      ...event.payload.recipients,
      ...OWNER_KEYS.flatMap((k) => (typeof event.payload.data[k] === 'string' ? [event.payload.data[k] as string] : [])),
    ];
    const teams =
      reps.length === 0
        ? new Set<string>()
        : new Set((await tx.selectFrom('reps').select('team_id').where('id', 'in', reps).where('team_id', 'is not', null).execute()).map((r) => r.team_id!));
    channels = subscribed.filter((c) => c.team_id === null || teams.has(c.team_id));
  }
  if (channels.length === 0) return [];
  const inserted = await tx
    .insertInto('chat_events')
    .values(
      channels.map((c) => ({
        id: newId(),
        channel_id: c.id,
        event_key: event.eventKey,
        event_type: event.type,
        customer_id: event.customerId,
        payload: JSON.stringify(event.payload),
        created_at: event.occurredAt,
      })),
    )
    .onConflict((oc) => oc.columns(['channel_id', 'event_key']).doNothing())
    .returning('channel_id')
    .execute();
  return inserted.map((r) => r.channel_id);
}
