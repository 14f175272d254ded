// An import decides each batch while the one before it is still being written (import-batch.ts):
// what a batch needs from the batches before it (the customers they created, the identities a
// preview claimed, the fields they filled, the reps' loads) must come through, whatever the
// batch boundaries. Batches of two rows here, so every case crosses one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness.js';
import { importAndWait } from './support/imports.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ importBatchSize: 2, assignment: 'shipped' });
}, 120_000);
afterAll(() => h?.close());

const csv = (lines: string[]) => new Blob([lines.join('\n') + '\n'], { type: 'text/csv' });
const customersNamed = async (prefix: string) =>
  h.db.selectFrom('customers').select(['id', 'company_name', 'owner_id', 'contact_name', 'phone', 'email']).where('company_name', 'like', `${prefix}%`).orderBy('company_name').execute();

describe('rows repeated across batches', () => {
  const file = () =>
    csv([
      'Company,E-mail,Country',
      'Across A Ltd,a@across-a.example,DE', // row 2, batch 1
      'Across B Ltd,b@across-b.example,DE', // row 3, batch 1
      'Across C Ltd,c@across-c.example,DE', // row 4, batch 2
      'Across A Ltd,,DE', // row 5, batch 2: row 2 by name
      'Other Name Ltd,b@across-b.example,DE', // row 6, batch 3: row 3 by e-mail
      'Across C Ltd,c@across-c.example,DE', // row 7, batch 3: row 4 by both
    ]);

  it('in a preview, are duplicates of the earlier rows, and nothing is written', async () => {
    const { job, rows } = await importAndWait(h, file(), 'across.csv', { mode: 'preview' });
    expect(job.status).toBe('previewed');
    expect(rows.map((r) => [r.row, r.outcome, r.duplicateOf ?? null])).toEqual([
      [2, 'created', null],
      [3, 'created', null],
      [4, 'created', null],
      [5, 'duplicate', { customerId: null, row: 2, matchedOn: ['name'] }],
      [6, 'duplicate', { customerId: null, row: 3, matchedOn: ['email'] }],
      [7, 'duplicate', { customerId: null, row: 4, matchedOn: ['name', 'email'] }],
    ]);
    expect(await customersNamed('Across')).toEqual([]);
  });

  it('in a commit, are duplicates of the customers the earlier batches created, each created once', async () => {
    const { job, rows } = await importAndWait(h, file(), 'across.csv');
    expect(job.status).toBe('completed');
    expect(job.progress).toMatchObject({ created: 3, duplicates: 3 });
    const created = await customersNamed('Across');
    expect(created.map((c) => c.company_name)).toEqual(['Across A Ltd', 'Across B Ltd', 'Across C Ltd']);
    const idOf = (name: string) => created.find((c) => c.company_name === name)!.id;
    expect(rows.map((r) => [r.row, r.outcome, r.customerId ?? r.duplicateOf?.customerId])).toEqual([
      [2, 'created', idOf('Across A Ltd')],
      [3, 'created', idOf('Across B Ltd')],
      [4, 'created', idOf('Across C Ltd')],
      [5, 'duplicate', idOf('Across A Ltd')],
      [6, 'duplicate', idOf('Across B Ltd')],
      [7, 'duplicate', idOf('Across C Ltd')],
    ]);
    expect(rows[5].duplicateOf.matchedOn).toEqual(['name', 'email']);
    expect(await customersNamed('Other Name')).toEqual([]);
  });
});

describe('an existing customer filled by rows in different batches', () => {
  it('takes each row\'s empty fields in turn, never overwriting what an earlier batch filled', async () => {
    const id = (await h.call(h.adminToken, 'POST', '/customers', { companyName: 'Fill Across Ltd', assign: false })).body.id;
    const { rows } = await importAndWait(
      h,
      csv([
        'Company,Contact,Phone',
        'Fill Across Ltd,First Contact,', // row 2, batch 1
        'Unrelated One Ltd,,', // row 3, batch 1
        'Fill Across Ltd,Second Contact,+49 30 1234567', // row 4, batch 2
        'Fill Across Ltd,Third Contact,+49 30 7654321', // row 5, batch 2
      ]),
      'fill-across.csv',
      { existing: 'fill', assign: 'false' },
    );
    expect(rows.map((r) => [r.row, r.outcome, r.filledFields ?? null])).toEqual([
      [2, 'updated', ['contactName']],
      [3, 'created', null],
      [4, 'updated', ['phone']],
      [5, 'duplicate', null],
    ]);
    expect(await h.customerRow(id)).toMatchObject({ contact_name: 'First Contact', phone: expect.stringContaining('1234567') });
    const history = (await h.call(h.adminToken, 'GET', `/customers/${id}`)).body.history as { kind: string }[];
    expect(history.filter((e) => e.kind === 'import_filled')).toHaveLength(2);
  });
});

describe('reps filling their caps', () => {
  it('count the rows earlier batches gave them', async () => {
    const rep = await h.createRep({ privateCap: 3 });
    // Only this rep is a candidate: the others are at their caps or absent from the team.
    const others = await h.db.selectFrom('reps').select('id').where('id', '!=', rep.id).where('role', 'in', ['rep', 'manager']).execute();
    await h.db.updateTable('reps').set({ active: false }).where('id', 'in', others.map((o) => o.id).concat(['-'])).execute();
    try {
      const lines = ['Company,Country'];
      for (let i = 0; i < 8; i++) lines.push(`Cap Across ${i} Ltd,DE`);
      const { job, rows } = await importAndWait(h, csv(lines), 'caps-across.csv');
      expect(job.progress).toMatchObject({ created: 8, assigned: 3 });
      expect(rows.filter((r) => r.assignment?.status === 'assigned').map((r) => r.assignment.repId)).toEqual([rep.id, rep.id, rep.id]);
      await h.waitFor(async () => (await customersNamed('Cap Across')).filter((c) => c.owner_id === rep.id).length === 3 || null, 30_000);
    } finally {
      await h.db.updateTable('reps').set({ active: true }).where('id', 'in', others.map((o) => o.id).concat(['-'])).execute();
    }
  });
});
