// Collaborators, joint follow-ups and contributions (issue 15 §1).
import type { NullableTimestamp, Timestamp } from './columns.js';

export interface JointFollowUpsTable {
  id: string;
  customer_id: string;
  opened_by: string;
  opened_at: Timestamp;
  note: string | null;
  closed_by: string | null;
  closed_at: NullableTimestamp;
  /** What the assignment rules decided at the close: picked rep or pool, with the reason. */
  outcome: unknown;
}

export interface CollaboratorsTable {
  id: string;
  customer_id: string;
  rep_id: string;
  /** Set when the rep joined a joint follow-up rather than being added. */
  joint_id: string | null;
  added_by: string;
  added_at: Timestamp;
  removed_by: string | null;
  removed_at: NullableTimestamp;
}

export interface ContributionsTable {
  id: string;
  customer_id: string;
  occasion: 'won' | 'joint_closed';
  joint_id: string | null;
  rep_id: string;
  role: 'owner' | 'collaborator';
  follow_ups: number;
  stages: number;
  approved_quotes: number;
  /** Numeric in Postgres: read back as a string. */
  share: string | number;
  recorded_at: Timestamp;
}
