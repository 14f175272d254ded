// A batch of an import decided while a customer is created by hand with one of its rows'
// identities: the batch's look-up found the identity free, its write finds it taken. The hand-made
// customer wins; the row is reported as its duplicate, its own customer and decisions are taken
// back, and the batch's other rows are recorded as decided (real Postgres, the batch run as the
// worker's activity runs it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../server/db/database.js';
import { newId } from '../server/ids.js';
import { customerIdentities } from '../server/customers/identity.js';
import { insertCustomerWithIdentities } from '../server/customers/customers.repository.js';
import { newPoolCustomer } from '../server/customers/new-customer.js';
import { findImportJob, uploadOf } from '../server/imports/import-jobs.repository.js';
import { runBatches } from '../server/imports/import-batch.js';
import { createHarness, type Harness } from './support/harness.js';
import { upload } from './support/imports.js';

describe.each(['postgres', 'pglite'] as const)('on %s', (database) => {
  let h: Harness;
  beforeAll(async () => {
    // No worker: the job waits, and the test runs its batches itself.
    h = await createHarness({ worker: false, database });
  }, 120_000);
  afterAll(() => h?.close());

  /** The database, with `before` run once just before the first transaction begins. */
  function withFirstTransaction(db: Kysely<Database>, before: () => Promise<void>): Kysely<Database> {
    let done = false;
    return new Proxy(db, {
      get(target, prop) {
        if (prop !== 'transaction') {
          const value = Reflect.get(target, prop, target);
          return typeof value === 'function' ? value.bind(target) : value;
        }
        return () => {
          const builder = target.transaction();
          return {
            execute: async <T>(fn: (tx: never) => Promise<T>) => {
              if (!done) {
                done = true;
                await before();
              }
              return builder.execute(fn as never);
            },
          };
        };
      },
    });
  }

  async function createByHand(companyName: string, email: string) {
    const id = newId();
    const now = new Date();
    await h.db.transaction().execute(async (tx) => {
      const customer = newPoolCustomer({ companyName, email } as never, { id, poolId: 'default', createdBy: 'admin', now });
      const { conflicts } = await insertCustomerWithIdentities(tx, customer as never, customerIdentities({ companyName, email }));
      if (conflicts.length > 0) throw new Error(`not free: ${JSON.stringify(conflicts)}`);
    });
    return id;
  }

  describe('an import batch that loses an identity to a concurrent create', () => {
    it.each([
      ['the company name', (n: string) => ({ name: `Race Winner ${n} Trading Co., Ltd.`, email: `other${n}@hand.example` })],
      ['the e-mail', (n: string) => ({ name: `Someone Else ${n} Ltd.`, email: `race${n}@import.example` })],
    ])('on %s: the row becomes the duplicate of the customer created first, the rest of the batch is recorded once', async (_on, taken) => {
      const tag = newId().slice(-6);
      const lines = ['Company,Email,Country'];
      for (let i = 0; i < 30; i++) lines.push(`"Race Winner ${tag}${i} Trading Co., Ltd.",race${tag}${i}@import.example,DE`);
      const csv = lines.join('\n');
      const res = await upload(h, new Blob([csv], { type: 'text/csv' }), 'race.csv', { assign: 'false' });
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      await h.db.updateTable('import_jobs').set({ status: 'running', started_at: new Date() }).where('id', '=', res.body.id).execute();
      const job = (await findImportJob(h.db, res.body.id))!;
      const upl = (await uploadOf(h.db, job.upload_id))!;

      const raced = 7;
      const t = taken(`${tag}${raced}`);
      let winner = '';
      // Every statement run, to see which way the identities went in.
      const statements: string[] = [];
      const recorded = h.db.withPlugin({
        transformQuery: (args) => {
          statements.push(JSON.stringify(args.node));
          return args.node;
        },
        transformResult: async (args) => args.result,
      });
      const db = withFirstTransaction(recorded, async () => {
        winner = await createByHand(t.name, t.email);
      });
      const run = await runBatches({ db, decisions: h.decisions, now: new Date() }, job, upl.headers, 100, 30_000);

      // The batch's write met the taken identity: its plain insert was rolled back and done again.
      expect(statements.filter((q) => q.includes('rollback to savepoint identities'))).toHaveLength(1);
      // The batch is recorded, with the raced row as the winner's duplicate.
      const rows = await h.db.selectFrom('import_job_rows').selectAll().where('job_id', '=', job.id).orderBy('row_no').execute();
      expect(rows).toHaveLength(30);
      const racedRow = rows[raced]!;
      expect(racedRow.outcome).toBe('duplicate');
      expect(racedRow.customer_id).toBeNull();
      expect((racedRow.duplicate_of as { customerId: string }).customerId).toBe(winner);
      expect(rows.filter((r) => r.outcome === 'created')).toHaveLength(29);
      expect(run.results.find((r) => r.row_no === racedRow.row_no)?.outcome).toBe('duplicate');

      // Nothing of the taken-back customer is left; each created row's customer exists once, with its decisions.
      const mine = await h.db.selectFrom('customers').select(['id', 'company_name']).where('created_at', '>=', job.created_at).where('company_name', 'like', `Race Winner ${tag}%`).where('id', '!=', winner).execute();
      expect(mine.map((c) => c.id).sort()).toEqual(rows.filter((r) => r.outcome === 'created').map((r) => r.customer_id).sort());
      for (const i of customerIdentities({ companyName: t.name, email: t.email })) {
        const holders = await h.db.selectFrom('customer_identities').select('customer_id').where('kind', '=', i.kind).where('value', '=', i.value).execute();
        expect(holders, `${i.kind} ${i.value}`).toEqual([{ customer_id: winner }]);
      }
      const decided = await h.db.selectFrom('decision_records').select('customer_id').where('customer_id', 'in', rows.flatMap((r) => (r.customer_id ? [r.customer_id] : []))).execute();
      expect(new Set(decided.map((d) => d.customer_id)).size).toBe(29);
      const orphans = await h.db
        .selectFrom('decision_records')
        .select('id')
        .where('trigger', '=', 'import')
        .where('customer_id', 'not in', h.db.selectFrom('customers').select('id'))
        .execute();
      expect(orphans).toEqual([]);
      const counts = await h.db.selectFrom('import_jobs').select(['created', 'duplicates', 'rows_done', 'next_row']).where('id', '=', job.id).executeTakeFirstOrThrow();
      expect(counts).toMatchObject({ created: 29, duplicates: 1, rows_done: 30 });
    });
  });
});
