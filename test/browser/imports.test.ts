// Imports in the browser (issue 14 §1): a manager drops a CSV with Chinese headers onto the Imports
// page, maps a column the server did not recognise, previews (counts, the duplicate's customer, the
// refused row's column), commits, watches the progress reach 100 %, filters the report by outcome
// and downloads the rejected rows; a file the server refuses shows its message and pointer.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastReclaim } from '../support/rule-sets.js';
import { createUiWorld, type UiWorld } from './support/ui-world.js';

let w: UiWorld;
let page: Page;
let existingId: string;
let similarId: string;
let ownedId: string;

const CSV = [
  '公司名称,联系人,邮箱,国家,展会产品',
  '深圳远航贸易有限公司,张伟,zhang@yuanhang.example,CN,LED灯具',
  'Hamburg Import GmbH,Hans Vogel,hans@hamburg-import.example,DE,Solar panels',
  'Existing Importers GmbH,,,,',
  'Bravo Trading,Carl,not-an-email,DE,',
].join('\r\n');

/** Drops a file on the drop zone as a person dragging it from the desktop would. */
async function dropFile(p: Page, name: string, text: string, type: string) {
  const dataTransfer = await p.evaluateHandle(
    ([n, t, ty]) => {
      // Runs in the page; the test program has no DOM types, so the few used are spelled out.
      const g = globalThis as unknown as {
        DataTransfer: new () => { items: { add(file: object): void } };
        File: new (parts: string[], name: string, init: { type: string }) => object;
      };
      const dt = new g.DataTransfer();
      dt.items.add(new g.File([t], n, { type: ty }));
      return dt;
    },
    [name, text, type] as const,
  );
  const zone = p.locator('[data-testid=drop-zone]');
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

const job = () => page.locator('[data-testid=import-job]');
/** The job the page's address names, once it shows that job in `status` (the URL changes before the page does). */
async function shownJob(p: Page, status: string) {
  const id = () => decodeURIComponent(new URL(p.url()).pathname.split('/').pop()!);
  const view = p.locator('[data-testid=import-job]');
  const shown = async () => ((await view.getAttribute('data-job-id')) === id() ? view.getAttribute('data-status') : 'another job');
  await expect.poll(shown, { timeout: 30_000 }).toBe(status);
  return id();
}
const count = (scope: string, outcome: string) => page.locator(`${scope} [data-testid=import-counts] [data-count=${outcome}] dd`).textContent();

beforeAll(async () => {
  // Deadlines far away: the rep's private customer stays theirs while the test runs.
  w = await createUiWorld({ reclaim: fastReclaim({ firstFollowUp: '1h', cadence: { A: '1h', B: '1h', C: '1h', D: '1h', E: '1h' } }) });
  const { h } = w;
  expect((await h.call(h.adminToken, 'POST', '/teams', { id: 'east', name: '华东外贸一部' })).status).toBe(201);
  const manager = await h.createRep({ id: 'wang', role: 'manager', teamId: 'east' });
  await h.db.updateTable('teams').set({ manager_id: manager.id }).where('id', '=', 'east').execute();
  const existing = await h.call(h.adminToken, 'POST', '/customers', { companyName: 'Existing Importers GmbH', assign: false });
  expect(existing.status).toBe(201);
  existingId = existing.body.id;
  // A customer whose name is like a row's (not the same company name): flagged on that row, never refused.
  similarId = (await h.call(h.adminToken, 'POST', '/customers', { companyName: 'Shenzhen Yuanhang Trading Co., Ltd.', assign: false })).body.id;
  const li = await h.createRep({ id: 'li', teamId: 'east' });
  ownedId = (await h.call(h.adminToken, 'POST', '/customers', { companyName: 'Fill Owned Ltd', assign: false })).body.id;
  expect((await h.call(li.token, 'POST', `/customers/${ownedId}/claim`)).status).toBe(200);
  page = await w.signIn(await w.browser(), manager.token);
}, 180_000);
afterAll(() => w?.close());

describe('importing a spreadsheet from the Imports page', () => {
  it('previews a dropped CSV with Chinese headers, maps an unrecognised column, commits with a progress bar and downloads the rejects', async () => {
    await page.getByRole('link', { name: 'Imports', exact: true }).click();
    await page.getByText('No imports yet.').waitFor();
    const form = page.getByRole('form', { name: 'New import' });
    await dropFile(page, '广交会名单.csv', CSV, 'text/csv');
    expect(await form.locator('[data-testid=drop-zone-file]').textContent()).toBe('广交会名单.csv');
    await form.getByLabel('Source for rows without one').fill('canton_fair_2026');
    await form.getByLabel('Assign with the rules (off: everything lands in the pool)').uncheck();
    await form.getByRole('button', { name: 'Preview' }).click();

    await shownJob(page, 'previewed');
    expect(await job().locator('h2').textContent()).toMatch(/^广交会名单\.csv/);
    expect(await count('[data-testid=import-preview]', 'created')).toBe('2');
    expect(await count('[data-testid=import-preview]', 'duplicate')).toBe('1');
    expect(await count('[data-testid=import-preview]', 'updated')).toBe('0');
    expect(await count('[data-testid=import-preview]', 'refused')).toBe('1');

    // The columns: Chinese headers recognised, the trade-show column not.
    const mapping = page.locator('[data-testid=column-mapping]');
    expect(await mapping.locator('tr[data-column=公司名称] select').inputValue()).toBe('companyName');
    expect(await mapping.locator('tr[data-column=邮箱] select').inputValue()).toBe('email');
    expect(await mapping.locator('tr[data-column=展会产品]').getAttribute('data-mapped')).toBe('false');

    const preview = page.locator('[data-testid=import-preview]');
    await preview.getByRole('tab', { name: 'Refused' }).click();
    const refused = preview.locator('[data-testid=import-rows] tbody tr');
    expect(await refused.count()).toBe(1);
    expect(await refused.locator('td').first().textContent()).toBe('5');
    expect(await refused.locator('[data-testid=refusal] code').textContent()).toBe('邮箱');
    // The Customer column names the row's company as the upload gives it (no customer exists yet).
    expect(await refused.locator('td').nth(2).textContent()).toBe('Bravo Trading');
    await preview.getByRole('tab', { name: 'Duplicate' }).click();
    const duplicate = preview.locator('[data-testid=import-rows] tbody tr');
    expect(await duplicate.locator('td').first().textContent()).toBe('4');
    expect(await duplicate.locator('[data-testid=duplicate-of] a').getAttribute('href')).toBe(`/ui/customers/${existingId}`);
    expect(await duplicate.locator('[data-testid=duplicate-of] a').textContent()).toBe('Existing Importers GmbH');
    expect(await duplicate.locator('td').nth(2).textContent()).toBe('Existing Importers GmbH');
    expect(await w.h.db.selectFrom('customers').select('id').where('source', '=', 'canton_fair_2026').execute()).toEqual([]);
    await preview.getByRole('tab', { name: 'Created' }).click();
    const similar = preview.locator('[data-testid=import-rows] tbody tr', { hasText: 'Similar names:' });
    expect(await similar.count()).toBe(1);
    expect(await similar.locator('td').first().textContent()).toBe('2');
    expect(await similar.locator('td').nth(2).textContent()).not.toBe('—');
    expect(await similar.getByRole('link', { name: 'Shenzhen Yuanhang Trading Co., Ltd.' }).getAttribute('href')).toBe(`/ui/customers/${similarId}`);

    // Map the unrecognised column and preview again (the kept upload, POST /imports/{id}/remap: no file sent).
    const firstPreview = page.url();
    await mapping.getByLabel('Field for column 展会产品').selectOption('productLine');
    await mapping.getByRole('button', { name: 'Preview again with this mapping' }).click();
    await expect.poll(() => page.url()).not.toBe(firstPreview);
    await shownJob(page, 'previewed');
    expect(await page.locator('[data-testid=column-mapping] tr[data-column=展会产品]').getAttribute('data-mapped')).toBe('true');
    await w.screenshot(page, 'imports-preview');

    const previewUrl = page.url();
    await page.getByRole('button', { name: 'Commit the import' }).click();
    await expect.poll(() => page.url()).not.toBe(previewUrl);
    await shownJob(page, 'completed');
    expect(await job().locator('h2 .badge').first().textContent()).toBe('Import');
    const progress = page.locator('[data-testid=import-progress]');
    expect(await progress.locator('progress').getAttribute('value')).toBe('100');
    expect(await progress.locator('[data-testid=import-percent]').textContent()).toBe('100%');
    expect(await count('[data-testid=import-progress]', 'created')).toBe('2');
    expect(await count('[data-testid=import-progress]', 'refused')).toBe('1');

    const created = await w.h.db.selectFrom('customers').select(['company_name', 'product_line', 'status']).where('source', '=', 'canton_fair_2026').orderBy('company_name').execute();
    expect(created).toEqual([
      { company_name: 'Hamburg Import GmbH', product_line: 'Solar panels', status: 'pool' },
      { company_name: '深圳远航贸易有限公司', product_line: 'LED灯具', status: 'pool' },
    ]);

    // The report, filtered to the refused rows.
    const report = page.locator('[data-testid=import-report]');
    await expect.poll(() => report.locator('[data-testid=import-rows] tbody tr').count()).toBe(4);
    await report.getByLabel('Outcome').selectOption('refused');
    await expect.poll(() => report.locator('[data-testid=import-rows] tbody tr').count()).toBe(1);
    const row = report.locator('[data-testid=import-rows] tbody tr');
    expect(await row.getAttribute('data-outcome')).toBe('refused');
    expect(await row.locator('[data-testid=refusal] code').textContent()).toBe('邮箱');
    await w.screenshot(page, 'imports-report');

    // The rejected rows as CSV, in the upload's own columns: fetched with the token, then saved.
    const [download] = await Promise.all([page.waitForEvent('download'), report.getByRole('button', { name: 'Refused and duplicate rows (CSV)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const text = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = text.trim().split(/\r?\n/);
    expect(lines[0]).toContain('公司名称,联系人,邮箱,国家,展会产品');
    expect(lines).toHaveLength(3);
    expect(lines.filter((l) => l.includes('Bravo Trading,Carl,not-an-email,DE'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('Existing Importers GmbH'))).toHaveLength(1);

    // The job is in the list with its status.
    const recent = page.locator('[data-testid=recent-imports] tbody tr');
    await expect.poll(() => recent.locator('[data-testid=import-status][data-status=completed]').count(), { timeout: 10_000 }).toBe(1);
    expect(await recent.locator('[data-testid=import-status][data-status=previewed]').count()).toBe(2);
  });

  it("shows the server's message and pointer for a file it refuses, and creates no job", async () => {
    await page.getByRole('link', { name: 'New import' }).click();
    const before = await page.locator('[data-testid=recent-imports] tbody tr').count();
    const form = page.getByRole('form', { name: 'New import' });
    await dropFile(page, 'empty.csv', '', 'text/csv');
    await form.getByRole('button', { name: 'Preview' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getAttribute('data-code')).toBe('VALIDATION_FAILED');
    // The field by its label in the form, not by the server's pointer.
    expect(await alert.locator('li').first().textContent()).toMatch(/^File\b/);
    expect(await alert.textContent()).not.toContain('/file');

    await dropFile(page, 'customers.pdf', '%PDF-1.4', 'application/pdf');
    await form.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => alert.getAttribute('data-code')).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await alert.textContent()).toContain('customers.pdf');
    expect(await page.locator('[data-testid=recent-imports] tbody tr').count()).toBe(before);
  });

  it('cancels a running import from its progress bar; the rows processed so far stay counted', async () => {
    await page.getByRole('link', { name: 'Imports', exact: true }).click();
    const lines = ['Company,E-mail'];
    for (let i = 0; i < 50_000; i++) lines.push(`Cancel Test ${i} Ltd,buyer${i}@cancel${i}.example`);
    await dropFile(page, 'big-list.csv', lines.join('\n'), 'text/csv');
    await page.getByRole('form', { name: 'New import' }).getByRole('button', { name: 'Preview' }).click();
    const progress = page.locator('[data-testid=import-progress]');
    await progress.getByRole('button', { name: 'Cancel the import' }).click({ timeout: 30_000 });
    const id = await shownJob(page, 'cancelled');
    expect(await progress.getByRole('button', { name: 'Cancel the import' }).count()).toBe(0);
    const { body: cancelled } = await w.h.call(w.h.adminToken, 'GET', `/imports/${id}`);
    expect(cancelled.progress.rowsRead).toBeLessThan(50_000);
    expect(Number(await progress.locator('progress').getAttribute('value'))).toBe(cancelled.progress.percent);
    expect(await count('[data-testid=import-progress]', 'created')).toBe(String(cancelled.progress.created));
  });

  it("lets only an admin fill other reps' private customers, and shows the fields a row filled", async () => {
    await page.getByRole('link', { name: 'Imports', exact: true }).click();
    const managerForm = page.getByRole('form', { name: 'New import' });
    await managerForm.getByLabel('Customers that already exist').selectOption('fill');
    expect(await managerForm.getByLabel("Also fill other reps' private customers").count()).toBe(0);

    const admin = await w.signIn(await w.browser(), w.h.adminToken);
    await admin.getByRole('link', { name: 'Imports', exact: true }).click();
    const form = admin.getByRole('form', { name: 'New import' });
    await dropFile(admin, 'fill.csv', 'Company,Contact,E-mail\nFill Owned Ltd,Ann,ann@fillowned.example', 'text/csv');
    await form.getByLabel('Customers that already exist').selectOption('fill');
    await form.getByLabel("Also fill other reps' private customers").check();
    await form.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => admin.url()).toMatch(/\/imports\/./);
    await shownJob(admin, 'previewed');
    const preview = admin.locator('[data-testid=import-preview]');
    expect(await preview.getByRole('tab', { selected: true }).textContent()).toBe('Updated (1)');
    const updated = preview.locator('[data-testid=import-rows] tbody tr');
    // The customer by its company name, linking to it.
    expect(await updated.locator('td').nth(2).textContent()).toBe('Fill Owned Ltd');
    expect(await updated.locator('td').nth(2).locator('a').getAttribute('href')).toBe(`/ui/customers/${ownedId}`);
    expect(await updated.locator('td').nth(3).textContent()).toContain('Filled: Contact, E-mail');
    expect((await w.h.customerRow(ownedId)).email).toBeNull();

    const previewUrl = admin.url();
    await admin.getByRole('button', { name: 'Commit the import' }).click();
    await expect.poll(() => admin.url()).not.toBe(previewUrl);
    await shownJob(admin, 'completed');
    expect(await w.h.customerRow(ownedId)).toMatchObject({ contact_name: 'Ann', email: 'ann@fillowned.example', owner_id: 'li' });
  });

  it('stops asking for an import job the server does not know (404), instead of polling it twice a second', async () => {
    const unknown = '00000000-0000-4000-8000-00000000abcd';
    let asked = 0;
    const count = (r: { url(): string }) => {
      if (new URL(r.url()).pathname === `/imports/${unknown}`) asked++;
    };
    page.on('request', count);
    await page.goto(`${w.baseUrl}/ui/imports/${unknown}`);
    await page.getByText('Not found.').waitFor();
    await page.waitForTimeout(2_500);
    page.off('request', count);
    // The first answer, and at most one more asked before it arrived (React's strict mode mounts twice).
    expect(asked).toBeLessThanOrEqual(2);
  });
});
