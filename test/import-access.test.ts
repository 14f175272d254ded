// What an import's report shows of the customers its rows name, for the person reading it (R9):
// the access policy of GET /customers/lookup. A duplicate the reader may not read in full (another
// team's private customer) is reported without its id, in the rows, the samples and every file;
// a similar name in a pool not open to the reader is named without its id; admins see every id.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness.js';
import { allRows, importAndWait, waitForJob } from './support/imports.js';
import { fastReclaim } from './support/rule-sets.js';

let h: Harness;
let repA: { id: string; token: string };
let repB: { id: string; token: string };
beforeAll(async () => {
  // Deadlines far off: the rep's customer must stay theirs however long the job takes on a busy machine.
  h = await createHarness({ reclaim: fastReclaim({ firstFollowUp: '10m', cadence: { A: '10m', B: '10m', C: '10m', D: '10m', E: '10m' } }) });
  for (const team of ['imp-team-a', 'imp-team-b']) expect((await h.call(h.adminToken, 'POST', '/teams', { id: team, name: team })).status).toBe(201);
  repA = await h.createRep({ id: 'imp-rep-a', teamId: 'imp-team-a' });
  repB = await h.createRep({ id: 'imp-rep-b', teamId: 'imp-team-b' });
}, 120_000);
afterAll(() => h?.close());

const csv = (lines: string[]) => new Blob([lines.join('\n') + '\n'], { type: 'text/csv' });

async function download(token: string, id: string, file: string) {
  const res = await h.app.request(`/imports/${id}/${file}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

async function xlsxText(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as never);
  const out: unknown[] = [];
  book.worksheets[0]!.eachRow((row) => out.push(row.values));
  expect(out.length).toBeGreaterThan(1);
  return JSON.stringify(out);
}

describe("an import's report, read by a rep of another team and by an admin", () => {
  it("names another team's private customer without its id, and keeps the ids the reader may read", async () => {
    const privateToA = await h.createCustomer({ companyName: 'Leak Private Machinery GmbH', assign: false });
    expect((await h.call(repA.token, 'POST', `/customers/${privateToA}/claim`)).status).toBe(200);
    const inPool = await h.createCustomer({ companyName: 'Leak Open Pool Trading Ltd', assign: false });
    expect((await h.call(h.adminToken, 'POST', '/pools', { id: 'imp-closed', name: 'Closed to team B', openToAll: false, teamIds: ['imp-team-a'] })).status).toBe(201);
    const closed = await h.createCustomer({ companyName: 'Zephyrine Quartzworks Trading Ltd', poolId: 'imp-closed', assign: false });

    const file = () =>
      csv([
        'Company,Country',
        'Leak Private Machinery GmbH,DE', // row 2: A's private customer
        'Leak Open Pool Trading Ltd,DE', // row 3: in the default pool, open to B
        'Zephyrine Quartzwork Trading Ltd,DE', // row 4: created; similar to the closed pool's customer
        'Leak Private Machinerys GmbH,DE', // row 5: created; similar to A's private customer
      ]);
    // B fills: the private customer is refused, naming neither its id nor its owner.
    const { job, rows } = await importAndWait(h, file(), 'leak.csv', { existing: 'fill', assign: 'false' }, repB.token);
    expect(rows[0]).toMatchObject({ row: 2, outcome: 'refused', duplicateOf: { customerId: null, visibility: 'restricted', matchedOn: ['name'] } });
    expect(rows[0].duplicateOf.companyName).toBeUndefined();
    // A duplicate the reader may read is named by its company name beside its id.
    expect(rows[1]).toMatchObject({ row: 3, outcome: 'duplicate', duplicateOf: { customerId: inPool, companyName: 'Leak Open Pool Trading Ltd', matchedOn: ['name'] } });
    expect(rows[1].duplicateOf.visibility).toBeUndefined();
    const similar = await h.waitFor(async () => {
      const r = (await allRows(h, job.id, 'created', repB.token))[0];
      return r?.possibleDuplicates?.length ? r : null;
    });
    expect(similar.possibleDuplicates).toContainEqual(expect.objectContaining({ customerId: null, companyName: 'Zephyrine Quartzworks Trading Ltd' }));
    // A similar name of another rep's private customer: named, as the look-up names it, without its id.
    const similarToPrivate = await h.waitFor(async () => {
      const r = (await allRows(h, job.id, 'created', repB.token)).find((x) => x.row === 5);
      return r?.possibleDuplicates?.length ? r : null;
    });
    expect(similarToPrivate.possibleDuplicates).toContainEqual({ customerId: null, companyName: 'Leak Private Machinery GmbH', score: expect.any(Number) });

    const seenByB = JSON.stringify({
      rows: await allRows(h, job.id, undefined, repB.token),
      job: await waitForJob(h, job.id, { token: repB.token }),
      report: (await download(repB.token, job.id, 'report.csv')).toString('utf8'),
      reportXlsx: await xlsxText(await download(repB.token, job.id, 'report.xlsx')),
      rejectsXlsx: await xlsxText(await download(repB.token, job.id, 'rejects.xlsx')),
      rejects: (await download(repB.token, job.id, 'rejects.csv')).toString('utf8'),
    });
    for (const hidden of [privateToA, closed, repA.id]) expect(seenByB).not.toContain(hidden);
    expect(seenByB).toContain(inPool);
    const rejects = parse((await download(repB.token, job.id, 'rejects.csv')).toString('utf8'), { bom: true }) as string[][];
    expect(rejects[1]).toEqual(['Leak Private Machinery GmbH', 'DE', expect.stringMatching(/^the existing customer is another rep's private customer/)]);
    // The rows B's import compared are in the look-up's audit, as B's: an import is a look-up of many names.
    const audit = await h.call(h.adminToken, 'GET', `/customers/lookup/audit?repId=${repB.id}`);
    expect(audit.body.items).toContainEqual(expect.objectContaining({ repId: repB.id, readAs: ['import'], query: expect.stringContaining('leak.csv'), matches: 4 }));

    // The admin reading the same job sees every id.
    const seenByAdmin = await allRows(h, job.id);
    expect(seenByAdmin[0].duplicateOf).toEqual({ customerId: privateToA, companyName: 'Leak Private Machinery GmbH', matchedOn: ['name'] });
    expect(seenByAdmin[2].possibleDuplicates).toContainEqual(expect.objectContaining({ customerId: closed }));
    expect(seenByAdmin[3].possibleDuplicates).toContainEqual(expect.objectContaining({ customerId: privateToA }));
    const adminReport = parse((await download(h.adminToken, job.id, 'report.csv')).toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
    expect(adminReport[0]!.duplicateOfCustomerId).toBe(privateToA);

    // A's own import of the same file: A reads its own customer in full.
    const byA = await importAndWait(h, file(), 'leak-a.csv', { assign: 'false' }, repA.token);
    expect(byA.rows[0].duplicateOf).toEqual({ customerId: privateToA, companyName: 'Leak Private Machinery GmbH', matchedOn: ['name'] });
  });

  it("fills no customer of a pool closed to the importer, and names no customer the rules gave to another team's rep", async () => {
    expect((await h.call(h.adminToken, 'POST', '/pools', { id: 'imp-vip', name: 'VIP', openToAll: false, teamIds: ['imp-team-a'] })).status).toBe(201);
    const vip = await h.createCustomer({ companyName: 'Secret Vip Holdings Ltd', email: 'boss@secret-vip.example', poolId: 'imp-vip', assign: false });
    const before = await h.customerRow(vip);
    const file = csv(['Company,Contact,E-mail,Region', 'Secret Vip Holdings Ltd,Injected Contact,boss@secret-vip.example,Injected Region']);
    const { job, rows } = await importAndWait(h, file, 'fill-closed.csv', { existing: 'fill' }, repB.token);
    expect(job.progress).toMatchObject({ updated: 0, refused: 1 });
    expect(rows[0]).toMatchObject({ row: 2, outcome: 'refused', duplicateOf: { customerId: null, visibility: 'restricted' } });
    expect(rows[0].errors[0].message).toMatch(/^the existing customer is in a pool not open to you/);
    expect(rows[0].customerId).toBeUndefined();
    expect(await h.customerRow(vip)).toEqual(before);
    expect(JSON.stringify(await allRows(h, job.id, undefined, repB.token))).not.toContain(vip);
    // Team A, whose pool it is, may fill it.
    const byA = await importAndWait(h, file, 'fill-open.csv', { existing: 'fill' }, repA.token);
    expect(byA.rows[0]).toMatchObject({ outcome: 'updated', customerId: vip });

    // The assignment rules give B's new customer to a rep of team A: B's report does not name it.
    const receiver = await h.createRep({ id: 'imp-receiver', teamId: 'imp-team-a' });
    await h.publishRuleSet({ decision: 'assignment', hitPolicy: 'first', rules: [{ name: 'all to the receiver', conditions: { all: [] }, event: { type: 'assign', params: { rep: receiver.id, strategy: 'direct' } } }] } as never);
    const given = await importAndWait(h, csv(['Company,Country', 'Handed Elsewhere Trading Ltd,DE']), 'given.csv', {}, repB.token);
    expect(given.rows[0]).toMatchObject({ outcome: 'created', assignment: { repId: receiver.id } });
    const created = await h.db.selectFrom('customers').select('id').where('company_name', '=', 'Handed Elsewhere Trading Ltd').executeTakeFirstOrThrow();
    expect(given.rows[0].customerId).toBeUndefined();
    const report = (await download(repB.token, given.job.id, 'report.csv')).toString('utf8');
    expect(report).not.toContain(created.id);
    expect((await allRows(h, given.job.id))[0].customerId).toBe(created.id);
  });
});
