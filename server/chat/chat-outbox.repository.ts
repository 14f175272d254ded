// The chat outbox as the sender uses it: events waiting for a message, messages waiting to be
// sent, the attempts inside a rate window, and the rep profiles mentions are made from.
import type { Kysely } from 'kysely';
import { newId } from '../ids.js';
import type { Database } from '../db/database.js';
import type { ChatAttemptsTable, ChatKind } from '../db/tables/chat.js';
import type { Mention } from './vendors.js';

export function channelForSending(db: Kysely<Database>, channelId: string) {
  return db
    .selectFrom('chat_channels as c')
    .leftJoin('teams as t', 't.id', 'c.team_id')
    .select(['c.id', 'c.name', 'c.kind', 'c.url', 'c.secret', 'c.active', 'c.language', 't.language as team_language'])
    .where('c.id', '=', channelId)
    .executeTakeFirst();
}
export type SendingChannel = NonNullable<Awaited<ReturnType<typeof channelForSending>>>;

/** Attempts of a channel at or after `since`, oldest first (what counts against a rate window). */
export async function attemptTimesSince(db: Kysely<Database>, channelId: string, since: Date): Promise<Date[]> {
  const rows = await db.selectFrom('chat_attempts').select('at').where('channel_id', '=', channelId).where('at', '>', since).orderBy('at').execute();
  return rows.map((r) => r.at);
}

export function pendingMessageIds(db: Kysely<Database>, channelId: string) {
  // Test messages are sent by the API request that made them, never by the sender.
  return db.selectFrom('chat_messages').select('id').where('channel_id', '=', channelId).where('status', '=', 'pending').where('kind', '!=', 'test').orderBy('id').execute();
}

/** Events no message carries yet, oldest first, with their customer's name. */
export function unsentEvents(db: Kysely<Database>, channelId: string, limit: number) {
  return db
    .selectFrom('chat_events as e')
    .leftJoin('customers as c', 'c.id', 'e.customer_id')
    .select(['e.id', 'e.event_type', 'e.customer_id', 'e.payload', 'c.company_name'])
    .where('e.channel_id', '=', channelId)
    .where('e.message_id', 'is', null)
    .orderBy('e.created_at')
    .orderBy('e.id')
    .limit(limit)
    .execute();
}

/** How each rep is mentioned on this vendor (reps without a mobile or id are left out). */
export async function mentionsOf(db: Kysely<Database>, kind: ChatKind, repIds: string[]): Promise<Map<string, Mention>> {
  if (repIds.length === 0) return new Map();
  const reps = await db.selectFrom('reps').select(['id', 'name', 'mobile', 'wecom_user_id', 'dingtalk_user_id', 'feishu_user_id']).where('id', 'in', repIds).execute();
  const idFor = (r: (typeof reps)[number]) => (kind === 'wecom' ? r.wecom_user_id : kind === 'dingtalk' ? r.dingtalk_user_id : r.feishu_user_id);
  return new Map(
    reps
      // Feishu mentions need the platform's user id; WeCom and DingTalk also take a mobile number.
      .filter((r) => idFor(r) || (kind !== 'feishu' && r.mobile))
      .map((r) => [r.id, { name: r.name, mobile: kind === 'feishu' ? null : r.mobile, userId: idFor(r) }]),
  );
}

/** Reps by id: their names and time zones (to name them, and tell their times, in messages). */
export async function repsNamed(db: Kysely<Database>, repIds: string[]): Promise<Map<string, { name: string; timeZone: string }>> {
  if (repIds.length === 0) return new Map();
  const reps = await db.selectFrom('reps').select(['id', 'name', 'time_zone']).where('id', 'in', repIds).execute();
  return new Map(reps.map((r) => [r.id, { name: r.name, timeZone: r.time_zone }]));
}

/** The names of the pools events name, by id (a pool gone is left out). */
export async function poolsNamed(db: Kysely<Database>, poolIds: string[]): Promise<Map<string, string>> {
  if (poolIds.length === 0) return new Map();
  const pools = await db.selectFrom('pools').select(['id', 'name']).where('id', 'in', poolIds).execute();
  return new Map(pools.map((p) => [p.id, p.name]));
}

/** A new message carrying `eventIds`, in one transaction. */
export async function insertMessage(
  db: Kysely<Database>,
  input: { channelId: string; kind: 'event' | 'digest' | 'test'; body: Record<string, unknown>; eventIds: string[]; now: Date },
): Promise<string> {
  const id = newId();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('chat_messages')
      .values({ id, channel_id: input.channelId, kind: input.kind, body: JSON.stringify(input.body), event_count: input.eventIds.length, status: 'pending', created_at: input.now })
      .execute();
    if (input.eventIds.length > 0) await tx.updateTable('chat_events').set({ message_id: id }).where('id', 'in', input.eventIds).where('message_id', 'is', null).execute();
  });
  return id;
}

export function messageForSending(db: Kysely<Database>, messageId: string) {
  return db.selectFrom('chat_messages').select(['id', 'channel_id', 'kind', 'body', 'status', 'attempts']).where('id', '=', messageId).executeTakeFirst();
}

/**
 * Takes a slot of the channel's rate window for one attempt, or says when one frees: under the
 * channel's row lock, so attempts made at once (test messages beside the sender) cannot all see the
 * same room. The slot counts from now ("sending") until its answer is recorded.
 */
export async function reserveAttempt(
  db: Kysely<Database>,
  input: { channelId: string; messageId: string; now: Date; since: Date },
  room: (attempts: Date[]) => { now: number; waitMs: number },
): Promise<{ ok: true; attemptId: string } | { ok: false; waitMs: number }> {
  return db.transaction().execute(async (tx) => {
    await tx.selectFrom('chat_channels').select('id').where('id', '=', input.channelId).forUpdate().executeTakeFirst();
    const r = room(await attemptTimesSince(tx, input.channelId, input.since));
    if (r.now === 0) return { ok: false, waitMs: r.waitMs };
    const attemptId = newId();
    await tx
      .insertInto('chat_attempts')
      .values({ id: attemptId, channel_id: input.channelId, message_id: input.messageId, at: input.now, outcome: 'sending', status: null, answer: null })
      .execute();
    return { ok: true, attemptId };
  });
}

/** Records a reserved attempt's answer, at the time it came, and on the message (delivered when it was). */
export async function recordAttempt(
  db: Kysely<Database>,
  input: { attemptId: string; messageId: string; now: Date; outcome: Exclude<ChatAttemptsTable['outcome'], 'sending'>; status: number | null; answer: string | null },
) {
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('chat_attempts').set({ at: input.now, outcome: input.outcome, status: input.status, answer: input.answer }).where('id', '=', input.attemptId).execute();
    await tx
      .updateTable('chat_messages')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        last_status: input.status,
        last_answer: input.answer,
        last_attempt_at: input.now,
        ...(input.outcome === 'delivered' ? { status: 'delivered' as const, delivered_at: input.now } : {}),
        ...(input.outcome === 'refused' ? { status: 'failed' as const } : {}),
      }))
      .where('id', '=', input.messageId)
      .where('status', '=', 'pending')
      .execute();
  });
}

/** Removes a message nothing was sent for (a test message the full window stopped). */
export async function deleteUnsentMessage(db: Kysely<Database>, messageId: string): Promise<void> {
  await db.deleteFrom('chat_messages').where('id', '=', messageId).where('attempts', '=', 0).execute();
}

/** After the last attempt: failed, unless it was delivered meanwhile. */
export async function failMessage(db: Kysely<Database>, messageId: string): Promise<'failed' | 'delivered' | 'gone'> {
  const row = await db.updateTable('chat_messages').set({ status: 'failed' }).where('id', '=', messageId).where('status', '=', 'pending').returning('status').executeTakeFirst();
  if (row) return 'failed';
  const current = await db.selectFrom('chat_messages').select('status').where('id', '=', messageId).executeTakeFirst();
  return current ? (current.status === 'delivered' ? 'delivered' : 'failed') : 'gone';
}

/** Channels with events no message carries that are older than `before` (a wake-up was lost). */
export async function channelsWithStaleEvents(db: Kysely<Database>, before: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('chat_events')
    .innerJoin('chat_channels', 'chat_channels.id', 'chat_events.channel_id')
    .select('chat_events.channel_id')
    .distinct()
    .where('chat_events.message_id', 'is', null)
    .where('chat_events.created_at', '<', before)
    .where('chat_channels.active', '=', true)
    .execute();
  return rows.map((r) => r.channel_id);
}
