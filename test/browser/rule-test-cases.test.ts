// A Chinese-speaking admin pins a customer's grading decision as a test case, sees it pass against
// the editor's text, breaks the rule it protects and sees it fail with the expected and actual
// outcome, has publishing refused with that failure listed, fixes the rule and publishes.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replaceEditorText } from './support/monaco.js';
import { createUiWorld, type UiWorld } from './support/ui-world.js';

let w: UiWorld;
let page: Page;
let customerId: string;

const shipped = readFileSync('rules/defaults/grading.rules', 'utf8');
const broken = shipped.replace('when customer.expectedCloseDays <= 30', 'when customer.expectedCloseDays <= 10');

beforeAll(async () => {
  w = await createUiWorld();
  const rep = await w.h.createRep();
  customerId = await w.h.createCustomer({ companyName: '汉堡贸易', assign: false });
  expect((await w.h.call(rep.token, 'POST', `/customers/${customerId}/claim`)).status).toBe(200);
  expect((await w.h.call(rep.token, 'POST', `/customers/${customerId}/follow-ups`, { kind: 'call', expectedCloseDays: 20 })).body.grade).toBe('A');
  page = await w.signIn(await w.browser({ locale: 'zh-CN' }), w.h.adminToken);
}, 180_000);
afterAll(() => w?.close());

const testCase = () => page.locator('[data-testid=test-case]', { hasText: '二十天成交' });

describe('test cases in the admin UI, in Chinese', () => {
  it("pins a customer's grading decision as a test case", async () => {
    await page.goto(`${w.baseUrl}/ui/customers/${customerId}`);
    const decision = page.locator('li.decision', { hasText: '预计成交天数 20' });
    await decision.getByRole('button', { name: '固定为测试用例' }).click();
    await decision.getByLabel('测试用例名称').fill('二十天成交');
    await decision.getByRole('button', { name: '固定', exact: true }).click();
    await expect.poll(() => decision.locator('[role=status]').textContent()).toBe('已固定为测试用例“二十天成交”。');
    const cases = await w.h.call(w.h.adminToken, 'GET', '/decisions/grading/test-cases');
    expect(cases.body.items[0]).toMatchObject({ name: '二十天成交', expected: { fired: [{ name: 'Close within 1 month: A' }] } });
  });

  it('shows the case passing, then failing with expected and actual when the rule changes', async () => {
    await page.goto(`${w.baseUrl}/ui/rules/grading`);
    await page.locator('[data-testid=rule-editor] .view-lines').waitFor();
    await page.getByRole('tab', { name: '测试用例' }).click();
    await expect.poll(() => testCase().getAttribute('data-status')).toBe('passed');
    expect(await page.locator('[data-testid=test-summary]').textContent()).toBe('1 个用例中 1 个通过（按编辑器中的文本）');
    await page.locator('[data-testid=test-case-history] summary').click();
    expect(await page.locator('[data-testid=test-case-history] li[data-action=added]').textContent()).toMatch(/（admin） · 添加了 “二十天成交”/);

    await replaceEditorText(page, broken);
    await expect.poll(() => testCase().getAttribute('data-status')).toBe('failed');
    expect(await testCase().locator('[data-testid=test-expected]').textContent()).toContain('1 个月内成交：A');
    // The name the case compares, as the rule set stores it, beside the words shown for it.
    expect(await testCase().locator('[data-testid=test-expected]').textContent()).toContain('（规则名“Close within 1 month: A”）');
    expect(await testCase().locator('[data-testid=test-actual]').textContent()).toContain('3 个月内成交：B');
    expect(await testCase().locator('[data-testid=test-sentence]').textContent()).toContain('等级 B');
    await w.screenshot(page, 'rules-test-case-failing');
  });

  it('refuses to publish while the case fails, listing it, and publishes after the fix', async () => {
    await page.getByRole('tab', { name: '问题' }).click();
    await page.getByRole('button', { name: '发布' }).click();
    const alert = page.locator('[role=alert][data-code=RULE_TESTS_FAILED]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('未发布：此版本有 1 个测试用例未通过。');
    expect(await alert.locator('[data-testid=test-failure]').textContent()).toContain('二十天成交');
    // The outcome's params in Chinese words: 等级, 原因 and the shipped reason, never "(grade B, reason …)".
    const failure = await alert.locator('[data-testid=test-failure]').textContent();
    expect(failure).toContain('（等级 A');
    expect(failure).toContain('（等级 B，原因 预计 3 个月内成交）');
    expect(failure).not.toContain('grade');
    expect((await w.h.call(w.h.adminToken, 'GET', '/rule-sets?decision=grading&status=published')).body.items[0].version).toBe(1);
    // The draft the refused publish saved is listed among the versions at once.
    await page.getByRole('tab', { name: '版本' }).click();
    await expect.poll(() => page.locator('[data-testid=versions] [data-status=draft]').count()).toBe(1);

    await replaceEditorText(page, shipped.replace('then grade A reason "expected to close within 1 month"', 'then grade A reason "closes within a month"'));
    await page.getByRole('tab', { name: '测试用例' }).click();
    await expect.poll(() => testCase().getAttribute('data-status')).toBe('failed');
    // The pinned case states every param of today's outcome: a changed reason fails it too. Restore it.
    await replaceEditorText(page, shipped);
    await expect.poll(() => testCase().getAttribute('data-status')).toBe('passed');
    await page.getByRole('tab', { name: '问题' }).click();
    await page.getByRole('button', { name: '发布' }).click();
    await expect.poll(async () => (await w.h.call(w.h.adminToken, 'GET', '/rule-sets?decision=grading&status=published')).body.items[0].version).toBeGreaterThan(1);
  });
});
