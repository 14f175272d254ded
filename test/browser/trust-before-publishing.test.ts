// Issue 12 end to end, in Chinese: an admin pins a customer's reclaim decision as a test case, edits
// the reclaim rules as a table (a cell, a warning from the analysis), sees the pinned case fail and
// publishing refused, fixes the rule, reads the forecast, and publishes.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUiWorld, type UiWorld } from './support/ui-world.js';

let w: UiWorld;
let page: Page;
let customerId: string;

const rowNamed = (name: string) => page.locator(`[data-testid=table-row][data-name="${name}"]`);
const status = () => page.locator('[data-testid=problems]').getAttribute('data-status');
const published = async () => (await w.h.call(w.h.adminToken, 'GET', '/rule-sets?decision=reclaim&status=published')).body.items[0];

/** Clicks a cell showing `from` in a row and types `to`. */
async function editCell(row: string, from: string, to: string) {
  await rowNamed(row).locator('[data-testid=table-cell] button', { hasText: new RegExp(`^${from}$`) }).click();
  const input = rowNamed(row).locator('[data-testid=cell-input]');
  await input.fill(to);
  await input.press('Enter');
  await expect.poll(() => rowNamed(row).locator('[data-testid=table-cell]').allTextContents()).toContain(to);
}

beforeAll(async () => {
  w = await createUiWorld();
  const draft = await w.h.call(w.h.adminToken, 'POST', '/rule-sets', { format: 'dsl', source: readFileSync('rules/defaults/reclaim.rules', 'utf8') });
  expect((await w.h.call(w.h.adminToken, 'POST', `/rule-sets/${draft.body.id}/publish`, {})).status).toBe(200);
  const rep = await w.h.createRep();
  customerId = await w.h.createCustomer({ companyName: '青岛五金', assign: false });
  expect((await w.h.call(rep.token, 'POST', `/customers/${customerId}/claim`)).status).toBe(200);
  expect((await w.h.call(rep.token, 'POST', `/customers/${customerId}/follow-ups`, { kind: 'call', grade: 'B' })).status).toBe(200);
  // The follow-up's reclaim decision: B customers are followed up weekly.
  await w.h.waitFor(async () => {
    const res = await w.h.call(w.h.adminToken, 'GET', `/customers/${customerId}/decisions`);
    return res.body.items.some((d: { decision: string; trigger: string }) => d.decision === 'reclaim' && d.trigger === 'follow_up');
  });
  page = await w.signIn(await w.browser({ locale: 'zh-CN' }), w.h.adminToken);
}, 180_000);
afterAll(() => w?.close());

describe('trusting reclaim rules before publishing them, in Chinese', () => {
  it("pins the customer's weekly follow-up deadline as a test case", async () => {
    await page.goto(`${w.baseUrl}/ui/customers/${customerId}`);
    const decision = page.locator('li.decision', { hasText: 'B：每周跟进' }).first();
    await decision.getByRole('button', { name: '固定为测试用例' }).click();
    await decision.getByLabel('测试用例名称').fill('B 客户每周跟进');
    await decision.getByRole('button', { name: '固定', exact: true }).click();
    await expect.poll(() => decision.locator('[role=status]').textContent()).toContain('B 客户每周跟进');
    const cases = (await w.h.call(w.h.adminToken, 'GET', '/decisions/reclaim/test-cases')).body.items;
    expect(cases.map((c: { name: string }) => c.name)).toContain('B 客户每周跟进');
  });

  it('edits the table: a changed cell, and a warning from the analysis on a contradictory row', async () => {
    await page.goto(`${w.baseUrl}/ui/rules/reclaim`);
    await page.locator('[data-testid=rule-editor] .view-lines').waitFor();
    await expect.poll(status).toBe('done');
    await page.locator('[data-testid=view-table]').click();
    await page.locator('[data-testid=decision-grid]').waitFor();
    await editCell('B: follow up weekly', '7d', '10d');

    // Requiring "regular" (not a key customer) on the key customers' row can never hold: warned.
    const key = rowNamed('Key customers: follow up monthly');
    const regular = (await page.locator('[data-testid=condition-column]').allTextContents()).findIndex((h) => h.trim() === 'regular');
    await key.locator(`[data-cell=c${regular}] button`).click();
    await key.locator('[data-testid=cell-input]').selectOption('true');
    await expect.poll(() => page.locator('[data-testid=table-warning]').count()).toBeGreaterThan(0);
    expect(await key.getAttribute('data-warned')).toBe('true');
    expect(await page.locator('[data-testid=table-warning]').first().textContent()).toMatch(/[\u4e00-\u9fff]/);
    // Undone: back to "any".
    await key.locator(`[data-cell=c${regular}] button`).click();
    await key.locator('[data-testid=cell-input]').selectOption('');
    await expect.poll(() => page.locator('[data-testid=table-warning]').count()).toBe(0);
  });

  it('shows the pinned case failing, and publishing refused while it fails', async () => {
    await page.getByRole('tab', { name: '测试用例' }).click();
    const testCase = page.locator('[data-testid=test-case]', { hasText: 'B 客户每周跟进' });
    await expect.poll(() => testCase.getAttribute('data-status')).toBe('failed');
    expect(await testCase.locator('[data-testid=test-actual]').textContent()).toContain('10d');
    await page.getByRole('tab', { name: '问题' }).click();
    const before = (await published()).version;
    await page.getByRole('button', { name: '发布' }).click();
    const alert = page.locator('[role=alert][data-code=RULE_TESTS_FAILED]');
    await alert.waitFor();
    expect(await alert.locator('[data-testid=test-failure]').textContent()).toContain('B 客户每周跟进');
    expect((await published()).version).toBe(before);
  });

  it('fixes the rule, reads the forecast, and publishes', async () => {
    await editCell('B: follow up weekly', '10d', '7d');
    await editCell('D: follow up monthly', '30d', '20d');
    await page.getByRole('tab', { name: '测试用例' }).click();
    await expect.poll(() => page.locator('[data-testid=test-case]', { hasText: 'B 客户每周跟进' }).getAttribute('data-status')).toBe('passed');

    await page.getByRole('tab', { name: '模拟' }).click();
    await page.getByLabel('预测天数').selectOption('30');
    await page.getByRole('button', { name: '预测', exact: true }).click();
    await expect.poll(() => page.locator('[data-testid=forecast-total]').textContent(), { timeout: 30_000 }).toMatch(/^30 天内回收：已发布 \d+ 个，编辑器 \d+ 个$/);
    expect(await page.locator('[data-testid=forecast-chart] canvas').count()).toBe(1);

    const before = (await published()).version;
    await page.getByRole('tab', { name: '问题' }).click();
    await page.getByRole('button', { name: '发布' }).click();
    await expect.poll(async () => (await published()).version).toBe(before + 1);
    const now = await w.h.call(w.h.adminToken, 'GET', `/rule-sets/${(await published()).id}`);
    const rules = now.body.document.rules as { name: string; event: { params: { duration: string } } }[];
    expect(rules.find((r) => r.name === 'D: follow up monthly')!.event.params.duration).toBe('20d');
    expect(rules.find((r) => r.name === 'B: follow up weekly')!.event.params.duration).toBe('7d');
  });
});
