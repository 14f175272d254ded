// The inbox, webhooks and their deliveries.
import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from './columns.js';

export interface NotificationsTable {
  id: string;
  rep_id: string;
  kind: string;
  customer_id: string | null;
  title: string;
  body: string;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  idempotency_key: string | null;
  created_at: Timestamp;
  read_at: NullableTimestamp;
}

export interface WebhooksTable {
  id: string;
  url: string;
  events: ColumnType<string[], string, string>;
  secret: string;
  active: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  event: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  status: 'pending' | 'delivered' | 'failed';
  attempts: Generated<number>;
  last_status: number | null;
  last_error: string | null;
  idempotency_key: string;
  created_at: Timestamp;
  delivered_at: NullableTimestamp;
  /** An attempt is sending until then; a racing attempt waits instead of sending twice. */
  lease_until: NullableTimestamp;
  last_attempt_at: NullableTimestamp;
}
