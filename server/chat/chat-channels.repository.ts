// Chat channels and their messages, as admins manage and inspect them.
import type { Kysely } from 'kysely';
import { newId } from '../ids.js';
import type { Database } from '../db/database.js';
import { type Cursor, newestFirstPage } from '../db/pagination.js';
import type { ChannelMessageView, ChannelView, CreateChannelBody } from '../../schemas/chat-channels.js';
import { maskedUrl } from '../net/masked-url.js';

const channelColumns = ['c.id', 'c.name', 'c.kind', 'c.url', 'c.secret', 'c.events', 'c.team_id', 'c.language', 't.language as team_language', 'c.active', 'c.created_by', 'c.created_at'] as const;

type ChannelRow = Awaited<ReturnType<typeof listChannels>>[number];

export const toChannelView = (r: ChannelRow): ChannelView => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  url: maskedUrl(r.url),
  hasSecret: r.secret !== null,
  events: r.events,
  teamId: r.team_id,
  language: r.team_language ?? r.language,
  active: r.active,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
});

const channels = (db: Kysely<Database>) => db.selectFrom('chat_channels as c').leftJoin('teams as t', 't.id', 'c.team_id').select(channelColumns);

export async function insertChannel(db: Kysely<Database>, body: CreateChannelBody, createdBy: string, now: Date) {
  const id = newId();
  await db
    .insertInto('chat_channels')
    .values({
      id,
      name: body.name,
      kind: body.kind,
      url: body.url,
      secret: body.secret ?? null,
      events: JSON.stringify(body.events),
      team_id: body.teamId ?? null,
      language: body.language ?? 'zh',
      active: true,
      created_by: createdBy,
      created_at: now,
    })
    .execute();
  return channels(db).where('c.id', '=', id).executeTakeFirstOrThrow();
}

export function listChannels(db: Kysely<Database>) {
  return channels(db).orderBy('c.created_at').orderBy('c.id').execute();
}

export function findChannel(db: Kysely<Database>, id: string) {
  return channels(db).where('c.id', '=', id).executeTakeFirst();
}

/** Deletes a channel with its outbox and messages; its sender finds it gone and ends. */
export async function deleteChannel(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('chat_channels').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

const messageColumns = ['id', 'channel_id', 'kind', 'event_count', 'status', 'attempts', 'last_status', 'last_answer', 'created_at', 'last_attempt_at', 'delivered_at', 'body'] as const;

export function findMessage(db: Kysely<Database>, id: string) {
  return db.selectFrom('chat_messages').select(messageColumns).where('id', '=', id).executeTakeFirstOrThrow();
}

/** One page (limit + 1 rows) of a channel's messages, newest first. */
export function listMessages(db: Kysely<Database>, channelId: string, options: { status?: 'pending' | 'delivered' | 'failed' | undefined; limit: number; cursor?: Cursor | undefined }) {
  return db
    .selectFrom('chat_messages')
    .select(messageColumns)
    .where('channel_id', '=', channelId)
    .$if(options.status !== undefined, (q) => q.where('status', '=', options.status!))
    .$call((q) => newestFirstPage(q, options.limit, options.cursor))
    .execute();
}

export const toMessageView = (r: Awaited<ReturnType<typeof findMessage>>): ChannelMessageView => ({
  id: r.id,
  channelId: r.channel_id,
  kind: r.kind,
  eventCount: r.event_count,
  status: r.status,
  attempts: r.attempts,
  lastStatus: r.last_status,
  lastAnswer: r.last_answer,
  createdAt: r.created_at.toISOString(),
  lastAttemptAt: r.last_attempt_at?.toISOString() ?? null,
  deliveredAt: r.delivered_at?.toISOString() ?? null,
  body: r.body,
});
