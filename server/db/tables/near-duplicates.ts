// Near-duplicate pairs (and their dismissals) and the audit of reps' duplicate look-ups.
import type { NullableTimestamp, Timestamp } from './columns.js';

export interface DuplicatePairsTable {
  /** The smaller id of the pair. */
  customer_a: string;
  customer_b: string;
  score: number;
  found_at: Timestamp;
  dismissed_by: string | null;
  dismissed_at: NullableTimestamp;
}

export interface CustomerLookupsTable {
  id: string;
  rep_id: string;
  query: string;
  /** What the query was read as: name, email, phone, domain. */
  kinds: string[];
  matches: number;
  at: Timestamp;
}
