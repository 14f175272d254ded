// What an import's batches are made of (import-batch.ts): a row's result, a decided batch, and what
// a run of batches carries from one batch to the next.
import { CONTACT_DETAILS } from '../customers/detail-columns.js';
import type { Kysely } from 'kysely';
import type { ImportOutcome } from '../../schemas/imports.js';
import type { PickReason } from '../../schemas/pick-reason.js';
import type { Customer, Database, NewCustomer } from '../db/database.js';
import type { Decisions } from '../decisions/decider.js';
import type { Identity } from '../customers/identity.js';
import type { BatchDecider } from './batch-decisions.js';
import type { RowError } from './row-input.js';

export interface RowResult {
  row_no: number;
  outcome: ImportOutcome;
  customer_id: string | null;
  duplicate_of: { customerId: string | null; row?: number; matchedOn: string[] } | null;
  errors: RowError[] | null;
  assignment: { status: 'assigned' | 'pool'; repId: string | null; reason: string; why: PickReason } | null;
  filled_fields: string[] | null;
  tenure: 'pending' | null;
}

/** Customer fields an import may fill on an existing customer (when empty), with their columns. */
export const FILLABLE = CONTACT_DETAILS;
export type Fillable = keyof typeof FILLABLE;

export const keyOf = (i: Identity) => `${i.kind}:${i.value}`;

export interface BatchDeps {
  db: Kysely<Database>;
  decisions: Decisions;
  now: Date;
}

/** What a run of batches carries from one batch to the next (nothing of it is written yet when the next is decided). */
export interface Carry {
  decider: BatchDecider;
  /** Identities of the customers the run's earlier batches created or filled: key → customer. */
  identities: Map<string, string>;
  /** A preview's identities claimed by the run's earlier batches: key → row. */
  claimed: Map<string, number>;
  /** Existing customers as the run's earlier batches filled them. */
  current: Map<string, Customer>;
}

/** One batch decided, to be written. */
export interface Decided {
  fromRow: number;
  nextRow: number;
  results: RowResult[];
  newCustomers: NewCustomer[];
  newIdentities: (Identity & { customer_id: string })[];
  decisionRows: ReturnType<BatchDecider['grade']>['row'][];
  fills: Fill[];
  claims: { key: string; row_no: number }[];
  /** Round-robin cursors as they stand after this batch. */
  cursors: Map<string, string>;
}

export type Fill = { id: string; set: Partial<Record<string, string>>; fields: Fillable[]; row_no: number; identities: Identity[] };

/** A row's outcome, every field present (one object shape for all rows). */
export function rowResult(row_no: number, outcome: ImportOutcome, r: Partial<Omit<RowResult, 'row_no' | 'outcome'>> = {}): RowResult {
  return {
    row_no,
    outcome,
    customer_id: r.customer_id ?? null,
    duplicate_of: r.duplicate_of ?? null,
    errors: r.errors ?? null,
    assignment: r.assignment ?? null,
    filled_fields: r.filled_fields ?? null,
    tenure: r.tenure ?? null,
  };
}
