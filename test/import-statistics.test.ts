// An upload's staged rows and a job's recorded rows arrive in bulk under a key the planner's
// statistics have never seen (server/db/planner-statistics.ts). Left so, the planner takes the
// key for a handful of rows and reads every one of them to hand out a page: each progress poll's
// first rows of an outcome, and each batch's next staged rows, read to the end of the job or the
// upload (50–70 ms a poll on 100,000 rows). Here autovacuum is off for both tables, so only the
// import's own analysis can teach the planner; their statistics are those of the empty tables, as
// on a database whose earlier imports are gone.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness.js';
import { importAndWait } from './support/imports.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ importBatchSize: 500 });
  for (const table of ['import_job_rows', 'import_upload_rows']) {
    await sql`alter table ${sql.table(table)} set (autovacuum_enabled = false)`.execute(h.db);
    await sql`analyze ${sql.table(table)}`.execute(h.db);
  }
}, 120_000);
afterAll(() => h?.close());

interface PlanNode {
  'Node Type': string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

/** The rows the plan's scans read: those they returned and those they read and threw away. */
function rowsRead(node: PlanNode): number {
  const own = /Scan/.test(node['Node Type']) ? (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0)) * node['Actual Loops'] : 0;
  return own + (node.Plans ?? []).reduce((n, p) => n + rowsRead(p), 0);
}

/** The rows the planner expects the query to answer. */
async function estimateOf(query: { explain: (format: 'json') => Promise<unknown[]> }): Promise<number> {
  const [row] = (await query.explain('json')) as { 'QUERY PLAN': { Plan: { 'Plan Rows': number } }[] }[];
  return row!['QUERY PLAN'][0]!.Plan['Plan Rows'];
}

async function readsOf(query: { explain: (format: 'json', options: ReturnType<typeof sql>) => Promise<unknown[]> }): Promise<number> {
  const [row] = (await query.explain('json', sql`analyze`)) as { 'QUERY PLAN': { Plan: PlanNode }[] }[];
  return rowsRead(row!['QUERY PLAN'][0]!.Plan);
}

describe('a 3,000-row import', () => {
  it('is read page by page through its indexes: progress samples and staged rows, not every row under the job', async () => {
    const lines = ['Company,E-mail,Country'];
    for (let i = 0; i < 3000; i++) lines.push(`Planner Sample ${String(i).padStart(4, '0')} Trading Ltd,buyer${i}@planner-${i}.example,DE`);
    // A third of the rows repeat an earlier one, so each outcome holds many rows.
    for (let i = 0; i < 1500; i++) lines.push(`Planner Sample ${String(i).padStart(4, '0')} Trading Ltd,,DE`);
    const { job } = await importAndWait(h, new Blob([`${lines.join('\n')}\n`], { type: 'text/csv' }), 'planner.csv');
    expect(job.status).toBe('completed');
    expect(job.progress).toMatchObject({ created: 3000, duplicates: 1500 });

    // The planner knows how many rows the job and its upload hold (within a factor of two).
    const { upload_id } = await h.db.selectFrom('import_jobs').select('upload_id').where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(await estimateOf(h.db.selectFrom('import_job_rows').select('row_no').where('job_id', '=', job.id))).toBeGreaterThan(2250);
    expect(await estimateOf(h.db.selectFrom('import_upload_rows').select('row_no').where('upload_id', '=', upload_id))).toBeGreaterThan(2250);

    // GET /imports/{id}'s first rows of each outcome (import-jobs.repository.ts jobRows), as a poll reads them.
    for (const outcome of ['created', 'duplicate', 'refused', 'updated'] as const) {
      const sample = h.db.selectFrom('import_job_rows').selectAll().where('job_id', '=', job.id).where('outcome', 'in', [outcome]).orderBy('row_no').limit(6);
      expect(await readsOf(sample), outcome).toBeLessThanOrEqual(20);
    }
    // A batch's next staged rows (import-batch.ts decideBatch), from the middle of the upload.
    const staged = h.db.selectFrom('import_upload_rows').select(['row_no', 'cells']).where('upload_id', '=', upload_id).where('row_no', '>=', 1002).orderBy('row_no').limit(500);
    expect(await readsOf(staged)).toBeLessThanOrEqual(520);
  }, 120_000);
});
