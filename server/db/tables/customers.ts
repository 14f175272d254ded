// Customers, their identities and activities, ownership history, stages, cooldowns and the
// assignment round-robin.
import type { ColumnType, Generated } from 'kysely';
import type { CustomerStatus, Grade } from '../../../schemas/vocabulary.js';
import type { NullableTimestamp, Timestamp } from './columns.js';

export interface CustomersTable {
  id: string;
  company_name: string;
  contact_name: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  country: string | null;
  region: string | null;
  source: string | null;
  product_line: string | null;
  language: string | null;
  pool_id: string;
  status: CustomerStatus;
  stage: string | null;
  owner_id: string | null;
  grade: Grade | null;
  key_customer: Generated<boolean>;
  deadline: NullableTimestamp;
  deadline_kind: string | null;
  tenure_id: string | null;
  claimed_at: NullableTimestamp;
  last_follow_up_at: NullableTimestamp;
  version: Generated<number>;
  follow_ups: Generated<number>;
  reclaims: Generated<number>;
  expected_close_days: number | null;
  no_demand: Generated<boolean>;
  rep_grade: Grade | null;
  previous_owner_id: string | null;
  merged_into_id: string | null;
  won_at: NullableTimestamp;
  stage_at: NullableTimestamp;
  deadline_trigger: string | null;
  deadline_from: NullableTimestamp;
  /** Who did the work that set the deadline, as the reclaim rules saw it (`actor.role`); null: the owner. */
  deadline_actor_role: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The similarity key of company_name (server/names/name-key.ts), its trade words, place words and hanzi brand; null until computed. */
  name_key: ColumnType<string | null, string | null | undefined, string | null>;
  name_trades: ColumnType<string | null, string | null | undefined, string | null>;
  name_places: ColumnType<string | null, string | null | undefined, string | null>;
  name_hanzi: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CustomerIdentitiesTable {
  kind: 'email' | 'phone' | 'domain' | 'name';
  value: string;
  customer_id: string;
}

export interface CustomerActivitiesTable {
  id: string;
  customer_id: string;
  rep_id: string;
  kind: string;
  note: string | null;
  occurred_at: Timestamp;
  tenure_id: string | null;
  idempotency_key: string | null;
  created_at: Timestamp;
  /** A system entry's key and values (customers/activity-notes.ts), told again in the reader's language. */
  text: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
}

type OwnershipEventKind = 'claimed' | 'released' | 'reclaimed' | 'assigned' | 'reassigned' | 'won' | 'merged' | 'reconciled' | 'pool_moved';

export interface OwnershipEventsTable {
  id: string;
  customer_id: string;
  kind: OwnershipEventKind;
  from_rep_id: string | null;
  to_rep_id: string | null;
  actor_id: string | null;
  reason: string | null;
  tenure_id: string | null;
  rule_version: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  idempotency_key: string | null;
  at: Timestamp;
}

export interface StageEventsTable {
  id: string;
  customer_id: string;
  tenure_id: string | null;
  from_stage: string | null;
  to_stage: string;
  rep_id: string | null;
  actor_id: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  idempotency_key: string | null;
  at: Timestamp;
}

export interface CooldownsTable {
  rep_id: string;
  customer_id: string;
  until: Timestamp;
  reason: string;
  created_at: Timestamp;
}

export interface AssignmentCursorsTable {
  key: string;
  last_rep_id: string | null;
  updated_at: Timestamp;
}
