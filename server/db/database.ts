// The one Database interface: every table kysely may touch, as the migrations create them.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Approver, QuoteItemView } from '../../schemas/quotes.js';
import type { SimulationScope } from '../../schemas/rule-sets-api.js';
import type { SimulationResult } from '../../schemas/simulations.js';
import type { CustomerStatus, Grade, LevelStatus, QuoteStatus, Role } from '../../schemas/vocabulary.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type { CustomerStatus, Grade, QuoteStatus, Role };

export interface TeamsTable {
  id: string;
  name: string;
  manager_id: string | null;
  created_at: Timestamp;
}

export interface RepsTable {
  id: string;
  name: string;
  email: string;
  role: Role;
  team_id: string | null;
  active: Generated<boolean>;
  time_zone: Generated<string>;
  /** Calendar date, read as text "YYYY-MM-DD" (connect.ts turns off date parsing). */
  hired_at: ColumnType<string, string | undefined, string>;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  /** Holiday calendar for working-day deadlines, e.g. "CN". */
  calendar: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PoolsTable {
  id: string;
  name: string;
  description: string | null;
  /** Open to every rep; otherwise only to its members (teams or reps). */
  open_to_all: Generated<boolean>;
  created_at: Timestamp;
}

export interface PoolMembersTable {
  pool_id: string;
  team_id: string | null;
  rep_id: string | null;
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

export interface QuotesTable {
  id: string;
  customer_id: string;
  tenure_id: string | null;
  /** The owner the quote is for. */
  rep_id: string;
  /** Who submitted it: the owner, their team's manager or an admin; never its approver (R13). */
  submitted_by: string;
  status: QuoteStatus;
  /** numeric columns: pg returns text. */
  amount: ColumnType<string, string | number, string | number>;
  currency: string;
  amount_usd: ColumnType<string, string | number, string | number>;
  discount_pct: ColumnType<string, string | number, string | number>;
  margin_pct: ColumnType<string, string | number, string | number>;
  items: ColumnType<QuoteItemView[], string, string>;
  note: string | null;
  valid_until: ColumnType<string | null, string | null | undefined, string | null>;
  current_level: number | null;
  decided_at: NullableTimestamp;
  rejection_reason: string | null;
  rule_set_version: number | null;
  idempotency_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface QuoteApprovalsTable {
  id: string;
  quote_id: string;
  level: number;
  approvers: ColumnType<Approver[], string, string>;
  timeout_ms: ColumnType<number, number, number>;
  reasons: ColumnType<string[], string | undefined, string>;
  status: LevelStatus;
  escalated: Generated<boolean>;
  due_at: NullableTimestamp;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  comment: string | null;
}

export interface HolidaysTable {
  calendar: string;
  day: ColumnType<string, string, string>;
  name: string;
  /** holiday: not worked; workday: a weekend day worked to make up for a holiday. */
  kind: Generated<'holiday' | 'workday'>;
}

export interface RepLeaveTable {
  id: string;
  rep_id: string;
  starts_on: ColumnType<string, string, string>;
  ends_on: ColumnType<string, string, string>;
  reason: string | null;
  created_at: Timestamp;
}

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
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
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
}

export type OwnershipEventKind = 'claimed' | 'released' | 'reclaimed' | 'assigned' | 'reassigned' | 'won' | 'merged' | 'reconciled';

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

export interface CooldownsTable {
  rep_id: string;
  customer_id: string;
  until: Timestamp;
  reason: string;
  created_at: Timestamp;
}

export interface ApiTokensTable {
  id: string;
  rep_id: string;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  /** The admin who issued it; null for the bootstrap token. */
  issued_by: string | null;
  /** Refused from this moment on; null: no expiry. */
  expires_at: NullableTimestamp;
}

/** The outbox of reclaim-policy rollouts: one row per published reclaim rule set. */
export interface PolicyRolloutsTable {
  rule_set_id: string;
  workflow_id: string;
  /** superseded: a later publish's rollout re-decides every deadline under the newer policy. */
  status: 'pending' | 'started' | 'superseded';
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  last_attempt_at: NullableTimestamp;
  started_at: NullableTimestamp;
}

export type RuleSetStatus = 'draft' | 'published' | 'archived';

export interface RuleSetsTable {
  id: string;
  decision: string;
  version: number;
  status: RuleSetStatus;
  document: ColumnType<unknown, string, string>;
  hash: string;
  comment: string | null;
  author_id: string | null;
  rolled_back_from: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  published_at: NullableTimestamp;
  published_by: string | null;
}

export interface DecisionRecordsTable {
  id: string;
  decision: string;
  rule_set_id: string | null;
  rule_set_version: number | null;
  rule_set_hash: string | null;
  customer_id: string | null;
  rep_id: string | null;
  trigger: string;
  fired: ColumnType<unknown, string, string>;
  outcome: ColumnType<unknown, string, string>;
  facts: ColumnType<unknown, string, string>;
  at: Timestamp;
}

export interface SimulationsTable {
  id: string;
  decision: string;
  candidate_rule_set_id: string | null;
  candidate_document: ColumnType<unknown, string | null, string | null>;
  baseline_rule_set_id: string | null;
  scope: ColumnType<SimulationScope, string, string>;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  processed: Generated<number>;
  total: number | null;
  result: ColumnType<SimulationResult | null, string | null, string | null>;
  error: string | null;
  cancel_requested: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
  finished_at: NullableTimestamp;
  /** Written by the process running it; a stale heartbeat means that process is gone. */
  heartbeat_at: NullableTimestamp;
}

export interface AssignmentCursorsTable {
  key: string;
  last_rep_id: string | null;
  updated_at: Timestamp;
}

export interface Database {
  teams: TeamsTable;
  reps: RepsTable;
  pools: PoolsTable;
  customers: CustomersTable;
  customer_identities: CustomerIdentitiesTable;
  customer_activities: CustomerActivitiesTable;
  ownership_events: OwnershipEventsTable;
  cooldowns: CooldownsTable;
  api_tokens: ApiTokensTable;
  rule_sets: RuleSetsTable;
  decision_records: DecisionRecordsTable;
  simulations: SimulationsTable;
  policy_rollouts: PolicyRolloutsTable;
  assignment_cursors: AssignmentCursorsTable;
  pool_members: PoolMembersTable;
  stage_events: StageEventsTable;
  quotes: QuotesTable;
  quote_approvals: QuoteApprovalsTable;
  holidays: HolidaysTable;
  rep_leave: RepLeaveTable;
  notifications: NotificationsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
}

export type Rep = Selectable<RepsTable>;
export type NewRep = Insertable<RepsTable>;
export type Customer = Selectable<CustomersTable>;
export type NewCustomer = Insertable<CustomersTable>;
export type CustomerUpdate = Updateable<CustomersTable>;
export type OwnershipEvent = Selectable<OwnershipEventsTable>;
export type CustomerActivity = Selectable<CustomerActivitiesTable>;
