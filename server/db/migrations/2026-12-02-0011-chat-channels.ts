// Issue 13 part 1 (chat robots): WeCom, DingTalk and Feishu channels; each event a channel
// subscribes to as an outbox row (idempotent by the event's key); the messages sent to the robot
// (one event, a digest of several, or a test) and every attempt with the robot's answer. Teams get
// the language their messages are written in; reps the ids the robots mention them by.
import { type Kysely, sql } from 'kysely';

const statements = [
  sql`alter table teams add column language text not null default 'zh' check (language in ('zh', 'en'))`,
  sql`alter table reps add column mobile text`,
  sql`alter table reps add column wecom_user_id text`,
  sql`alter table reps add column dingtalk_user_id text`,
  sql`alter table reps add column feishu_user_id text`,
  sql`create table chat_channels (
    id text primary key,
    name text not null,
    kind text not null check (kind in ('wecom', 'dingtalk', 'feishu')),
    url text not null,
    secret text,
    events jsonb not null,
    team_id text references teams(id) on delete cascade,
    language text not null default 'zh' check (language in ('zh', 'en')),
    active boolean not null default true,
    created_by text references reps(id),
    created_at timestamptz not null
  )`,
  sql`create table chat_messages (
    id text primary key,
    channel_id text not null references chat_channels(id) on delete cascade,
    kind text not null check (kind in ('event', 'digest', 'test')),
    body jsonb not null,
    event_count integer not null,
    status text not null check (status in ('pending', 'delivered', 'failed')),
    attempts integer not null default 0,
    last_status integer,
    last_answer text,
    created_at timestamptz not null,
    last_attempt_at timestamptz,
    delivered_at timestamptz
  )`,
  sql`create index chat_messages_channel on chat_messages (channel_id, id)`,
  sql`create table chat_events (
    id text primary key,
    channel_id text not null references chat_channels(id) on delete cascade,
    event_key text not null,
    event_type text not null,
    customer_id text,
    payload jsonb not null,
    message_id text references chat_messages(id) on delete set null,
    created_at timestamptz not null,
    unique (channel_id, event_key)
  )`,
  sql`create index chat_events_unsent on chat_events (channel_id, created_at) where message_id is null`,
  sql`create table chat_attempts (
    id text primary key,
    channel_id text not null references chat_channels(id) on delete cascade,
    message_id text not null references chat_messages(id) on delete cascade,
    at timestamptz not null,
    outcome text not null,
    status integer,
    answer text
  )`,
  sql`create index chat_attempts_window on chat_attempts (channel_id, at)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['chat_attempts', 'chat_events', 'chat_messages', 'chat_channels']) await sql`drop table if exists ${sql.table(table)}`.execute(db);
  for (const column of ['feishu_user_id', 'dingtalk_user_id', 'wecom_user_id', 'mobile']) await sql`alter table reps drop column if exists ${sql.ref(column)}`.execute(db);
  await sql`alter table teams drop column if exists language`.execute(db);
}
