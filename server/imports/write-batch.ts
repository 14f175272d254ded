// An import batch recorded (import-batch.ts): in one transaction, if the job still expects it, its
// customers, identities, decision records, filled fields and row results, and the job's next row.
import { type Kysely, sql } from 'kysely';
import { newId } from '../ids.js';
import { systemNote } from '../customers/activity-notes.js';
import type { ImportOutcome } from '../../schemas/imports.js';
import type { Database } from '../db/database.js';
import type { Identity } from '../customers/identity.js';
import type { ImportJobRecord } from './import-jobs.repository.js';
import { insertDecisionRecords, insertIdentities, insertMany } from './bulk-insert.js';
import { type BatchDeps, type Decided, FILLABLE, keyOf, type RowResult } from './batch-types.js';

/**
 * Records a decided batch in one transaction, if the job still expects it. Answers how it went:
 * `written`; `settled` (written, but a concurrent create took some of its identities first, so
 * what the run carries is no longer so); `stale` (another attempt recorded it, or the job is no
 * longer running or is being cancelled: nothing written).
 */
export async function writeBatch(deps: BatchDeps, job: ImportJobRecord, batch: Decided): Promise<'written' | 'settled' | 'stale'> {
  const { db, now } = deps;
  const preview = job.mode === 'preview';
  const { results, decisionRows } = batch;
  return db.transaction().execute(async (tx) => {
    const locked = await tx.selectFrom('import_jobs').select(['next_row', 'status', 'cancel_requested']).where('id', '=', job.id).forUpdate().executeTakeFirst();
    if (!locked || locked.next_row !== batch.fromRow || locked.status !== 'running' || locked.cancel_requested) return 'stale';
    let lost = new Set<string>();
    if (!preview) {
      await insertMany(tx, 'customers', batch.newCustomers as unknown as Record<string, unknown>[]);
      // Identities: a concurrent create that took one first wins; this row's customer is taken back and reported as its duplicate.
      const inserted = await insertIdentities(tx, batch.newIdentities);
      lost = inserted === 'all' ? new Set() : new Set(batch.newIdentities.filter((i) => !inserted.has(keyOf(i))).map((i) => i.customer_id));
      if (lost.size > 0) await settleLostRaces(tx, lost, batch.newIdentities, results, decisionRows);
      await insertDecisionRecords(tx, decisionRows);
      await applyFills(tx, job, batch.fills, now);
    } else {
      await insertMany(tx, 'import_claims', batch.claims.map((c) => ({ job_id: job.id, ...c })));
    }
    await insertMany(
      tx,
      'import_job_rows',
      results.map((r) => ({
        job_id: job.id,
        row_no: r.row_no,
        outcome: r.outcome,
        customer_id: r.customer_id,
        duplicate_of: r.duplicate_of ? JSON.stringify(r.duplicate_of) : null,
        errors: r.errors ? JSON.stringify(r.errors) : null,
        assignment: r.assignment ? JSON.stringify(r.assignment) : null,
        filled_fields: r.filled_fields ? JSON.stringify(r.filled_fields) : null,
        // Written by the similar-names phase, beside the rows (similar-names.ts).
        possible_duplicates: null,
        tenure: r.tenure,
      })),
    );
    const count = (o: ImportOutcome) => results.filter((r) => r.outcome === o).length;
    await tx
      .updateTable('import_jobs')
      .set((eb) => ({
        next_row: batch.nextRow,
        rows_done: eb('rows_done', '+', results.length),
        created: eb('created', '+', count('created')),
        duplicates: eb('duplicates', '+', count('duplicate')),
        updated: eb('updated', '+', count('updated')),
        refused: eb('refused', '+', count('refused')),
        assigned: eb('assigned', '+', results.filter((r) => r.assignment?.status === 'assigned').length),
      }))
      .where('id', '=', job.id)
      .execute();
    if (!preview) {
      for (const [key, last] of batch.cursors) {
        await tx
          .insertInto('assignment_cursors')
          .values({ key, last_rep_id: last, updated_at: now })
          .onConflict((oc) => oc.column('key').doUpdateSet({ last_rep_id: last, updated_at: now }))
          .execute();
      }
    }
    return lost.size > 0 ? 'settled' : 'written';
  });
}

/** Rows whose customer lost an identity to a concurrent create: the customer is removed and the row reported as the winner's duplicate. */
async function settleLostRaces(tx: Kysely<Database>, lost: Set<string>, identities: (Identity & { customer_id: string })[], results: RowResult[], decisionRows: { customer_id: string | null }[]) {
  const ids = [...lost];
  await tx.deleteFrom('customer_identities').where('customer_id', 'in', ids).execute();
  await tx.deleteFrom('customers').where('id', 'in', ids).execute();
  for (let i = decisionRows.length - 1; i >= 0; i--) if (decisionRows[i]!.customer_id && lost.has(decisionRows[i]!.customer_id!)) decisionRows.splice(i, 1);
  for (const r of results) {
    if (!r.customer_id || !lost.has(r.customer_id) || r.outcome !== 'created') continue;
    const mine = identities.filter((i) => i.customer_id === r.customer_id);
    const winners = await tx
      .selectFrom('customer_identities')
      .select(['customer_id', 'kind'])
      .where((eb) => eb.or(mine.map((i) => eb.and([eb('kind', '=', i.kind), eb('value', '=', i.value)]))))
      .execute();
    const winner = winners[0]?.customer_id ?? null;
    Object.assign(r, { outcome: 'duplicate', customer_id: null, assignment: null, tenure: null, duplicate_of: { customerId: winner, matchedOn: winners.filter((w) => w.customer_id === winner).map((w) => w.kind) } });
  }
}

/** Fills existing customers' empty fields, claims the filled identities, and records it in each customer's history. */
async function applyFills(tx: Kysely<Database>, job: ImportJobRecord, fills: { id: string; set: Partial<Record<string, string>>; fields: string[]; row_no: number; identities: Identity[] }[], now: Date) {
  if (fills.length === 0) return;
  // One update per customer: later rows of the batch only filled what earlier ones left empty.
  const merged = new Map<string, Record<string, string>>();
  for (const f of fills) merged.set(f.id, { ...merged.get(f.id), ...(f.set as Record<string, string>) });
  const payload = JSON.stringify([...merged].map(([id, set]) => ({ id, ...set })));
  const cols = Object.values(FILLABLE);
  await sql`
    update customers c set
      ${sql.join(cols.map((col) => sql`${sql.ref(col)} = coalesce(nullif(c.${sql.ref(col)}, ''), v.${sql.ref(col)})`))},
      updated_at = ${now}, version = c.version + 1
    from jsonb_to_recordset(${payload}::jsonb) as v(id text, ${sql.join(cols.map((col) => sql`${sql.ref(col)} text`))})
    where c.id = v.id`.execute(tx);
  const identities = fills.flatMap((f) => f.identities.map((i) => ({ ...i, customer_id: f.id })));
  // In slices: one parameter a value, and a batch of fills can hold more than PGlite takes in one statement (pglite-connection.ts).
  for (let i = 0; i < identities.length; i += 2000) {
    await tx.insertInto('customer_identities').values(identities.slice(i, i + 2000)).onConflict((oc) => oc.columns(['kind', 'value']).doNothing()).execute();
  }
  await insertMany(
    tx,
    'customer_activities',
    fills.map((f) => ({
      id: newId(),
      customer_id: f.id,
      rep_id: job.created_by,
      kind: 'import_filled',
      ...systemNote({ key: 'import_filled', fileName: job.file_name, row: f.row_no, fields: f.fields }),
      occurred_at: now,
      tenure_id: null,
      idempotency_key: `import/${job.id}/${f.row_no}`,
      created_at: now,
    })),
  );
}
