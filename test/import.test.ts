// Bulk import (R11) as a job: CSV (UTF-8, GB18030) and XLSX, dedup against the database and within
// the file, grading and assignment per row (trigger "import"), and a report of every refusal.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRuleSets } from '../rules/defaults/index.js';
import { createHarness, type Harness } from './support/harness.js';
import { fastReclaim } from './support/rule-sets.js';
import { importAndWait, upload as send } from './support/imports.js';

let h: Harness;
let rep: { id: string; token: string };
beforeAll(async () => {
  h = await createHarness({ reclaim: fastReclaim({ firstFollowUp: '10m' }) });
  rep = await h.createRep({ hiredAt: '2020-01-01' });
});
afterAll(() => h?.close());

/** A finished import: 202 with Location, then the job and its rows (as GET /imports/{id}/rows). */
async function upload(file: Blob, name: string, fields: Record<string, string> = {}, token = h.adminToken) {
  const { job, rows, location } = await importAndWait(h, file, name, fields, token);
  expect(location).toBe(`/imports/${job.id}`);
  return { job, rows, byRow: Object.fromEntries(rows.map((r: { row: number }) => [r.row, r])) as Record<number, any> };
}

const countCustomers = async () => Number((await h.db.selectFrom('customers').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

describe('importing a CSV', () => {
  it('creates, dedups and refuses row by row, with the column of each fault', async () => {
    const existing = await h.call(h.adminToken, 'POST', '/customers', { companyName: 'Existing Importers GmbH', assign: false });
    const before = await countCustomers();
    const csv = [
      'Company,Contact,E-mail,Phone,Country,Website,Notes',
      'Acme Ltd.,Ann,ann@acme.example,+44 20 7946 0018,United Kingdom,acme.example,met at booth 4',
      'ACME LTD,Bob,,,,,same company again',
      'Existing Importers,,,,,,already in the CRM',
      'Bravo Trading,Carl,not-an-email,,Germany,,',
      'Charlie Co,,,12,DE,,phone too short',
      ',,nobody@example.com,,,,no company',
      'Delta 有限公司,,,,德国,,',
    ].join('\r\n');
    const { job, byRow } = await upload(new Blob(['\uFEFF' + csv], { type: 'text/csv' }), 'canton-fair.csv', { source: 'canton_fair', assign: 'false' });
    expect(job.status).toBe('completed');
    expect(job.mapping).toEqual({ Company: 'companyName', Contact: 'contactName', 'E-mail': 'email', Phone: 'phone', Country: 'country', Website: 'website' });
    expect(job.unmappedColumns).toEqual(['Notes']);
    expect(job.progress).toMatchObject({ rowsTotal: 7, rowsRead: 7, created: 2, duplicates: 2, updated: 0, refused: 3, assigned: 0, percent: 100 });
    expect(byRow[2]).toMatchObject({ outcome: 'created' });
    expect(byRow[3]).toMatchObject({ outcome: 'duplicate', duplicateOf: { customerId: byRow[2].customerId, row: 2, matchedOn: ['name'] } });
    expect(byRow[4]).toMatchObject({ outcome: 'duplicate', duplicateOf: { customerId: existing.body.id, matchedOn: ['name'] } });
    expect(byRow[5].errors).toEqual([{ column: 'E-mail', field: 'email', message: expect.any(String), code: 'invalid_email' }]);
    expect(byRow[6].errors).toEqual([{ column: 'Phone', field: 'phone', message: expect.stringMatching(/phone number/), code: 'invalid_phone' }]);
    expect(byRow[7].errors[0]).toMatchObject({ column: 'Company', field: 'companyName' });
    expect(byRow[8]).toMatchObject({ outcome: 'created' });
    expect(await countCustomers()).toBe(before + 2);

    const acme = await h.customerRow(byRow[2].customerId);
    expect(acme).toMatchObject({ country: 'GB', source: 'canton_fair', status: 'pool', grade: 'C' });
    expect((await h.customerRow(byRow[8].customerId)).country).toBe('DE');
    const decisions = await h.call(h.adminToken, 'GET', `/customers/${acme.id}/decisions`);
    expect(decisions.body.items.map((d: { decision: string; trigger: string }) => `${d.decision}/${d.trigger}`)).toEqual(['grading/import']);
  });

  it('decides rows that share an identity in file order: the first is created, the later ones are its duplicates', async () => {
    // Adjacent rows naming the same company (or sharing an e-mail) would race if rows ran in any
    // order; twenty such pairs make a wrong order all but certain to show.
    const lines = ['Company,E-mail'];
    for (let i = 0; i < 20; i++) {
      lines.push(`Order Test ${i} Ltd.,first${i}@order${i}.example`);
      lines.push(i % 2 === 0 ? `ORDER TEST ${i} LTD,` : `Someone Else ${i},first${i}@order${i}.example`);
    }
    const { job, rows } = await upload(new Blob([lines.join('\n')], { type: 'text/csv' }), 'pairs.csv', { assign: 'false' });
    expect(job.progress).toMatchObject({ rowsTotal: 40, created: 20, duplicates: 20 });
    expect(rows.map((r) => r.row)).toEqual(Array.from({ length: 40 }, (_, i) => i + 2));
    for (let i = 0; i < 20; i++) {
      const [first, second] = [rows[2 * i]!, rows[2 * i + 1]!];
      expect(first.outcome).toBe('created');
      expect(second).toMatchObject({ outcome: 'duplicate', duplicateOf: { customerId: first.customerId, row: first.row, matchedOn: [i % 2 === 0 ? 'name' : 'email'] } });
    }
  });

  it('reads GB18030 files with Chinese headers, as Excel on Chinese Windows saves them', async () => {
    const text = '公司名称,联系人,邮箱,国家,客户来源\n深圳光华照明有限公司,王经理,wang@guanghua.example,中国,阿里巴巴\n';
    const bytes = iconv.encode(text, 'gb18030');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const { job, rows } = await upload(new Blob([new Uint8Array(bytes)]), '客户.csv', { assign: 'false' });
    expect(job.mapping).toEqual({ 公司名称: 'companyName', 联系人: 'contactName', 邮箱: 'email', 国家: 'country', 客户来源: 'source' });
    expect(job.progress.created).toBe(1);
    const row = await h.customerRow(rows[0].customerId);
    expect(row).toMatchObject({ company_name: '深圳光华照明有限公司', contact_name: '王经理', country: 'CN', source: '阿里巴巴' });
  });

  it('recognises headers with bracketed qualifiers, full-width punctuation and alternatives, as B2B platforms export them', async () => {
    const text = '公司名称（英文）,联系人姓名,E-mail地址,手机号码,国家/地区,公司网址\nHangzhou Qiming Tools Co.,李娜,li@qiming.example,+86 138 0013 8000,CN,qiming.example\n';
    const { job, rows } = await upload(new Blob([text]), 'alibaba.csv', { assign: 'false' });
    expect(job.mapping).toEqual({ '公司名称（英文）': 'companyName', 联系人姓名: 'contactName', 'E-mail地址': 'email', 手机号码: 'phone', '国家/地区': 'country', 公司网址: 'website' });
    expect(job.unmappedColumns).toEqual([]);
    expect(await h.customerRow(rows[0].customerId)).toMatchObject({ company_name: 'Hangzhou Qiming Tools Co.', email: 'li@qiming.example', country: 'CN' });
  });
});

describe('importing an XLSX workbook', () => {
  it('imports the first sheet and applies the assignment rules to each new customer', async () => {
    await h.publishRuleSet(defaultRuleSets.assignment as never);
    await h.db.updateTable('reps').set({ active: false }).where('id', '!=', rep.id).where('role', '!=', 'admin').execute();
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Leads');
    sheet.addRow(['Firma', 'Land', 'Product']);
    sheet.addRow(['Echo Maschinen AG', 'DE', 'LED panels']);
    sheet.addRow(['Foxtrot Import SARL', 'FR', 'LED strips']);
    const buffer = await book.xlsx.writeBuffer();
    const { job, rows } = await upload(new Blob([buffer as ArrayBuffer]), 'leads.xlsx', { mapping: JSON.stringify({ Firma: 'companyName', Land: 'country' }) });
    expect(job.mapping).toEqual({ Firma: 'companyName', Land: 'country', Product: 'productLine' });
    expect(job.progress).toMatchObject({ rowsTotal: 2, created: 2, assigned: 2 });
    // The report names the rep and the customer, not only their ids.
    expect(rows.map((r) => r.companyName)).toEqual(['Echo Maschinen AG', 'Foxtrot Import SARL']);
    for (const r of rows) {
      expect(r.assignment).toMatchObject({ status: 'assigned', repId: rep.id, repName: `Rep ${rep.id}` });
      const decisions = (await h.call(h.adminToken, 'GET', `/customers/${r.customerId}/decisions`)).body.items;
      expect(decisions.find((d: { decision: string }) => d.decision === 'assignment')).toMatchObject({ trigger: 'import', outcome: { picked: rep.id } });
    }
    expect((await h.customerRow(rows[0].customerId)).owner_id).toBe(rep.id);
    const events = await h.db.selectFrom('ownership_events').select('kind').where('customer_id', '=', rows[0].customerId).execute();
    expect(events.map((e) => e.kind)).toEqual(['assigned']);
    await h.publishRuleSet((await import('./support/rule-sets.js')).keepInPool);
  });
});

describe('refusals', () => {
  it('drops NUL characters from cells and refuses them in the form fields, never a 5xx', async () => {
    const { job, rows } = await upload(new Blob(['Company,Country\nNul\u0000 Trading,DE\n']), 'nul.csv', { assign: 'false' });
    expect(job.progress).toMatchObject({ rowsTotal: 1, created: 1 });
    expect((await h.customerRow(rows[0].customerId)).company_name).toBe('Nul Trading');
    const before = await countCustomers();
    const field = await send(h, new Blob(['Company\nField Nul Ltd\n']), 'x.csv', { source: 'fair\u0000' });
    expect(field.status).toBe(400);
    expect(field.body.error.code).toBe('VALIDATION_FAILED');
    expect(field.body.error.details.issues).toEqual([{ pointer: '/source', code: 'text_nul', message: 'contains a NUL character (U+0000)' }]);
    expect(await countCustomers()).toBe(before);
  });

  it("words a form field PostgreSQL cannot store in the reader's language, with the issue's code", async () => {
    const ask = async (source: string) => {
      const form = new FormData();
      form.set('file', new Blob(['Company\nField Nul Ltd\n']), 'x.csv');
      form.set('source', source);
      const res = await h.app.request('/imports', { method: 'POST', headers: { authorization: `Bearer ${h.adminToken}`, 'accept-language': 'zh-CN' }, body: form });
      expect(res.status).toBe(400);
      return ((await res.json()) as { error: { message: string; details: { issues: unknown[] } } }).error;
    };
    const nul = await ask('fair\u0000');
    expect(nul.message).toBe('表单无效：/source 含有 NUL 字符（U+0000），无法保存');
    expect(nul.details.issues).toEqual([{ pointer: '/source', code: 'text_nul', message: '含有 NUL 字符（U+0000），无法保存' }]);
  });

  it('refuses what is not an importable spreadsheet with a clear 4xx, writing nothing', async () => {
    const before = await countCustomers();
    expect((await send(h, new Blob(['%PDF-1.4']), 'list.pdf')).status).toBe(415);
    const noCompany = await send(h, new Blob(['Name,Email\nAnn,a@b.example\n']), 'x.csv');
    expect(noCompany.status).toBe(400);
    expect(noCompany.body.error.message).toMatch(/company name/);
    // The file's columns come with the refusal, so the uploader can say which one holds the company name.
    expect(noCompany.body.error.details).toMatchObject({ issues: [{ pointer: '/mapping' }], columns: ['Name', 'Email'] });
    const badMapping = await send(h, new Blob(['A\nx\n']), 'x.csv', { mapping: '{"A": "salary"}' });
    expect(badMapping.status).toBe(400);
    expect(badMapping.body.error.details.issues[0].pointer).toBe('/mapping/A');
    const tooMany = await send(h, new Blob([`Company\n${Array.from({ length: 100_001 }, (_, i) => `Row ${i}`).join('\n')}`]), 'big.csv');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/at most 100000/);
    expect(tooMany.body.error.details.issues[0].pointer).toBe('/file');
    const headerOnly = await send(h, new Blob(['Company,Country\n\n']), 'empty.csv');
    expect(headerOnly.status).toBe(400);
    expect((await send(h, new Blob(['']), 'nothing.csv')).status).toBe(400);
    const brokenXlsx = await send(h, new Blob([Buffer.from('PK\u0003\u0004garbage')]), 'broken.xlsx');
    expect(brokenXlsx.status).toBe(400);
    const asJson = await h.call(h.adminToken, 'POST', '/imports', { file: 'Company\nX' });
    expect(asJson.status).toBe(415);
    // A form without its file, or with text where the file goes: told what to attach, at /file.
    for (const file of [null, 'Company\nX']) {
      const form = new FormData();
      form.set('mode', 'preview');
      if (file) form.set('file', file);
      const res = await h.app.request('/imports', { method: 'POST', headers: { authorization: `Bearer ${h.adminToken}` }, body: form });
      const body = (await res.json()) as { error: { details: { issues: { pointer: string; message: string }[] } } };
      expect(res.status).toBe(400);
      expect(body.error.details.issues).toEqual([expect.objectContaining({ pointer: '/file', message: 'attach the file as the form field "file" (a file, not text)' })]);
    }
    expect((await send(h, new Blob(['Company\nX\n']), 'x.csv', {}, 'hs_wrong')).status).toBe(401);
    expect(await countCustomers()).toBe(before);
    // No job and no staged upload was kept for any of them.
    expect(await h.db.selectFrom('import_uploads').select('id').where('rows_total', '=', 0).execute()).toEqual([]);
  });
});
