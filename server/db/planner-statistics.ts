// The planner's statistics after a bulk write under a new key (an upload's staged rows, an import
// job's first recorded batch). Until the table is analysed again, the planner takes the new key
// for a handful of rows, so it reads every row under the key to sort out a page of them: on a
// 100,000-row import, a progress poll's first rows of an outcome cost 50–70 ms instead of under
// 1 ms, a batch's staged rows were read to the end of the upload each time, and the similar-names
// phase's updates scanned the whole job. ANALYZE reads a sample (at most 30,000 rows: about 0.1 s
// on a 100,000-row table) and blocks no reader or writer.
import { type Kysely, sql } from 'kysely';
import type { Database } from './database.js';

/** Tables whose rows arrive in bulk under a new key (an upload, a job). */
export type BulkKeyedTable = 'import_upload_rows' | 'import_job_rows';

/**
 * Analyses `table` now; outside a transaction, so its lock is held for the analysis only. Only an
 * optimisation: a failure (a statement timeout on a very large table) leaves the old statistics.
 */
export async function refreshPlannerStatistics(db: Kysely<Database>, table: BulkKeyedTable): Promise<void> {
  await sql`analyze ${sql.table(table)}`.execute(db).catch(() => undefined);
}
