// An import job and its rows as the API shows them: its progress and phase, the first rows of each
// outcome, and the company name the upload gives a row without a customer (while the upload is kept).
import type { Kysely } from 'kysely';
import { IMPORT_OUTCOMES, type ImportJob, type ImportOptions, type ImportRow } from '../../schemas/imports.js';
import type { Language } from '../../schemas/language.js';
import type { Actor } from '../auth/actor.js';
import type { Clock } from '../clock.js';
import { repNames } from '../customers/rep-names.repository.js';
import type { Database } from '../db/database.js';
import { type ImportJobRecord, jobRows, uploadOf } from './import-jobs.repository.js';
import { type SeenRow, rowsSeenBy } from './report-access.js';
import { unmarked } from './row-input.js';

/** The first rows of each outcome a job's view shows. */
const SAMPLES = 20;

/** `uploaded`: the company names the upload gives the rows, by row number. */
export function rowView(r: SeenRow, uploaded?: ReadonlyMap<number, string>): ImportRow {
  const name = uploaded?.get(r.row_no);
  return {
    row: r.row_no,
    outcome: r.outcome,
    ...(r.customer_id ? { customerId: r.customer_id } : {}),
    ...(r.company_name ? { companyName: r.company_name } : {}),
    // Only for rows without a customer: one with a customer is named as the reader may read it (report-access.ts).
    ...(name && !r.customer_id ? { uploadedCompanyName: name } : {}),
    ...(r.duplicate_of ? { duplicateOf: r.duplicate_of } : {}),
    ...(r.errors ? { errors: r.errors.map(({ column, field, message, code }) => ({ column, field, message, ...(code ? { code } : {}) })) } : {}),
    ...(r.assignment ? { assignment: r.assignment } : {}),
    ...(r.filled_fields ? { filledFields: r.filled_fields } : {}),
    ...(r.possible_duplicates ? { possibleDuplicates: r.possible_duplicates } : {}),
  };
}

/** The company names the job's upload gives `rows` (its company column's cells), while the upload is kept; none once it expired. */
export async function uploadedNames(db: Kysely<Database>, job: ImportJobRecord, rows: readonly { row_no: number }[]): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  if (rows.length === 0) return names;
  const upload = await uploadOf(db, job.upload_id);
  const header = Object.entries(job.mapping).find(([, field]) => field === 'companyName')?.[0];
  const index = upload && header !== undefined ? upload.headers.indexOf(header) : -1;
  if (index < 0) return names;
  const cells = await db
    .selectFrom('import_upload_rows')
    .select(['row_no', 'cells'])
    .where('upload_id', '=', job.upload_id)
    .where('row_no', 'in', rows.map((r) => r.row_no))
    .execute();
  for (const r of cells) {
    const value = unmarked((r.cells as unknown as string[])[index] ?? '').trim();
    if (value && !value.startsWith('=')) names.set(r.row_no, value);
  }
  return names;
}

/** The job as the API shows it to `actor`; `clock` gives the end of a running job's rows phase. */
export async function jobView(db: Kysely<Database>, clock: Clock, actor: Actor, job: ImportJobRecord, language: Language): Promise<ImportJob> {
  // The first rows of each outcome, each read from the (job, outcome, row) index: cheap to poll on a 100,000-row job.
  const samples: ImportJob['samples'] = { created: [], duplicate: [], updated: [], refused: [] };
  const firstRows = await Promise.all(IMPORT_OUTCOMES.map((outcome) => jobRows(db, job.id, { outcome, limit: SAMPLES })));
  const seen = await rowsSeenBy(db, actor, firstRows.flat(), language);
  const names = await uploadedNames(db, job, seen);
  for (const r of seen) samples[r.outcome].push(rowView(r, names));
  // The rows' speed is over the rows' phase (the similar-names phase runs beside it and ends after it).
  const end = job.rows_done_at ?? job.finished_at ?? clock.now();
  const seconds = job.started_at ? Math.max(0.001, (end.getTime() - job.started_at.getTime()) / 1000) : 0;
  return {
    id: job.id,
    file: job.file_name,
    format: job.format,
    mode: job.mode,
    status: job.status,
    options: job.options as unknown as ImportOptions,
    mapping: job.mapping,
    unmappedColumns: job.unmapped_columns,
    progress: {
      rowsTotal: job.rows_total,
      rowsRead: job.rows_done,
      created: job.created,
      duplicates: job.duplicates,
      updated: job.updated,
      refused: job.refused,
      assigned: job.assigned,
      percent: job.rows_total === 0 ? 100 : Math.floor((job.rows_done / job.rows_total) * 1000) / 10,
      rowsPerSecond: seconds > 0 ? Math.round(job.rows_done / seconds) : 0,
      phase: job.status !== 'queued' && job.status !== 'running' ? 'done' : job.rows_done_at ? 'similar' : 'rows',
      similarChecked: job.similar_checked,
      similarTotal: job.created,
    },
    samples,
    createdBy: job.created_by,
    createdByName: (await repNames(db, [job.created_by])).get(job.created_by) ?? null,
    createdAt: job.created_at.toISOString(),
    startedAt: job.started_at?.toISOString() ?? null,
    finishedAt: job.finished_at?.toISOString() ?? null,
    rowsDoneAt: job.rows_done_at?.toISOString() ?? null,
    uploadExpiresAt: job.upload_expires_at.toISOString(),
    committedJobId: job.committed_job_id,
    previewJobId: job.preview_job_id,
    error: job.error,
  };
}
