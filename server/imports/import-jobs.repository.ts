// Import jobs, their staged uploads and per-row outcomes: queries only.
import type { Kysely, Selectable } from 'kysely';
import type { ImportOptions, ImportOutcome } from '../../schemas/imports.js';
import type { Actor } from '../auth/actor.js';
import type { Database } from '../db/database.js';
import type { ImportJobRowsTable, ImportJobsTable } from '../db/tables/imports.js';
import type { SheetFormat } from './spreadsheet.js';

export type ImportJobRecord = Selectable<ImportJobsTable>;
export type ImportJobRowRecord = Selectable<ImportJobRowsTable>;

export function findImportJob(db: Kysely<Database>, id: string): Promise<ImportJobRecord | undefined> {
  return db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function uploadOf(db: Kysely<Database>, uploadId: string) {
  return db.selectFrom('import_uploads').selectAll().where('id', '=', uploadId).executeTakeFirst();
}

/** Rows of a job in row order, from `after` on, optionally of one outcome. */
export function jobRows(db: Kysely<Database>, jobId: string, q: { outcome?: ImportOutcome | ImportOutcome[] | undefined; after?: number; limit: number }) {
  let query = db.selectFrom('import_job_rows').selectAll().where('job_id', '=', jobId);
  if (q.outcome) query = query.where('outcome', 'in', Array.isArray(q.outcome) ? q.outcome : [q.outcome]);
  if (q.after !== undefined) query = query.where('row_no', '>', q.after);
  return query.orderBy('row_no').limit(q.limit).execute();
}

/** Rows assigned to a rep whose tenure is still to start. */
export function pendingTenures(db: Kysely<Database>, jobId: string) {
  return db.selectFrom('import_job_rows').select(['row_no', 'customer_id', 'assignment']).where('job_id', '=', jobId).where('tenure', '=', 'pending').orderBy('row_no').execute();
}

/** Ends a job once: the status it ends in, if it was still running or queued. */
export async function endJob(db: Kysely<Database>, id: string, status: 'previewed' | 'completed' | 'cancelled' | 'failed', at: Date, error: string | null = null): Promise<boolean> {
  const done = await db
    .updateTable('import_jobs')
    .set({ status, finished_at: at, error })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .returning('id')
    .execute();
  return done.length > 0;
}

/** Drops uploads kept past their time (rows cascade); their jobs' reports stay. */
export async function dropExpiredUploads(db: Kysely<Database>, now: Date): Promise<void> {
  await db.deleteFrom('import_uploads').where('expires_at', '<', now).execute();
}

/** A new job: queued, from its first row. */
export async function insertImportJob(
  db: Kysely<Database>,
  p: {
    id: string;
    uploadId: string;
    fileName: string;
    format: SheetFormat;
    mode: 'preview' | 'commit';
    options: ImportOptions;
    mapped: { mapping: Record<string, string>; unmapped: string[] };
    rowsTotal: number;
    actor: Actor;
    previewJobId: string | null;
    now: Date;
    expiresAt: Date;
  },
): Promise<void> {
  const row = {
    id: p.id,
    upload_id: p.uploadId,
    file_name: p.fileName,
    format: p.format,
    mode: p.mode,
    status: 'queued' as const,
    options: JSON.stringify(p.options),
    mapping: JSON.stringify(p.mapped.mapping),
    unmapped_columns: JSON.stringify(p.mapped.unmapped),
    rows_total: p.rowsTotal,
    next_row: 2,
    created_by: p.actor.repId,
    team_id: p.actor.teamId,
    preview_job_id: p.previewJobId,
    committed_job_id: null,
    error: null,
    created_at: p.now,
    upload_expires_at: p.expiresAt,
  };
  await db.insertInto('import_jobs').values(row).execute();
}
