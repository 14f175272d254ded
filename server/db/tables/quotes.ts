// Quotes and their approval levels.
import type { ColumnType, Generated } from 'kysely';
import type { Approver, QuoteItemView } from '../../../schemas/quotes.js';
import type { LevelStatus, QuoteStatus } from '../../../schemas/vocabulary.js';
import type { NullableTimestamp, Timestamp } from './columns.js';

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
