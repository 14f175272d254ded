// Chat channels and their messages, as admins manage and inspect them.
import type { Kysely } from 'kysely';
import { newId } from '../ids.js';
import type { Database } from '../db/database.js';
import { type Cursor, newestFirstPage } from '../db/pagination.js';
import type { ChannelMessageView, ChannelView, CreateChannelBody } from '../../schemas/chat-channels.js';

const channelColumns = ['c.id', 'c.name', 'c.kind', 'c.url', 'c.secret', 'c.events', 'c.team_id', 'c.language', 't.language as team_language', 'c.active', 'c.created_by', 'c.created_at'] as const;

type ChannelRow = Awaited<ReturnType<typeof listChannels>>[number];

/** A credential's last four characters, to tell robots apart; a short one (not a vendor's) shows none. */
const credentialTail = (v: string) => `…${v.length >= 16 ? v.slice(-4) : ''}`;

/**
 * The robot's key or access token is its credential: only its last four characters are shown, of
 * every query parameter whatever its name or case (a vendor reads `key`, another address may carry
 * it as `KEY`), and nothing of a user name or password in the address.
 */
export function maskedUrl(url: string): string {
  const u = new URL(url);
  if (u.username) u.username = '…';
  if (u.password) u.password = '…';
  const masked = new URLSearchParams();
  for (const [name, v] of u.searchParams) masked.append(name, v ? credentialTail(v) : v);
  u.search = masked.toString();
  u.pathname = u.pathname.replace(/(\/bot\/v2\/hook\/)([^/]+)$/, (_, p: string, id: string) => `${p}${credentialTail(id)}`);
  return decodeURI(u.toString());
}

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
