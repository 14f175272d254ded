// Handover and bulk-move jobs (R16) and their per-customer items.
import type { ColumnType } from 'kysely';
import type { NullableTimestamp, Timestamp } from './columns.js';
import type { HandoverOutcome, HandoverPlan } from '../../../schemas/handovers.js';

export interface HandoverJobsTable {
  id: string;
  kind: 'handover' | 'bulk';
  /** The departing rep (handovers only). */
  from_rep_id: string | null;
  /** The departing rep's team when the job started: its manager may follow the job. */
  team_id: string | null;
  started_by: string;
  options: ColumnType<Record<string, unknown>, string, string>;
  status: 'running' | 'completed';
  created_at: Timestamp;
  finished_at: NullableTimestamp;
}

export interface HandoverItemsTable {
  job_id: string;
  customer_id: string;
  plan: HandoverPlan;
  target_rep_id: string | null;
  target_pool_id: string | null;
  /** A bulk move's: the owner the job was planned for (a handover's is the job's departing rep); null before migration 0008. */
  planned_owner_id: string | null;
  outcome: HandoverOutcome;
  to_rep_id: string | null;
  pool_id: string | null;
  code: string | null;
  message: string | null;
  done_at: NullableTimestamp;
}
