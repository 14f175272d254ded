// A Chinese-speaking admin writes a grading rule in the rules language: a typo is marked at its
// column with a Chinese message, completion offers the customer's fields with Chinese descriptions,
// the fix clears the marker; then simulate, publish, and a customer's page explains its grade in a
// Chinese sentence.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCustomers } from '../support/seed.js';
import { replaceEditorText, shown } from './support/monaco.js';
import { createUiWorld, type UiWorld } from './support/ui-world.js';

let w: UiWorld;
let page: Page;

const withTypo = `# 分级：先看预计成交天数
decision grading
hit policy first

rule "一个月内成交为 A" priority 90
  when customer.expectedCloseDay <= 30
  then grade A reason "一个月内成交"

# 其余客户
rule "其余为 C" priority 1
  when always
  then grade C
`;
const typoLine = 6;
const typoColumn = withTypo.split('\n')[typoLine - 1]!.indexOf('customer.expectedCloseDay') + 1;

/** The misspelt field as Monaco draws it: one token span. */
const typoToken = () => page.locator('[data-testid=rule-editor] .view-line span span', { hasText: /^customer\.expectedCloseDay$/ });

beforeAll(async () => {
  w = await createUiWorld();
  // 12 customers the shipped rules grade B (close in 60 days); the new rules make them C.
  await seedCustomers(w.h.db, 12, (i) => ({ company_name: `汉堡贸易 ${i}`, country: 'DE', expected_close_days: 60, grade: 'B' }));
  page = await w.signIn(await w.browser({ locale: 'zh-CN' }), w.h.adminToken);
}, 180_000);
afterAll(() => w?.close());

describe('writing rules in the rules language, in Chinese', () => {
  it('opens the grading rules as readable source with Chinese labels', async () => {
    await page.goto(`${w.baseUrl}/ui/rules/grading`);
    await page.locator('[data-testid=rule-editor] .view-lines').waitFor();
    await expect.poll(() => shown(page, '[data-testid=rule-editor] .view-lines')).toContain('when customer.noDemand = true');
    await expect.poll(() => page.locator('[data-testid=problems]').getAttribute('data-status')).toBe('done');
    expect(await page.locator('[data-testid=decision-grading]').textContent()).toContain('分级');
  });

  it("speaks Chinese in the editor's own widgets too: find, as the browser's language asks", async () => {
    await page.locator('[data-testid=rule-editor] .view-lines').click();
    await page.keyboard.press('Control+f');
    const find = page.locator('[data-testid=rule-editor] .find-widget textarea').first();
    await find.waitFor();
    expect(await find.getAttribute('aria-label')).toBe('查找');
    await page.keyboard.press('Escape');
  });

  it('marks a misspelt field at its line and column with a Chinese message', async () => {
    await replaceEditorText(page, withTypo);
    const problem = page.locator('[data-testid=problem]');
    await expect.poll(() => problem.count()).toBe(1);
    expect(await problem.getAttribute('data-line')).toBe(String(typoLine));
    expect(await problem.getAttribute('data-column')).toBe(String(typoColumn));
    expect(await problem.locator('[data-testid=problem-message]').textContent()).toMatch(/[\u4e00-\u9fff]/);
    expect(await problem.textContent()).toContain(`第 ${typoLine} 行`);
    // The squiggle sits on that line and starts at that column.
    const squiggle = page.locator('[data-testid=rule-editor] .squiggly-error').first();
    await squiggle.waitFor();
    const lineNumber = await page.locator('[data-testid=rule-editor] .line-numbers', { hasText: new RegExp(`^${typoLine}$`) }).boundingBox();
    const box = await squiggle.boundingBox();
    expect(Math.abs(box!.y - lineNumber!.y)).toBeLessThan(lineNumber!.height);
    // It starts where the misspelt name starts (Monaco draws each token as a span).
    const token = await typoToken().boundingBox();
    expect(Math.abs(box!.x - token!.x)).toBeLessThan(token!.width / 'customer.expectedCloseDay'.length);
    // Hovering the typo shows the marker's message and what the field is not.
    await page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
    const hover = page.locator('[data-testid=rule-editor] .monaco-hover').first();
    await expect.poll(() => hover.textContent()).toContain('没有字段');
    await w.screenshot(page, 'rules-language-marker');
  });

  it('completes the customer’s fields with Chinese descriptions, and the fix clears the marker', async () => {
    // Click right after "customer." in the misspelt name, select the rest of the line and delete it.
    const token = (await typoToken().boundingBox())!;
    const cell = token.width / 'customer.expectedCloseDay'.length;
    await page.mouse.click(token.x + 'customer.'.length * cell + 1, token.y + token.height / 2);
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Backspace');
    await page.keyboard.type(' <= 30');
    for (let i = 0; i < ' <= 30'.length; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+Space');
    const suggest = page.locator('.suggest-widget.visible');
    await suggest.waitFor();
    await expect.poll(() => suggest.textContent()).toContain('预计成交天数');
    expect(await suggest.textContent()).toContain('expectedCloseDays');
    await w.screenshot(page, 'rules-language-completion');
    await page.keyboard.type('expectedClose');
    await expect.poll(() => suggest.locator('.monaco-list-row.focused').textContent()).toContain('expectedCloseDays');
    await page.keyboard.press('Enter');
    await expect.poll(() => shown(page, '[data-testid=rule-editor] .view-lines')).toContain('when customer.expectedCloseDays <= 30');
    await expect.poll(() => page.locator('[data-testid=problems]').textContent()).toContain('没有问题');
    expect(await page.locator('[data-testid=problem]').count()).toBe(0);
  });

  it('simulates the rules over the customers, then publishes them', async () => {
    await page.getByRole('tab', { name: '模拟' }).click();
    await page.getByRole('button', { name: '运行模拟' }).click();
    await expect.poll(() => page.locator('[data-testid=sim-changed]').textContent(), { timeout: 30_000 }).toBe('12');
    await page.getByRole('tab', { name: '问题' }).click();
    await page.getByLabel('备注（修改原因）').fill('按预计成交天数分级');
    await page.getByRole('button', { name: '发布' }).click();
    await expect.poll(() => page.locator('[data-testid=published-grading]').textContent()).toContain('v2');
    const published = await w.h.call(w.h.adminToken, 'GET', '/rule-sets?decision=grading&status=published');
    const version = await w.h.call(w.h.adminToken, 'GET', `/rule-sets/${published.body.items[0].id}`);
    // The version keeps the text as written, comments included.
    expect(version.body).toMatchObject({ version: 2, format: 'dsl', comment: '按预计成交天数分级' });
    expect(version.body.source).toContain('# 其余客户');
    expect(version.body.source).toContain('when customer.expectedCloseDays <= 30');
  });

  it('explains a customer’s grade in a Chinese sentence on its page', async () => {
    const rep = await w.h.createRep();
    const id = await w.h.createCustomer({ companyName: '柏林机械有限公司' });
    expect((await w.h.call(rep.token, 'POST', `/customers/${id}/claim`, {})).status).toBe(200);
    expect((await w.h.call(rep.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call', expectedCloseDays: 20 })).status).toBe(200);
    await page.goto(`${w.baseUrl}/ui/customers/${id}`);
    const sentence = page.locator('[data-testid=decision-sentence]', { hasText: '等级 A' });
    await expect.poll(() => sentence.first().textContent()).toBe('等级 A，因为 预计成交天数 20 ≤ 30（规则「一个月内成交为 A」，v2）');
    await sentence.first().scrollIntoViewIfNeeded();
    await w.screenshot(page, 'customer-grade-sentence-zh');
  });
});
