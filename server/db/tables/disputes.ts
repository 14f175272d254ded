// Disputes of rule decisions (issue 15 §2): who disputes which decision, and how it was decided.
import type { DisputeKind, DisputeStatus } from '../../../schemas/disputes.js';
import type { NullableTimestamp, Timestamp } from './columns.js';

export interface DisputesTable {
  id: string;
  customer_id: string;
  /** The disputing rep. */
  rep_id: string;
  /** The disputing rep's team when filed: its manager decides. */
  team_id: string | null;
  kind: DisputeKind;
  /** The disputed rule decision (R12): rule-set version, rules fired, facts. */
  decision_record_id: string;
  /** The owner change it concerns (an assignment or a reclaim), if any. */
  ownership_event_id: string | null;
  /** The other side: the rep the customer went to (assignment), if any. */
  other_rep_id: string | null;
  decision: string;
  rule_set_id: string | null;
  rule_set_version: number | null;
  /** The rule that fired (its name, or #n), null when none did. */
  rule_name: string | null;
  /** When the disputed decision was taken: the window counts from here. */
  disputed_at: Timestamp;
  reason: string;
  status: DisputeStatus;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  comment: string | null;
  filed_at: Timestamp;
  /** Who is deciding it right now (the customer being moved), under which token, until when at most. */
  deciding_by: string | null;
  deciding_token: string | null;
  deciding_until: NullableTimestamp;
}
