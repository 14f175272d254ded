// Test cases of the rule sets' decisions and their append-only history.
import type { ColumnType } from 'kysely';
import type { NullableTimestamp, Timestamp } from './columns.js';

export interface RuleTestCasesTable {
  id: string;
  decision: string;
  name: string;
  facts: ColumnType<unknown, string, string>;
  expected: ColumnType<unknown, string, string>;
  created_by: string | null;
  created_at: Timestamp;
  updated_by: string | null;
  updated_at: Timestamp;
  /** Removed cases stay, so the history can name them; only live ones run. */
  removed_at: NullableTimestamp;
  removed_by: string | null;
}

export interface RuleTestCaseHistoryTable {
  id: string;
  test_case_id: string;
  decision: string;
  action: 'added' | 'changed' | 'removed';
  by_rep: string | null;
  at: Timestamp;
  before: ColumnType<unknown, string | null, string | null>;
  after: ColumnType<unknown, string | null, string | null>;
}
