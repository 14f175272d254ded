// Import jobs (R11): the staged upload, the jobs processing it and their per-row outcomes.
import type { PickReason } from '../../../schemas/pick-reason.js';
import type { ColumnType, Generated } from 'kysely';
import type { ImportJobStatus, ImportOutcome } from '../../../schemas/imports.js';
import type { NullableTimestamp, Timestamp } from './columns.js';

type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

export interface ImportUploadsTable {
  id: string;
  file_name: string;
  format: 'csv' | 'xlsx';
  headers: Json<string[]>;
  rows_total: number;
  created_by: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface ImportUploadRowsTable {
  upload_id: string;
  /** The spreadsheet row number (the header is 1). */
  row_no: number;
  /** The cells in the order of the upload's headers. */
  cells: Json<string[]>;
}

export interface ImportJobsTable {
  id: string;
  upload_id: string;
  file_name: string;
  format: 'csv' | 'xlsx';
  mode: 'preview' | 'commit';
  status: ImportJobStatus;
  options: Json<Record<string, unknown>>;
  mapping: Json<Record<string, string>>;
  unmapped_columns: Json<string[]>;
  rows_total: number;
  /** The first row number not yet processed; advanced in the transaction that records a batch. */
  next_row: number;
  rows_done: Generated<number>;
  created: Generated<number>;
  duplicates: Generated<number>;
  updated: Generated<number>;
  refused: Generated<number>;
  assigned: Generated<number>;
  cancel_requested: Generated<boolean>;
  created_by: string;
  team_id: string | null;
  preview_job_id: string | null;
  committed_job_id: string | null;
  error: string | null;
  created_at: Timestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  upload_expires_at: Timestamp;
  /** When the last row was recorded (and the tenures started); the similar-names phase follows. */
  rows_done_at: NullableTimestamp;
  /** The similar-names phase: the first created row not yet compared. */
  similar_next_row: Generated<number>;
  /** The similar-names phase: created rows compared so far. */
  similar_checked: Generated<number>;
}

export interface ImportJobRowsTable {
  job_id: string;
  row_no: number;
  outcome: ImportOutcome;
  customer_id: string | null;
  duplicate_of: NullableJson<{ customerId: string | null; row?: number; matchedOn: string[] }>;
  errors: NullableJson<{ column: string | null; field: string; message: string; code?: string; params?: Record<string, string | number | null> }[]>;
  /** `why`: the reason as a code with its values (schemas/pick-reason), in rows written since it was stored. */
  assignment: NullableJson<{ status: 'assigned' | 'pool'; repId: string | null; reason: string; why?: PickReason }>;
  filled_fields: NullableJson<string[]>;
  /** Set by the similar-names phase (similar company names); null until then or when none. */
  possible_duplicates: NullableJson<{ customerId: string; companyName: string; score: number; row?: number }[]>;
  /** A row assigned to a rep: its tenure still to start, started, or refused (the customer stayed in the pool). */
  tenure: 'pending' | 'started' | 'refused' | null;
}

export interface ImportClaimsTable {
  job_id: string;
  key: string;
  row_no: number;
}
