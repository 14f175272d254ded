// Imports as jobs (issue 14 §1) on real Postgres and Temporal: a preview decides every row and
// writes no customer, then commits the same staged upload; existing customers skipped or filled
// (never overwritten, another rep's private customer only with the admin flag), in the customer's
// history; duplicates within the file; progress and the job list; cancelling; the rows report
// paginated and filtered; the report and rejects files parsed back; bad input refused or per row.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness.js';
import { allRows, importAndWait, upload, waitForJob } from './support/imports.js';
import { seedCustomers } from './support/seed.js';
import { nameKeyColumns } from '../server/customers/near-duplicates.js';
import { CUSTOMERS_PER_ROW_FOR_MEMORY } from '../server/imports/similar-matchers.js';
import { fastReclaim } from './support/rule-sets.js';

let h: Harness;
let rep: { id: string; token: string };
let manager: { id: string; token: string };
beforeAll(async () => {
  // More uploads than one token may send in the default window (RATE_LIMIT_IMPORTS_PER_TOKEN, tested in rate-limits tests).
  // Deadlines far off: a rep's customer must stay theirs however long a job takes on a busy machine.
  h = await createHarness({ rateLimits: { imports: { perClient: 1000, perToken: 1000, windowMs: 600_000 } }, reclaim: fastReclaim({ firstFollowUp: '10m', cadence: { A: '10m', B: '10m', C: '10m', D: '10m', E: '10m' } }) });
  rep = await h.createRep();
  manager = await h.createRep({ role: 'manager' });
}, 120_000);
afterAll(() => h?.close());

const csv = (lines: string[]) => new Blob([lines.join('\n') + '\n'], { type: 'text/csv' });
const count = async (table: 'customers' | 'customer_activities' | 'decision_records') =>
  Number((await h.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

async function download(id: string, file: string, language?: string) {
  const res = await h.app.request(`/imports/${id}/${file}`, { headers: { authorization: `Bearer ${h.adminToken}`, ...(language ? { 'accept-language': language } : {}) } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

async function xlsxRows(bytes: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as never);
  const out: string[][] = [];
  book.worksheets[0]!.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return out;
}

describe('preview, then commit', () => {
  it('decides every row in the preview without writing a customer, then commits the same upload as a new job', async () => {
    const existing = await h.call(h.adminToken, 'POST', '/customers', { companyName: 'Preview Existing GmbH', assign: false });
    const lines = ['Company,E-mail,Country'];
    for (let i = 0; i < 30; i++) lines.push(`Preview Trading ${i} Ltd,p${i}@preview${i}.example,DE`);
    lines.push('PREVIEW TRADING 3 LTD,,DE'); // row 32: a duplicate of row 5, within the file
    lines.push('Someone,p7@preview7.example,DE'); // row 33: a duplicate of row 9 by e-mail
    lines.push('Preview Existing,,DE'); // row 34: a duplicate of an existing customer
    lines.push('Bad Mail Co,not-an-email,DE'); // row 35: refused
    const [customersBefore, decisionsBefore] = [await count('customers'), await count('decision_records')];
    const started = await upload(h, csv(lines), 'preview.csv', { mode: 'preview', assign: 'false' });
    expect(started.status).toBe(202);
    expect(started.location).toBe(`/imports/${started.body.id}`);
    expect(started.body).toMatchObject({ mode: 'preview', status: expect.stringMatching(/queued|running/), progress: { rowsTotal: 34 } });
    const preview = await waitForJob(h, started.body.id);
    expect(preview).toMatchObject({ status: 'previewed', progress: { rowsTotal: 34, rowsRead: 34, created: 30, duplicates: 3, refused: 1, updated: 0, percent: 100 } });
    // Who started it, by name as well as id (the list of recent imports shows it).
    expect(preview).toMatchObject({ createdBy: 'admin', createdByName: 'Admin' });
    expect(preview.samples.created).toHaveLength(20);
    expect(preview.samples.created[0]).toMatchObject({ row: 2, outcome: 'created' });
    expect(preview.samples.created[0].customerId).toBeUndefined();
    expect(preview.samples.duplicate).toEqual([
      { row: 32, outcome: 'duplicate', uploadedCompanyName: 'PREVIEW TRADING 3 LTD', duplicateOf: { customerId: null, row: 5, matchedOn: ['name'] } },
      { row: 33, outcome: 'duplicate', uploadedCompanyName: 'Someone', duplicateOf: { customerId: null, row: 9, matchedOn: ['email'] } },
      { row: 34, outcome: 'duplicate', uploadedCompanyName: 'Preview Existing', duplicateOf: { customerId: existing.body.id, companyName: 'Preview Existing GmbH', matchedOn: ['name'] } },
    ]);
    expect(preview.samples.refused[0]).toMatchObject({ row: 35, errors: [{ column: 'E-mail', field: 'email' }] });
    // The preview's report file names each row as the upload gives it (no customer exists yet), a duplicate by the customer it duplicates.
    const previewReport = parse((await download(preview.id, 'report.csv')).bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(previewReport.map((r) => r.companyName)).toEqual([...Array.from({ length: 30 }, (_, i) => `Preview Trading ${i} Ltd`), 'PREVIEW TRADING 3 LTD', 'Someone', 'Preview Existing GmbH', 'Bad Mail Co']);
    // Nothing written: no customer, no decision in the audit.
    expect([await count('customers'), await count('decision_records')]).toEqual([customersBefore, decisionsBefore]);

    // No body: the preview's options.
    const committed = await h.call(h.adminToken, 'POST', `/imports/${preview.id}/commit`);
    expect(committed.status).toBe(202);
    expect(committed.body).toMatchObject({ mode: 'commit', previewJobId: preview.id, file: 'preview.csv' });
    const job = await waitForJob(h, committed.body.id);
    expect(job).toMatchObject({ status: 'completed', progress: { created: 30, duplicates: 3, refused: 1 } });
    expect(await count('customers')).toBe(customersBefore + 30);
    const rows = await allRows(h, job.id);
    const byRow = Object.fromEntries(rows.map((r) => [r.row, r]));
    expect(byRow[32].duplicateOf).toEqual({ customerId: byRow[5].customerId, companyName: 'Preview Trading 3 Ltd', row: 5, matchedOn: ['name'] });
    expect((await h.call(h.adminToken, 'GET', `/imports/${preview.id}`)).body.committedJobId).toBe(job.id);
    // Committed once: a second commit, or a commit of a commit job, is a conflict.
    expect((await h.call(h.adminToken, 'POST', `/imports/${preview.id}/commit`, {})).status).toBe(409);
    expect((await h.call(h.adminToken, 'POST', `/imports/${job.id}/commit`, {})).status).toBe(409);
  });

  it('says of a preview that will never finish (cancelled, failed) how to go on, not to wait for it', async () => {
    const { job: preview } = await importAndWait(h, csv(['Company', 'Never Committed Ltd']), 'never.csv', { mode: 'preview', assign: 'false' });
    for (const status of ['cancelled', 'failed'] as const) {
      await h.db.updateTable('import_jobs').set({ status }).where('id', '=', preview.id).execute();
      const res = await h.call(h.adminToken, 'POST', `/imports/${preview.id}/commit`, {});
      expect([res.status, res.body.error.code, res.body.error.details]).toEqual([409, 'CONFLICT', { status }]);
      expect(res.body.error.message).toBe(`The preview is ${status}; it will not finish: preview the upload again (POST /imports/${preview.id}/remap) or upload the file again.`);
    }
  });
});

describe('mapping the columns', () => {
  it('names the columns when none holds the company name, and previews a kept upload again with a new mapping, from any session', async () => {
    const lines = ['Firma,Land,Notiz', 'Remap Maschinen AG,DE,a', 'Remap Werkzeuge GmbH,AT,b'];
    const refused = await upload(h, csv(lines), 'remap.csv', { mode: 'preview', assign: 'false' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toMatchObject({ issues: [{ pointer: '/mapping' }], columns: ['Firma', 'Land', 'Notiz'] });
    const first = await upload(h, csv(lines), 'remap.csv', { mode: 'preview', assign: 'false', mapping: JSON.stringify({ Firma: 'companyName' }) });
    expect(first.status).toBe(202);
    const preview = await waitForJob(h, first.body.id, { token: h.adminToken });
    expect(preview).toMatchObject({ status: 'previewed', mapping: { Firma: 'companyName' }, unmappedColumns: ['Land', 'Notiz'] });
    // The staged upload previewed again with another mapping: a new preview of the same rows and options, no file sent.
    const again = await h.call(h.adminToken, 'POST', `/imports/${preview.id}/remap`, { mapping: { Firma: 'companyName', Land: 'country' } });
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ mode: 'preview', file: 'remap.csv', options: { assign: false }, mapping: { Firma: 'companyName', Land: 'country' }, unmappedColumns: ['Notiz'] });
    const remapped = await waitForJob(h, again.body.id);
    expect(remapped).toMatchObject({ status: 'previewed', progress: { rowsTotal: 2, created: 2 } });
    // A mapping that leaves no column for the company name, or names no field, is refused at /mapping.
    for (const mapping of [{ Firma: 'contactName', Land: 'country' }, { Firma: 'salary' }]) {
      const bad = await h.call(h.adminToken, 'POST', `/imports/${preview.id}/remap`, { mapping });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.issues[0].pointer).toMatch(/^\/mapping/);
    }
    // Another rep may not remap the job: it is not theirs to see.
    expect((await h.call(rep.token, 'POST', `/imports/${preview.id}/remap`, { mapping: { Firma: 'companyName' } })).status).toBe(404);
  });

  it('shows a column whose header repeats another among the unmapped columns, to be mapped, never dropped', async () => {
    const started = await upload(h, csv(['Company Name,Company Name,Country', 'Twin Header Ltd,Twin Header Trading,DE']), 'twins.csv', { mode: 'preview', assign: 'false' });
    expect(started.status).toBe(202);
    const preview = await waitForJob(h, started.body.id, { token: h.adminToken });
    expect(preview).toMatchObject({ mapping: { 'Company Name': 'companyName', Country: 'country' }, unmappedColumns: ['Company Name (2)'] });
    const again = await h.call(h.adminToken, 'POST', `/imports/${preview.id}/remap`, { mapping: { 'Company Name': 'companyName', 'Company Name (2)': 'contactName' } });
    expect(again.status, JSON.stringify(again.body)).toBe(202);
    expect(again.body.unmappedColumns).toEqual([]);
  });

  it('refuses a mapping that would lose input, at the entry at fault, on upload and on remap alike', async () => {
    const lines = ['Firma,Land,Notiz', 'Strict Maschinen AG,DE,a'];
    const first = await upload(h, csv(lines), 'strict.csv', { mode: 'preview', assign: 'false', mapping: JSON.stringify({ Firma: 'companyName' }) });
    expect(first.status).toBe(202);
    const preview = await waitForJob(h, first.body.id, { token: h.adminToken });
    const cases: { mapping: Record<string, string>; pointer: string; message: RegExp }[] = [
      // Two columns to one field: the second would be dropped.
      { mapping: { Firma: 'companyName', Land: 'companyName' }, pointer: '/mapping/Land', message: /Firma.*companyName|companyName.*Firma/ },
      // A column the file does not have: named with the file's columns.
      { mapping: { Firma: 'companyName', Ort: 'region' }, pointer: '/mapping/Ort', message: /Ort.*Firma, Land, Notiz/ },
      // Not a field one may map: named with the fields one may.
      { mapping: { Firma: 'companyName', Land: 'ownerId' }, pointer: '/mapping/Land', message: /ownerId.*companyName, contactName/ },
    ];
    for (const { mapping, pointer, message } of cases) {
      const remap = await h.call(h.adminToken, 'POST', `/imports/${preview.id}/remap`, { mapping });
      const sent = await upload(h, csv(lines), 'strict.csv', { mode: 'preview', assign: 'false', mapping: JSON.stringify(mapping) });
      for (const res of [remap, sent]) {
        expect(res.status, JSON.stringify(mapping)).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        expect(res.body.error.details.issues).toEqual([expect.objectContaining({ pointer, message: expect.stringMatching(message) })]);
        expect(res.body.error.message).toMatch(message);
      }
    }
    // A key named "__proto__" (which a record built from the JSON would drop, and the import go on
    // without it) is refused at its entry, however its letters were written.
    for (const text of ['{"Firma":"companyName","__proto__":"region"}', '{"Firma":"companyName","__pr\\u006fto__":"region"}']) {
      const remap = await h.call(h.adminToken, 'POST', `/imports/${preview.id}/remap`, `{"mapping":${text}}`);
      const sent = await upload(h, csv(lines), 'strict.csv', { mode: 'preview', assign: 'false', mapping: text });
      for (const res of [remap, sent]) {
        expect([res.status, res.body.error?.code], text).toEqual([400, 'VALIDATION_FAILED']);
        expect(res.body.error.details.issues).toEqual([expect.objectContaining({ pointer: '/mapping/__proto__', code: 'reserved_key' })]);
      }
    }
    // A column name with "/" or "~" is escaped in the pointer (RFC 6901).
    const slash = await h.call(h.adminToken, 'POST', `/imports/${preview.id}/remap`, { mapping: { Firma: 'companyName', 'a/b~c': 'region' } });
    expect(slash.body.error.details.issues[0].pointer).toBe('/mapping/a~1b~0c');
    // JSON that is not an object is still refused as such.
    const notObject = await upload(h, csv(lines), 'strict.csv', { mode: 'preview', mapping: '["Firma"]' });
    expect(notObject.status).toBe(400);
    expect(notObject.body.error.message).toMatch(/must be JSON like/);
  });
});

describe('similar company names', () => {
  // A few rows against few customers read every customer's key into memory; against many (over
  // 120 a row), each batch asks the trigram index. The same answers either way.
  const cases = [
    { regime: 'few customers: every key read into memory', acme: 'Acme', bluewave: 'Bluewave', quiet: 'Zzyzx Quiet Widgets GmbH', fillers: 0 },
    { regime: 'many customers: the trigram index asked per batch', acme: 'Zenithal', bluewave: 'Coralbay', quiet: 'Qwghlm Silent Gadgets GmbH', fillers: 1000 },
  ];
  it.each(cases)('are flagged on the rows as the rows are recorded (preview: existing customers; commit: also earlier rows of the file), listed as pairs, never refused ($regime)', async ({ acme, bluewave, quiet, fillers }) => {
    await seedCustomers(h.db, fillers, (i) => ({ company_name: `Filler ${i} Holding`, ...nameKeyColumns(`Filler ${i} Holding`) }), 500);
    const existing = (await h.call(h.adminToken, 'POST', '/customers', { companyName: `Shenzhen ${acme} Trading Co., Ltd.`, assign: false })).body;
    const lines = ['Company', `"${acme} Trading (Shenzhen) Limited"`, `"Ningbo ${bluewave} Valve Co., Ltd."`, `"${bluewave} Valve (Ningbo) Limited"`, quiet];
    const started = await upload(h, csv(lines), 'similar.csv', { mode: 'preview', assign: 'false' });
    const preview = await waitForJob(h, started.body.id);
    expect(preview).toMatchObject({ status: 'previewed', progress: { created: 4, refused: 0, phase: 'done', similarChecked: 4, similarTotal: 4 } });
    expect(Date.parse(preview.rowsDoneAt)).toBeLessThanOrEqual(Date.parse(preview.finishedAt));
    const previewRows = await allRows(h, preview.id);
    expect(previewRows.map((r) => r.outcome)).toEqual(['created', 'created', 'created', 'created']);
    expect(previewRows[0].possibleDuplicates).toEqual([{ customerId: existing.id, companyName: `Shenzhen ${acme} Trading Co., Ltd.`, score: 1 }]);
    // A preview compares with the customers there are; rows 3 and 4 are not customers yet.
    expect(previewRows.slice(1).map((r) => r.possibleDuplicates)).toEqual([undefined, undefined, undefined]);
    expect(preview.samples.created[0].possibleDuplicates).toHaveLength(1);

    const committed = await h.call(h.adminToken, 'POST', `/imports/${preview.id}/commit`);
    const job = await waitForJob(h, committed.body.id);
    expect(job).toMatchObject({ status: 'completed', progress: { created: 4, phase: 'done', similarChecked: 4, similarTotal: 4 } });
    const rows = await allRows(h, job.id);
    expect(rows[0].possibleDuplicates).toEqual([{ customerId: existing.id, companyName: `Shenzhen ${acme} Trading Co., Ltd.`, score: 1 }]);
    // Two similar rows of the file: the later one names the earlier (and its row), once.
    expect(rows[1].possibleDuplicates).toBeUndefined();
    expect(rows[2].possibleDuplicates).toEqual([{ customerId: rows[1].customerId, companyName: `Ningbo ${bluewave} Valve Co., Ltd.`, score: expect.any(Number), row: 3 }]);
    expect(rows[3].possibleDuplicates).toBeUndefined();

    const pairs = (await h.call(h.adminToken, 'GET', '/customers/duplicate-pairs?limit=200')).body.items as any[];
    const pairOf = (x: string) => pairs.filter((p) => p.a.id === x || p.b.id === x).map((p) => [p.a.id, p.b.id].sort().join());
    expect(pairOf(rows[0].customerId)).toEqual([[existing.id, rows[0].customerId].sort().join()]);
    expect(pairOf(rows[2].customerId)).toEqual([[rows[1].customerId, rows[2].customerId].sort().join()]);
    expect(pairOf(rows[3].customerId)).toEqual([]);

    const report = parse((await download(job.id, 'report.csv')).bytes, { columns: true, bom: true }) as Record<string, string>[];
    expect(report[2]!.possibleDuplicates).toBe(`${rows[1].customerId} Ningbo ${bluewave} Valve Co., Ltd. (${rows[2].possibleDuplicates[0].score}, row 3)`);
  });
});

describe('a row with many similar later rows of its file', () => {
  // The later rows are left out of a row's list (they name it instead); when they are its best
  // matches, the customers after them are still shown, up to 10, in both regimes.
  it.each([
    { regime: 'in memory', brand: 'Kestrelmoor', live: false },
    { regime: 'the trigram index', brand: 'Brambleford', live: true },
  ])('still names the existing customers ranked after them ($regime)', async ({ brand, live }) => {
    const customers = async () => Number((await h.db.selectFrom('customers').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const existing = (await h.call(h.adminToken, 'POST', '/customers', { companyName: `${brand.slice(0, -2)} Lighting Co., Ltd.`, assign: false })).body;
    const later = 'abcdefghijkl'.split('').map((x) => `"${brand}${x} Lighting Co., Ltd."`);
    const lines = ['Company', `"${brand} Lighting Co., Ltd."`, ...later];
    // Enough rows against the customers there are for the regime (unrelated names).
    if (live) {
      const n = await customers();
      const wanted = (lines.length - 1) * CUSTOMERS_PER_ROW_FOR_MEMORY * 2;
      if (n < wanted) await seedCustomers(h.db, wanted - n, (i) => ({ company_name: `Ballast ${i} Holding`, ...nameKeyColumns(`Ballast ${i} Holding`) }), 1000);
    } else {
      const pad = Math.ceil((await customers()) / CUSTOMERS_PER_ROW_FOR_MEMORY) + 10;
      for (let i = 0; i < pad; i++) lines.push(`Padding ${brand} ${i} Quarry`);
    }
    // An admin of its own: the file's other imports use up the admin token's import rate.
    const admin = await h.createRep({ role: 'admin' });
    const { job, rows } = await importAndWait(h, csv(lines), 'many-similar.csv', { assign: 'false' }, admin.token);
    expect(job).toMatchObject({ status: 'completed', progress: { created: lines.length - 1 } });
    // The later rows are more like the first row than the existing customer is, and name it.
    for (const r of rows.slice(1, 13)) expect(r.possibleDuplicates.map((d: any) => d.customerId)).toContain(rows[0].customerId);
    const first = rows[0].possibleDuplicates as { customerId: string; score: number }[];
    expect(first.map((d) => d.customerId)).toEqual([existing.id]);
    const laterScore = rows[1].possibleDuplicates.find((d: any) => d.customerId === rows[0].customerId).score;
    expect(first[0]!.score).toBeLessThan(laterScore);
  }, 60_000);
});

describe('two imports at once', () => {
  it('compare their names side by side, each with its own index of every customer\'s name', async () => {
    // Few customers a row: each job reads every customer's key into memory, in the same worker.
    const file = (tag: string) => {
      const lines = ['Company'];
      for (let i = 0; i < 150; i++) lines.push(`${tag} Harbor ${i} Valve Works`);
      for (let i = 0; i < 150; i++) lines.push(`${tag} Harbour ${i} Valve Works`);
      return csv(lines);
    };
    const started = await Promise.all(['Quillon', 'Vextra'].map((tag) => upload(h, file(tag), `${tag}.csv`, { assign: 'false' })));
    const jobs = await Promise.all(started.map((s) => waitForJob(h, s.body.id, { timeoutMs: 30_000 })));
    for (const job of jobs) {
      expect(job).toMatchObject({ status: 'completed', progress: { created: 300, similarChecked: 300, similarTotal: 300 } });
      const rows = await allRows(h, job.id);
      // "Harbour" rows name "Harbor" rows, earlier rows of their own file.
      const own = new Map(rows.map((r) => [r.customerId, r.row]));
      const named = rows.slice(150).filter((r) => (r.possibleDuplicates ?? []).some((d: any) => own.get(d.customerId) === d.row && d.row < r.row));
      expect(named.length).toBeGreaterThan(100);
    }
  }, 60_000);
});

describe('an expired upload', () => {
  it('cannot be committed or rebuilt as rejects; the report stays', async () => {
    const shortLived = h.newApp({ importUploadTtlMs: 1 });
    const form = new FormData();
    form.set('file', new Blob(['Company,E-mail\nExpiry Ltd,x@expiry.example\nExpiry Two,not-an-email\n']), 'expiry.csv');
    form.set('mode', 'preview');
    const res = await shortLived.request('/imports', { method: 'POST', headers: { authorization: `Bearer ${h.adminToken}` }, body: form });
    expect(res.status).toBe(202);
    const preview = await waitForJob(h, ((await res.json()) as { id: string }).id);
    expect(preview.status).toBe('previewed');
    const commit = await h.call(h.adminToken, 'POST', `/imports/${preview.id}/commit`);
    expect(commit.status).toBe(409);
    expect(commit.body.error.message).toMatch(/upload the file again/);
    // The next upload clears expired ones: the rejects cannot be rebuilt, the report can.
    expect((await upload(h, csv(['Company', 'Expiry Trigger Ltd']), 'x.csv', { mode: 'preview' })).status).toBe(202);
    expect((await download(preview.id, 'rejects.csv')).status).toBe(409);
    expect((await download(preview.id, 'report.csv')).status).toBe(200);
  });
});

describe('existing customers', () => {
  it('are skipped by default and filled on request: empty fields only, recorded in the history; another rep\'s private customer only with the admin flag', async () => {
    const pool = (await h.call(h.adminToken, 'POST', '/customers', { companyName: 'Fill Pool Ltd', contactName: 'Original', assign: false })).body.id;
    const owned = (await h.call(h.adminToken, 'POST', '/customers', { companyName: 'Fill Owned Ltd', assign: false })).body.id;
    expect((await h.call(rep.token, 'POST', `/customers/${owned}/claim`)).status).toBe(200);
    const file = () => csv(['Company,Contact,E-mail,Region', 'Fill Pool Ltd,Someone Else,buyer@fillpool.example,EMEA', 'Fill Owned Ltd,Ann,ann@fillowned.example,']);

    const skipped = await importAndWait(h, file(), 'skip.csv');
    expect(skipped.rows).toEqual([
      { row: 2, outcome: 'duplicate', uploadedCompanyName: 'Fill Pool Ltd', duplicateOf: { customerId: pool, companyName: 'Fill Pool Ltd', matchedOn: ['name'] } },
      { row: 3, outcome: 'duplicate', uploadedCompanyName: 'Fill Owned Ltd', duplicateOf: { customerId: owned, companyName: 'Fill Owned Ltd', matchedOn: ['name'] } },
    ]);
    expect((await h.customerRow(pool)).email).toBeNull();

    // Only admins may set the flag.
    const byManager = await upload(h, file(), 'fill.csv', { existing: 'fill', overridePrivate: 'true' }, manager.token);
    expect([byManager.status, byManager.body.error.code, byManager.body.error.details]).toEqual([403, 'FORBIDDEN', { pointer: '/overridePrivate' }]);
    // And an admin's token only with the admin scope.
    const rw = (await h.call(h.adminToken, 'POST', '/reps/admin/tokens', { name: 'import-rw', scopes: ['read', 'write'] })).body.token as string;
    const byRw = await upload(h, file(), 'fill.csv', { existing: 'fill', overridePrivate: 'true' }, rw);
    expect([byRw.status, byRw.body.error?.code]).toEqual([403, 'INSUFFICIENT_SCOPE']);

    const filled = await importAndWait(h, file(), 'fill.csv', { existing: 'fill' });
    expect(filled.job.progress).toMatchObject({ updated: 1, refused: 1 });
    expect(filled.rows[0]).toMatchObject({ row: 2, outcome: 'updated', customerId: pool, filledFields: ['email', 'region'] });
    // A row with its customer names it as the reader may read that customer, not by the upload's text.
    expect(filled.rows[0]).not.toHaveProperty('uploadedCompanyName');
    expect(filled.rows[1]).toMatchObject({ row: 3, outcome: 'refused', duplicateOf: { customerId: owned }, errors: [{ message: expect.stringContaining("another rep's private customer") }] });
    expect(await h.customerRow(pool)).toMatchObject({ contact_name: 'Original', email: 'buyer@fillpool.example', region: 'EMEA' });
    expect((await h.customerRow(owned)).email).toBeNull();
    const entries = (await h.call(h.adminToken, 'GET', `/customers/${pool}`)).body.history as { kind: string; note: string | null }[];
    expect(entries.find((e) => e.kind === 'import_filled')?.note).toMatch(/fill\.csv.*row 2.*email, region/);
    // The filled e-mail is the customer's identity now.
    expect((await h.call(h.adminToken, 'POST', '/customers', { companyName: 'Other Name', email: 'BUYER@fillpool.example' })).body.error.code).toBe('DUPLICATE_CUSTOMER');

    const overridden = await importAndWait(h, file(), 'fill.csv', { existing: 'fill', overridePrivate: 'true' });
    expect(overridden.rows[1]).toMatchObject({ row: 3, outcome: 'updated', customerId: owned, filledFields: ['contactName', 'email'] });
    expect(await h.customerRow(owned)).toMatchObject({ contact_name: 'Ann', email: 'ann@fillowned.example', owner_id: rep.id });
    // Nothing left to fill: a duplicate.
    expect((await importAndWait(h, file(), 'fill.csv', { existing: 'fill', overridePrivate: 'true' })).rows.map((r) => r.outcome)).toEqual(['duplicate', 'duplicate']);
  });
});

describe('target pool, source and assignment off', () => {
  it('puts every new customer in the chosen pool with the chosen source', async () => {
    expect((await h.call(h.adminToken, 'POST', '/pools', { id: 'fair2026', name: 'Canton fair 2026' })).status).toBe(201);
    const { job, rows } = await importAndWait(h, csv(['Company,Source', 'Pool Target One,', 'Pool Target Two,alibaba']), 'pool.csv', { poolId: 'fair2026', source: 'canton_fair', assign: 'false' });
    expect(job.options).toEqual({ existing: 'skip', overridePrivate: false, poolId: 'fair2026', source: 'canton_fair', country: null, assign: false });
    expect(await h.customerRow(rows[0].customerId)).toMatchObject({ pool_id: 'fair2026', source: 'canton_fair', status: 'pool' });
    expect((await h.customerRow(rows[1].customerId)).source).toBe('alibaba');
    expect((await upload(h, csv(['Company', 'X']), 'x.csv', { poolId: 'nowhere' })).status).toBe(400);
  });
});

describe('the audit', () => {
  it('records each created customer\'s grading and assignment decisions: the rule set in force, what fired, the outcome and the facts', async () => {
    const { job, rows } = await importAndWait(h, csv(['Company,Country,Source', 'Audit One Trading Ltd,DE,canton_fair', 'Audit Two Trading Ltd,BR,alibaba', 'Audit Three Trading Ltd,IN,']), 'audit.csv');
    const published = await h.db.selectFrom('rule_sets').select(['id', 'version', 'hash', 'decision']).where('status', '=', 'published').execute();
    const ruleSet = (d: string) => published.find((p) => p.decision === d);
    for (const row of rows) {
      const customer = await h.customerRow(row.customerId);
      const records = await h.db.selectFrom('decision_records').selectAll().where('customer_id', '=', row.customerId).orderBy('decision', 'desc').execute();
      expect(records.map((r) => r.decision)).toEqual(['grading', 'assignment']);
      const [grading, assignment] = records as [(typeof records)[0], (typeof records)[0]];
      for (const [r, d] of [[grading, 'grading'], [assignment, 'assignment']] as const) {
        const set = ruleSet(d);
        expect({ id: r.rule_set_id, version: r.rule_set_version, hash: r.rule_set_hash }).toEqual(set ? { id: set.id, version: set.version, hash: set.hash } : { id: null, version: null, hash: null });
        expect(r.trigger).toBe('import');
        expect(r.at.getTime()).toBe(customer.created_at.getTime());
        expect((r.facts as any).customer).toMatchObject({ id: row.customerId, country: customer.country, source: customer.source, poolId: 'default', isNew: true });
      }
      expect(grading.rep_id).toBe(job.createdBy);
      expect((grading.facts as any).customer.grade).toBeNull();
      expect((grading.outcome as any)?.grade ?? null).toBe(customer.grade);
      expect((assignment.facts as any).customer.grade).toBe(customer.grade);
      expect((assignment.facts as any).trigger).toEqual({ type: 'import', previousOwnerId: null });
      expect((assignment.outcome as any).picked).toBe(row.assignment.repId);
      expect(assignment.rep_id).toBe(row.assignment.repId);
      for (const r of records) for (const f of r.fired as any[]) expect(f).toEqual({ index: expect.any(Number), name: expect.any(String), event: { type: expect.any(String), params: expect.any(Object) } });
    }
    // Rows of one batch share what fired; the audit keeps each customer's own facts.
    expect(new Set(rows.map((r) => r.customerId)).size).toBe(3);
  });
});

describe('progress, list and cancel', () => {
  it('reports progress while running, lists jobs newest first, and a cancelled job keeps every processed row and nothing half-written', async () => {
    const lines = ['Company,E-mail'];
    for (let i = 0; i < 12_000; i++) lines.push(`Cancel Test ${i} Ltd,c${i}@cancel.example`);
    const before = await count('customers');
    const started = await upload(h, csv(lines), 'cancel.csv', { assign: 'false' });
    expect(started.status).toBe(202);
    const running = await waitForJob(h, started.body.id, { until: (j) => j.progress.rowsRead > 0 });
    expect(running.progress.percent).toBeGreaterThan(0);
    const cancel = await h.call(h.adminToken, 'POST', `/imports/${started.body.id}/cancel`);
    expect(cancel.status).toBe(200);
    const job = await waitForJob(h, started.body.id);
    expect(job.status).toBe('cancelled');
    expect(job.progress.rowsRead).toBeLessThan(12_000);
    expect(job.progress.rowsPerSecond).toBeGreaterThan(0);
    // Every processed row recorded, exactly the customers it created, in whole batches.
    const rows = await allRows(h, job.id);
    expect(rows.length).toBe(job.progress.rowsRead);
    expect(rows.map((r) => r.row)).toEqual(Array.from({ length: rows.length }, (_, i) => i + 2));
    expect(await count('customers')).toBe(before + job.progress.created);
    expect(job.progress.created).toBe(rows.length);
    // The customers it created stay, so their names were compared with the others all the same.
    expect(job.progress).toMatchObject({ phase: 'done', similarChecked: job.progress.created, similarTotal: job.progress.created });
    expect((await h.call(h.adminToken, 'POST', `/imports/${job.id}/cancel`)).status).toBe(409);

    const list = await h.call(h.adminToken, 'GET', '/imports?limit=2');
    expect(list.body.items[0].id).toBe(job.id);
    expect(list.body.nextCursor).toEqual(expect.any(String));
    const next = await h.call(h.adminToken, 'GET', `/imports?limit=2&cursor=${list.body.nextCursor}`);
    expect(next.body.items[0].createdAt <= list.body.items[1].createdAt).toBe(true);
    // A rep sees only their own imports; another's job is not found.
    expect((await h.call(rep.token, 'GET', '/imports')).body.items).toEqual([]);
    expect((await h.call(rep.token, 'GET', `/imports/${job.id}`)).status).toBe(404);
  }, 120_000);
});

describe('the report', () => {
  it('reads a cell broken over lines (Alt+Enter) as one line, and refuses a control character or a direction override in words, in both languages', async () => {
    const lines = ['Company,Contact', '"Multi Line\nTrading Ltd","Ann\r\nLee"', '"Reversed \u202eName Ltd",', '"Bell \u0007 Ltd",'];
    const { job } = await importAndWait(h, csv(lines), 'lines.csv', { assign: 'false' });
    expect(job.progress).toMatchObject({ created: 1, refused: 2 });
    const created = await h.db.selectFrom('customers').select(['company_name', 'contact_name']).where('company_name', 'like', 'Multi Line%').execute();
    expect(created).toEqual([{ company_name: 'Multi Line Trading Ltd', contact_name: 'Ann Lee' }]);
    for (const [language, words] of [['en', /control characters/], ['zh-CN', /控制字符或文字方向控制符/]] as const) {
      const res = await h.app.request(`/imports/${job.id}/rows?outcome=refused`, { headers: { authorization: `Bearer ${h.adminToken}`, 'accept-language': language } });
      const refused = ((await res.json()) as { items: { errors: { code?: string; message: string }[] }[] }).items;
      expect(refused.map((r) => r.errors.map((e) => e.code))).toEqual([['control_characters'], ['control_characters']]);
      for (const r of refused) expect(r.errors[0]!.message).toMatch(words);
    }
  });

  it('writes as text every CSV cell a spreadsheet would run as a formula (=, +, -, @), and an upload of the rejects file reads them back as typed', async () => {
    const lines = ['Company,Phone,E-mail', '+Plus Trading Ltd,+49 30 1234567,not-an-email', '-Minus Trading Ltd,,also-not', '@Home Trading Ltd,,bad'];
    const { job } = await importAndWait(h, csv(lines), 'formula-like.csv', { assign: 'false' });
    expect(job.progress).toMatchObject({ refused: 3 });
    const rejects = parse((await download(job.id, 'rejects.csv')).bytes, { bom: true }) as string[][];
    expect(rejects.slice(1).map((r) => r.slice(0, 3))).toEqual([
      ["'+Plus Trading Ltd", "'+49 30 1234567", 'not-an-email'],
      ["'-Minus Trading Ltd", '', 'also-not'],
      ["'@Home Trading Ltd", '', 'bad'],
    ]);
    const report = parse((await download(job.id, 'report.csv')).bytes, { bom: true, columns: true }) as Record<string, string>[];
    for (const r of report) expect(r.uploadedCompanyName ?? r.companyName ?? '').not.toMatch(/^[=+\-@]/);
    // Fixed (the e-mails) and uploaded again: the marker is gone, the values are as first typed.
    const fixed = rejects.slice(1).map((r, i) => [r[0], r[1], `fixed${i}@formula.example`].map((v) => `"${v!.replaceAll('"', '""')}"`).join(','));
    const again = await importAndWait(h, csv(['Company,Phone,E-mail', ...fixed]), 'fixed.csv', { assign: 'false' });
    expect(again.job.progress).toMatchObject({ created: 3, refused: 0 });
    const created = await h.db.selectFrom('customers').select(['company_name', 'phone']).where('email', 'like', '%@formula.example').orderBy('email').execute();
    expect(created.map((c) => c.company_name)).toEqual(['+Plus Trading Ltd', '-Minus Trading Ltd', '@Home Trading Ltd']);
    expect(created[0]!.phone).toMatch(/^\+49/);
  });

  it('pages the rows by outcome, and downloads the report and the rejects (in the upload\'s own columns) as CSV and XLSX', async () => {
    const lines = ['Firma,Notes,E-mail'];
    for (let i = 0; i < 8; i++) lines.push(`Report Row ${i} GmbH,note ${i},r${i}@report.example`);
    lines.push('REPORT ROW 2 GMBH,again,'); // row 10: duplicate of row 4
    lines.push('Formula GmbH,"=HYPERLINK(""http://x"")",'); // row 11: notes are not mapped: created
    lines.push('"=1+2",x,'); // row 12: a formula as company name: refused
    lines.push('Bad Mail GmbH,y,nope'); // row 13: refused
    const { job } = await importAndWait(h, csv(lines), 'report.csv', { assign: 'false', mapping: JSON.stringify({ Firma: 'companyName' }) });
    expect(job.progress).toMatchObject({ created: 9, duplicates: 1, refused: 2 });

    const page1 = await h.call(h.adminToken, 'GET', `/imports/${job.id}/rows?limit=5`);
    expect(page1.body.items.map((r: { row: number }) => r.row)).toEqual([2, 3, 4, 5, 6]);
    const page2 = await h.call(h.adminToken, 'GET', `/imports/${job.id}/rows?limit=5&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((r: { row: number }) => r.row)).toEqual([7, 8, 9, 10, 11]);
    const refused = await h.call(h.adminToken, 'GET', `/imports/${job.id}/rows?outcome=refused`);
    expect(refused.body).toMatchObject({ items: [{ row: 12, errors: [{ column: 'Firma', message: expect.stringMatching(/formula/) }] }, { row: 13, errors: [{ column: 'E-mail' }] }], nextCursor: null });

    const reportCsv = await download(job.id, 'report.csv');
    expect(reportCsv.status).toBe(200);
    expect(reportCsv.type).toMatch(/text\/csv/);
    const report = parse(reportCsv.bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(report).toHaveLength(12);
    expect(report[8]).toMatchObject({ row: '10', outcome: 'duplicate', duplicateOfRow: '4', matchedOn: 'name' });
    // Named by the customer it duplicates (row 4's), not only by an id.
    expect(report[8]!.companyName).toBe('Report Row 2 GmbH');
    expect(report[10]).toMatchObject({ row: '12', outcome: 'refused', errors: expect.stringContaining('Firma') });
    const reportXlsx = await xlsxRows((await download(job.id, 'report.xlsx')).bytes);
    expect(reportXlsx[0]!.slice(0, 3)).toEqual(['row', 'outcome', 'customerId']);
    expect(reportXlsx).toHaveLength(13);
    expect(reportXlsx[9]!.slice(0, 2)).toEqual(['10', 'duplicate']);
    // Row numbers are numbers in the workbook (sortable, summable), not text.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download(job.id, 'report.xlsx')).bytes as never);
    expect(book.worksheets[0]!.getRow(10).getCell(1).value).toBe(10);
    expect(book.worksheets[0]!.getRow(10).getCell(6).value).toBe(4);

    const rejects = parse((await download(job.id, 'rejects.csv')).bytes, { bom: true }) as string[][];
    expect(rejects[0]).toEqual(['Firma', 'Notes', 'E-mail', 'Import result']);
    expect(rejects.slice(1).map((r) => r.slice(0, 3))).toEqual([
      ['REPORT ROW 2 GMBH', 'again', ''],
      ["'=1+2", 'x', ''],
      ['Bad Mail GmbH', 'y', 'nope'],
    ]);
    expect(rejects[1]![3]).toMatch(/^duplicate of customer "Report Row 2 GmbH" \([0-9a-f-]{36}\) \(row 4\), matched on name/);
    // In XLSX a text cell stays text (never a formula), so the value is written as it was.
    const rejectsXlsx = await xlsxRows((await download(job.id, 'rejects.xlsx')).bytes);
    expect(rejectsXlsx.map((r) => r[0])).toEqual(['Firma', 'REPORT ROW 2 GMBH', '=1+2', 'Bad Mail GmbH']);

    // In Chinese (the UI's language, sent as Accept-Language; or ?lang=zh on a plain link): the
    // refusals, the headers the server writes and the reasons; the upload's own columns as they were.
    const zhRows = await h.app.request(`/imports/${job.id}/rows?outcome=refused`, { headers: { authorization: `Bearer ${h.adminToken}`, 'accept-language': 'zh-CN,zh;q=0.9' } });
    const zhRefused = ((await zhRows.json()) as { items: { errors: { message: string }[] }[] }).items;
    expect(zhRefused.map((r) => r.errors.map((e) => e.message))).toEqual([[expect.stringMatching(/公式/)], [expect.stringMatching(/邮箱/)]]);
    for (const r of zhRefused) for (const e of r.errors) expect(e.message).not.toMatch(/[A-Za-z]{4,}/);
    const zhReport = parse((await download(job.id, 'report.csv', 'zh-CN')).bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(zhReport[8]).toMatchObject({ 行号: '10', 结果: '重复', 重复行号: '4', 匹配字段: '公司名称' });
    expect(zhReport[10]).toMatchObject({ 行号: '12', 结果: '已拒绝', 错误: expect.stringMatching(/^Firma：.*公式/) });
    const zhRejects = parse((await download(job.id, 'rejects.csv?lang=zh', undefined)).bytes, { bom: true }) as string[][];
    expect(zhRejects[0]).toEqual(['Firma', 'Notes', 'E-mail', '导入结果']);
    expect(zhRejects[1]![3]).toMatch(/^与客户“Report Row 2 GmbH”（[0-9a-f-]{36}）（第 4 行）重复，匹配：公司名称$/);
    expect(zhRejects[3]![3]).toMatch(/^E-mail：.*邮箱/);
    const zhXlsx = await xlsxRows((await download(job.id, 'report.xlsx', 'zh')).bytes);
    expect(zhXlsx[0]!.slice(0, 3)).toEqual(['行号', '结果', '客户 ID']);
    // The sheets are named in the file's language too.
    const sheetName = async (file: string, language: string) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await download(job.id, file, language)).bytes as never);
      return book.worksheets[0]!.name;
    };
    expect([await sheetName('report.xlsx', 'zh'), await sheetName('rejects.xlsx', 'zh'), await sheetName('rejects.xlsx', 'en')]).toEqual(['导入报告', '需修正的行', 'Rows to fix']);
    // Why a created row stays in the pool (no rule's own words: the server's) is told in Chinese too.
    expect(zhReport[0]).toMatchObject({ 结果: '已创建', 分配: '留在公海', 分配原因: expect.stringMatching(/^导入时选择不分配/) });
    const zhCreated = await h.app.request(`/imports/${job.id}/rows?outcome=created&limit=1`, { headers: { authorization: `Bearer ${h.adminToken}`, 'accept-language': 'zh' } });
    expect(((await zhCreated.json()) as { items: { assignment: { reason: string } }[] }).items[0]!.assignment.reason).toMatch(/^导入时选择不分配/);
    expect(report[0]).toMatchObject({ assignment: 'pool', assignmentReason: 'imported with "assign": false' });
  });
});

describe('bad input', () => {
  it('answers a clear 4xx for files that cannot be imported and refuses bad rows one by one, never a 5xx', async () => {
    const before = await count('customers');
    // An empty sheet, a workbook with only an empty sheet, a file in Latin-1 (neither UTF-8 nor GB18030).
    expect((await upload(h, new Blob(['\n\n']), 'empty.csv')).status).toBe(400);
    const emptyBook = new ExcelJS.Workbook();
    emptyBook.addWorksheet('Empty');
    expect((await upload(h, new Blob([(await emptyBook.xlsx.writeBuffer()) as ArrayBuffer]), 'empty.xlsx')).status).toBe(400);
    const latin1 = await upload(h, new Blob([Buffer.from('Company,Country\nMüller Café GmbH,DE\n', 'latin1')]), 'latin1.csv');
    expect(latin1.status).toBe(400);
    expect(latin1.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/save it as UTF-8/), details: { issues: [{ pointer: '/file' }] } });
    expect(await count('customers')).toBe(before);
    // UTF-16 with a byte-order mark, tab-separated: what Excel saves as "Unicode text".
    const utf16 = await importAndWait(h, new Blob([Buffer.from('\uFEFFCompany\tCountry\nUtf Sixteen Müller GmbH\tDE\n', 'utf16le')]), 'utf16.txt', { assign: 'false' });
    expect(utf16.job.mapping).toEqual({ Company: 'companyName', Country: 'country' });
    expect((await h.customerRow(utf16.rows[0].customerId)).company_name).toBe('Utf Sixteen Müller GmbH');

    // A workbook with a formula (its value imported) and merged cells (the rows under a merged name have none: refused).
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Leads');
    sheet.addRow(['Company', 'Country']);
    sheet.addRow(['Merged Name Ltd', 'DE']);
    sheet.addRow(['', 'FR']);
    sheet.mergeCells('A2:A3');
    sheet.addRow([{ formula: 'CONCATENATE("Formula ","Result Ltd")', result: 'Formula Result Ltd' }, 'IT']);
    const { rows } = await importAndWait(h, new Blob([(await book.xlsx.writeBuffer()) as ArrayBuffer]), 'merged.xlsx', { assign: 'false' });
    expect(rows.map((r) => [r.row, r.outcome])).toEqual([[2, 'created'], [3, 'refused'], [4, 'created']]);
    expect(rows[1].errors[0]).toMatchObject({ column: 'Company', field: 'companyName' });
    expect((await h.customerRow(rows[2].customerId)).company_name).toBe('Formula Result Ltd');
  });
});

describe('the options and the query of an import', () => {
  it('refuses a rows cursor past the row numbers a job can have with a pointer, not the database\'s error', async () => {
    const { job } = await importAndWait(h, csv(['Company', 'Cursor Bound Ltd']), 'cursor.csv', { assign: 'false' });
    for (const cursor of ['2147483648', '99999999999999999999']) {
      const res = await h.call(h.adminToken, 'GET', `/imports/${job.id}/rows?cursor=${cursor}`);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ pointer: '/cursor' }] } });
    }
    const last = await h.call(h.adminToken, 'GET', `/imports/${job.id}/rows?cursor=2147483647`);
    expect(last).toMatchObject({ status: 200, body: { items: [], nextCursor: null } });
  });

  it('refuses every bad option of the upload and of the commit with its pointer, as POST /customers would refuse the field', async () => {
    const before = await count('customers');
    for (const [field, value] of [['poolId', ''], ['poolId', 'no spaces'], ['country', 'd1'], ['country', 'XX'], ['source', ''], ['source', 'x'.repeat(61)]] as const) {
      const res = await upload(h, csv(['Company', 'Option Check Ltd']), 'options.csv', { [field]: value });
      expect(res.status, `${field}=${value}`).toBe(400);
      expect(res.body.error.details.issues[0].pointer).toBe(`/${field}`);
    }
    // A field the form does not have (a typo of "mode") is refused at its name, not ignored into a commit.
    const typo = await upload(h, csv(['Company', 'Typo Mode Ltd']), 'typo.csv', { mdoe: 'preview', assign: 'false' });
    expect(typo.status).toBe(400);
    expect(typo.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ pointer: '/mdoe' }] } });
    expect(await h.db.selectFrom('customers').select('id').where('company_name', '=', 'Typo Mode Ltd').execute()).toEqual([]);
    // A country is read as POST /customers reads it.
    const lower = await importAndWait(h, csv(['Company', 'Option Country Ltd']), 'options.csv', { country: 'de', assign: 'false' });
    expect(lower.job.options.country).toBe('DE');
    expect(lower.rows[0].outcome).toBe('created');

    const preview = await importAndWait(h, csv(['Company', 'Option Commit Ltd']), 'options.csv', { mode: 'preview', assign: 'false' });
    for (const [field, value] of [['poolId', ''], ['country', 'd1'], ['source', '']] as const) {
      const res = await h.call(h.adminToken, 'POST', `/imports/${preview.job.id}/commit`, { [field]: value });
      expect(res.status, `${field}=${value}`).toBe(400);
      expect(res.body.error.details.issues[0].pointer).toBe(`/${field}`);
    }
    expect((await h.call(h.adminToken, 'GET', `/imports/${preview.job.id}`)).body.committedJobId).toBeNull();
    expect(await count('customers')).toBe(before + 1);
  });

  it('gives every column a name of its own, also where a renamed repeat meets a name the file has', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Leads');
    sheet.addRow(['Company', 'company', 'Company', 'Company (2)', 'Company']);
    sheet.addRow(['Header Names Ltd', 'a', 'b', 'c', 'd']);
    const { job } = await importAndWait(h, new Blob([(await book.xlsx.writeBuffer()) as ArrayBuffer]), 'headers.xlsx', { assign: 'false' });
    const names = [...Object.keys(job.mapping), ...job.unmappedColumns];
    expect(names).toHaveLength(5);
    expect(new Set(names).size).toBe(5);
    expect(names).toEqual(expect.arrayContaining(['Company', 'company', 'Company (2)']));
  });

  it('reads the first sheet with data and says which cell holds a formula without a value, an error value or nothing', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Cover');
    const sheet = book.addWorksheet('Leads');
    sheet.addRow(['Company', 'Region']);
    sheet.addRow(['Second Sheet Trading Ltd', 'EMEA']);
    sheet.addRow([{ formula: 'CONCATENATE(B3,"Ltd")' }, 'EMEA']);
    sheet.addRow([{ formula: '1/0', result: { error: '#DIV/0!' } }, 'EMEA']);
    sheet.addRow([{ error: '#N/A' }, 'EMEA']);
    sheet.addRow(['', 'EMEA']);
    const { rows } = await importAndWait(h, new Blob([(await book.xlsx.writeBuffer()) as ArrayBuffer]), 'second-sheet.xlsx', { assign: 'false' });
    expect(rows.map((r) => r.outcome)).toEqual(['created', 'refused', 'refused', 'refused', 'refused']);
    const error = (i: number) => rows[i].errors[0];
    expect(error(1)).toMatchObject({ column: 'Company', field: 'companyName', message: expect.stringMatching(/formula .*without a value/) });
    expect(error(2)).toMatchObject({ column: 'Company', message: expect.stringMatching(/formula .*without a value/) });
    expect(error(3)).toMatchObject({ column: 'Company', message: expect.stringMatching(/error value #N\/A/) });
    expect(error(4)).toMatchObject({ column: 'Company', field: 'companyName', message: expect.stringMatching(/is empty/) });
    for (const r of rows.slice(1)) expect(r.errors[0].message).not.toMatch(/expected string/);
  });
});
