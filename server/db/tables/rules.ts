// Rule sets, the decisions recorded under them, simulations and reclaim-policy rollouts.
import type { ColumnType, Generated } from 'kysely';
import type { SimulationScope } from '../../../schemas/rule-sets-api.js';
import type { SimulationResult } from '../../../schemas/simulations.js';
import type { NullableTimestamp, Timestamp } from './columns.js';

type RuleSetStatus = 'draft' | 'published' | 'archived';

export interface RuleSetsTable {
  id: string;
  decision: string;
  version: number;
  status: RuleSetStatus;
  document: ColumnType<unknown, string, string>;
  /** The rules-language text it was written in; null when written as JSON. */
  source: string | null;
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
