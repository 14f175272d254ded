// The rows an import's similar-names phase compares (similar-names.ts): the created rows from the
// job's cursor on, with their company names' keys.
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { ImportOptions } from '../../schemas/imports.js';
import type { Database } from '../db/database.js';
import { nameKey, type NameKey } from '../names/name-key.js';
import type { ImportJobRecord } from './import-jobs.repository.js';
import { rowReader } from './row-input.js';

export interface Candidate {
  rowNo: number;
  /** The row's own customer (a commit); null in a preview. */
  customerId: string | null;
  /** Null: nothing to compare (the customer is gone, or the staged row no longer reads). */
  key: NameKey | null;
}

/** The job's created rows (`r`) from its similar-names cursor on, in file order, `limit` of them. */
const fromCursor =
  (job: ImportJobRecord, limit: number) =>
  <Q extends SelectQueryBuilder<Database & { r: Database['import_job_rows'] }, 'r', object>>(q: Q): Q =>
    q.where('r.job_id', '=', job.id).where('r.outcome', '=', 'created').where('r.row_no', '>=', job.similar_next_row).orderBy('r.row_no').limit(limit) as Q;

/** The created rows from the job's cursor on, with their names' keys: a commit's from its customers, a preview's read from the staged rows. */
export async function candidates(db: Kysely<Database>, job: ImportJobRecord, headers: string[], limit: number): Promise<Candidate[]> {
  if (job.mode === 'commit') {
    const rows = await db
      .selectFrom('import_job_rows as r')
      .leftJoin('customers as c', 'c.id', 'r.customer_id')
      .select(['r.row_no', 'r.customer_id', 'c.name_key', 'c.name_trades', 'c.name_places', 'c.name_hanzi', 'c.company_name'])
      .$call(fromCursor(job, limit))
      .execute();
    return rows.map((r) => {
      if (!r.customer_id || r.company_name === null) return { rowNo: r.row_no, customerId: null, key: null };
      const key = r.name_key === null ? nameKey(r.company_name) : { key: r.name_key, trades: r.name_trades ?? '', places: r.name_places ?? '', hanzi: r.name_hanzi ?? '' };
      return { rowNo: r.row_no, customerId: r.customer_id, key };
    });
  }
  const options = job.options as unknown as ImportOptions;
  const reader = rowReader(headers, job.mapping, { source: options.source, poolId: options.poolId, country: options.country });
  const rows = await db
    .selectFrom('import_job_rows as r')
    .innerJoin('import_upload_rows as u', (j) => j.on('u.upload_id', '=', job.upload_id).onRef('u.row_no', '=', 'r.row_no'))
    .select(['r.row_no', 'u.cells'])
    .$call(fromCursor(job, limit))
    .execute();
  return rows.map((r) => {
    const parsed = reader.read(r.cells);
    return { rowNo: r.row_no, customerId: null, key: parsed.ok ? nameKey(parsed.body.companyName) : null };
  });
}
