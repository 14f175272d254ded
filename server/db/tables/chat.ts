// Chat robot channels, the events each subscribed to, the messages sent and every attempt.
import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from './columns.js';

export type ChatKind = 'wecom' | 'dingtalk' | 'feishu';

export interface ChatChannelsTable {
  id: string;
  name: string;
  kind: ChatKind;
  url: string;
  /** The signing secret (DingTalk, Feishu); never returned by the API. */
  secret: string | null;
  events: ColumnType<string[], string, string>;
  /** The team whose events it gets; null: everyone's. */
  team_id: string | null;
  /** The language of a channel for everyone (a team's channel speaks the team's language). */
  language: Generated<'zh' | 'en'>;
  active: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
}

/** One message to the robot: an event, a digest of several events, or a test. */
export interface ChatMessagesTable {
  id: string;
  channel_id: string;
  kind: 'event' | 'digest' | 'test';
  /** The vendor's JSON body, without the signature (added per attempt). */
  body: ColumnType<Record<string, unknown>, string, string>;
  event_count: number;
  status: 'pending' | 'delivered' | 'failed';
  attempts: Generated<number>;
  last_status: number | null;
  last_answer: string | null;
  created_at: Timestamp;
  last_attempt_at: NullableTimestamp;
  delivered_at: NullableTimestamp;
}

/** An event a channel subscribed to (the outbox), until a message carries it. */
export interface ChatEventsTable {
  id: string;
  channel_id: string;
  event_key: string;
  event_type: string;
  customer_id: string | null;
  payload: ColumnType<ChatEventPayload, string, string>;
  message_id: string | null;
  created_at: Timestamp;
}

export interface ChatEventPayload {
  title: string;
  body: string;
  data: Record<string, unknown>;
  /** The reps the event concerns (mentioned where their profile allows). */
  recipients: string[];
  occurredAt: string;
}

/** One POST to the robot (counted against the vendor's rate limit) and its answer. */
export interface ChatAttemptsTable {
  id: string;
  channel_id: string;
  message_id: string;
  at: Timestamp;
  /** 'sending': the slot is taken and the answer not yet recorded. */
  outcome: 'sending' | 'delivered' | 'failed' | 'rate_limited' | 'refused';
  status: number | null;
  answer: string | null;
}
