// A Chinese-speaking admin opens the reclaim rules as a decision table, changes the B grade's
// follow-up from 7 days to 10 in one cell, sees the rules language (comments kept) and the server
// follow, and saves a draft whose document holds the new value.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shown } from './support/monaco.js';
import { createUiWorld, type UiWorld } from './support/ui-world.js';

let w: UiWorld;
let page: Page;

const B = 'B: follow up weekly';
const row = () => page.locator(`[data-testid=table-row][data-name="${B}"]`);
const status = () => page.locator('[data-testid=problems]').getAttribute('data-status');

beforeAll(async () => {
  w = await createUiWorld();
  // The world runs a fast reclaim set; publish the shipped one (rules language, comments and all).
  const source = readFileSync('rules/defaults/reclaim.rules', 'utf8');
  const draft = await w.h.call(w.h.adminToken, 'POST', '/rule-sets', { format: 'dsl', source });
  expect(draft.status).toBe(201);
  expect((await w.h.call(w.h.adminToken, 'POST', `/rule-sets/${draft.body.id}/publish`, {})).status).toBe(200);
  page = await w.signIn(await w.browser({ locale: 'zh-CN' }), w.h.adminToken);
}, 180_000);
afterAll(() => w?.close());

describe('the reclaim rules as a decision table, in Chinese', () => {
  it('shows the rules as a grid with the hit policy, Chinese headers and "any" cells', async () => {
    await page.goto(`${w.baseUrl}/ui/rules/reclaim`);
    await page.locator('[data-testid=rule-editor] .view-lines').waitFor();
    await expect.poll(status).toBe('done');
    await page.locator('[data-testid=view-table]').click();
    await page.locator('[data-testid=decision-grid]').waitFor();
    expect(await page.locator('[data-testid=view-table]').textContent()).toBe('表格');
    expect(await page.locator('[data-testid=hit-policy]').textContent()).toBe('C');
    expect(await page.locator('[data-testid=decision-grid]').textContent()).toContain('collect：每一条匹配的行都计入');
    // The grade column: the field's Chinese label and the operator as the rules language writes it.
    const headers = await page.locator('[data-testid=condition-column]').allTextContents();
    expect(headers.some((h) => /等级/.test(h) && h.includes('='))).toBe(true);
    await expect.poll(() => page.locator('[data-testid=table-row]').count()).toBe(12);
    // The "C (or ungraded)" rule has an `or` inside: a row that opens in the text view.
    const unfit = page.locator('[data-testid=table-row][data-unfit=true]');
    expect(await unfit.count()).toBe(1);
    expect(await unfit.textContent()).toContain('在文本视图中打开');
    expect(await row().locator('[data-testid=table-cell]').allTextContents()).toContain('任意');
    expect(await row().locator('[data-testid=table-cell]').allTextContents()).toContain('7d');
    // Values in words, not codes: the deadline's name and reason, a flag, a stage list, the event.
    const cells = await row().locator('[data-testid=table-cell]').allTextContents();
    expect(cells).toEqual(expect.arrayContaining(['跟进', '未按时跟进']));
    expect(cells).not.toContain('no_follow_up');
    const quote = page.locator('[data-testid=table-row][data-name="A quote within 7 days of an inquiry"]');
    expect(await quote.locator('[data-testid=table-cell]').allTextContents()).toContain('询盘, 核价');
    const won = page.locator('[data-testid=table-row][data-name="Won customers are exempt"]');
    expect(await won.locator('[data-testid=table-cell]').allTextContents()).toEqual(expect.arrayContaining(['已成交', '已成交客户受保护']));
    const deal = page.locator('[data-testid=table-row][data-name="A deal within 90 days"]');
    expect(await deal.locator('[data-testid=table-cell]').allTextContents()).toContain('否');
    expect(await won.getByLabel('事件').locator('option:checked').textContent()).toBe('免回收');
  });

  it('edits a cell: the JSON text, the server and the rules language follow', async () => {
    await row().locator('[data-testid=table-cell] button', { hasText: /^7d$/ }).click();
    const input = row().locator('[data-testid=cell-input]');
    await input.fill('10d');
    await input.press('Enter');
    await expect.poll(() => row().locator('[data-testid=table-cell]').allTextContents()).toContain('10d');
    expect(await row().locator('[data-testid=table-cell]').allTextContents()).not.toContain('7d');
    await expect.poll(status).toBe('done');
    expect(await page.locator('[data-testid=problem]').count()).toBe(0);
    expect(await page.locator('[data-testid=editing]').locator('..').textContent()).toContain('•');
    await page.locator('[data-testid=grid-scroll]').evaluate((e) => ((e as unknown as { scrollLeft: number }).scrollLeft = 0));
    await w.screenshot(page, 'decision-table-zh');

    await page.locator('[data-testid=view-dsl]').click();
    await expect.poll(() => shown(page, '[data-testid=rule-editor] .view-lines')).toContain('then deadline follow_up in 10d warn 1d');
    // The comments came through the table and back (the text is printed from the edited document).
    expect(await shown(page, '[data-testid=rule-editor] .view-lines')).toContain('# reclaim — hit policy collect: every rule that fires counts.');
    await expect.poll(status).toBe('done');
    expect(await page.locator('[data-testid=problem]').count()).toBe(0);
  });

  it('saves a draft whose document has the new value', async () => {
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect.poll(() => page.locator('[data-testid=editing]').textContent()).toContain('草稿');
    const drafts = await w.h.call(w.h.adminToken, 'GET', '/rule-sets?decision=reclaim&status=draft');
    expect(drafts.body.items).toHaveLength(1);
    const draft = await w.h.call(w.h.adminToken, 'GET', `/rule-sets/${drafts.body.items[0].id}`);
    const rules = draft.body.document.rules as { name: string; event: { params: { duration: string } } }[];
    expect(rules.find((r) => r.name === B)!.event.params.duration).toBe('10d');
    // Nothing else changed: the other deadlines keep their durations.
    expect(rules.find((r) => r.name === 'A: follow up daily')!.event.params.duration).toBe('1d');
    expect(rules).toHaveLength(12);
    // With the comments the shipped text has, in the document and in the text.
    expect(draft.body.document.rules[2].comments).toEqual(['Follow-ups by grade, for regular customers.']);
    expect(draft.body.source).toContain('# Follow-ups by grade, for regular customers.\nrule "A: follow up daily"');

    // Opened again later, the rules start from the published version and offer the newer draft.
    const later = await page.context().newPage();
    await later.goto(`${w.baseUrl}/ui/rules/reclaim`);
    const offer = later.locator('[data-testid=newer-draft]');
    await expect.poll(() => offer.textContent()).toContain(`草稿 v${draft.body.version}`);
    await offer.getByRole('button', { name: `打开草稿 v${draft.body.version}` }).click();
    await expect.poll(() => later.locator('[data-testid=editing]').textContent()).toContain('草稿');
    expect(await later.locator('[data-testid=newer-draft]').count()).toBe(0);
    await later.close();
  });

  it('keeps a cell edited right before switching views: the switch commits it and shows it', async () => {
    await expect.poll(status).toBe('done');
    await page.locator('[data-testid=view-table]').click();
    await page.locator('[data-testid=decision-grid]').waitFor();
    await row().locator('[data-testid=table-cell] button', { hasText: /^10d$/ }).click();
    // Typed, and the view switched straight away: no Enter, no Tab (the click itself ends the edit).
    await row().locator('[data-testid=cell-input]').fill('12d');
    await page.locator('[data-testid=view-dsl]').click();
    await expect.poll(() => shown(page, '[data-testid=rule-editor] .view-lines')).toContain('then deadline follow_up in 12d warn 1d');
    // And back, as it was.
    await expect.poll(status).toBe('done');
    await page.locator('[data-testid=view-table]').click();
    await row().locator('[data-testid=table-cell] button', { hasText: /^12d$/ }).click();
    await row().locator('[data-testid=cell-input]').fill('10d');
    await row().locator('[data-testid=cell-input]').press('Enter');
    await expect.poll(() => row().locator('[data-testid=table-cell]').allTextContents()).toContain('10d');
    await page.locator('[data-testid=view-dsl]').click();
    await expect.poll(() => shown(page, '[data-testid=rule-editor] .view-lines')).toContain('then deadline follow_up in 10d warn 1d');
  });

  it('shows the analysis’s warnings above the grid and highlights the rows they point at', async () => {
    await page.locator('[data-testid=view-table]').click();
    await page.locator('[data-testid=decision-grid]').waitFor();
    expect(await page.locator('[data-testid=table-row][data-warned]').count()).toBe(0);
    // Key customers also required to be "regular" (not key customers): the rule can never fire.
    const key = page.locator('[data-testid=table-row][data-name="Key customers: follow up monthly"]');
    const headers = await page.locator('[data-testid=condition-column]').allTextContents();
    const regular = headers.findIndex((h) => h.trim() === 'regular');
    expect(regular).toBeGreaterThanOrEqual(0);
    await key.locator(`[data-cell=c${regular}] button`).click();
    await key.locator('[data-testid=cell-input]').selectOption('true');
    await expect.poll(() => page.locator('[data-testid=table-warning]').count()).toBeGreaterThan(0);
    const pointers = await page.locator('[data-testid=table-warning]').evaluateAll((ws) => ws.map((x) => (x as unknown as { dataset: { pointer: string } }).dataset.pointer));
    const index = await key.evaluate((r) => [...(r as unknown as { parentElement: { children: unknown[] } }).parentElement.children].indexOf(r));
    expect(pointers).toContain(`/rules/${index}`);
    expect(await key.getAttribute('data-warned')).toBe('true');
    expect(await page.locator('[data-testid=table-row][data-warned]').count()).toBe(new Set(pointers.filter((p) => /^\/rules\/\d+$/.test(p))).size);
    expect(await page.locator('[data-testid=table-warning]').first().textContent()).toMatch(/[\u4e00-\u9fff]/);
    await w.screenshot(page, 'decision-table-warning-zh');
  });

  it('adds a condition column from the contract, fills it, and moves a row up', async () => {
    const columns = await page.locator('[data-testid=condition-column]').count();
    await page.locator('[data-testid=add-column]').click();
    const form = page.locator('[data-testid=add-column-form]');
    await form.getByLabel('事实').selectOption('customer');
    await form.getByLabel('字段').selectOption('country');
    // Only the operators a string field allows.
    const operators = await form.getByLabel('运算符').locator('option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
    expect(operators).toEqual(['', 'equal', 'notEqual', 'in', 'notIn']);
    await form.getByLabel('运算符').selectOption('equal');
    await form.getByRole('button', { name: '添加' }).click();
    await expect.poll(() => page.locator('[data-testid=condition-column]').count()).toBe(columns + 1);
    expect(await page.locator('[data-testid=condition-column]').last().textContent()).toBe('国家 =');
    await row().locator(`[data-cell=c${columns}] button`).click();
    await row().locator('[data-testid=cell-input]').fill('DE');
    await row().locator('[data-testid=cell-input]').press('Enter');
    const names = () => page.locator('[data-testid=table-row]').evaluateAll((rs) => rs.map((r) => (r as unknown as { dataset: { name?: string } }).dataset.name ?? ''));
    expect((await names()).indexOf(B)).toBe(3);
    await row().getByRole('button', { name: '上移' }).click();
    await expect.poll(async () => (await names()).indexOf(B)).toBe(2);
    await expect.poll(status).toBe('done');
    expect(await page.locator('[data-testid=problem]').count()).toBe(0);
    await page.locator('[data-testid=view-dsl]').click();
    const text = () => shown(page, '[data-testid=rule-editor] .view-lines');
    await expect.poll(text).toContain('customer.country = "DE"');
    const t = await text();
    expect(t.indexOf('rule "B: follow up weekly"')).toBeLessThan(t.indexOf('rule "A: follow up daily"'));
  });

  it('names an error by its row, marks the row, refuses a column it already has, and gives a new row the event of the row above', async () => {
    await expect.poll(status).toBe('done');
    await page.locator('[data-testid=view-table]').click();
    await page.locator('[data-testid=decision-grid]').waitFor();
    const cells = () => row().locator('[data-testid=table-cell]').allTextContents();
    await row().locator('[data-testid=table-cell] button', { hasText: /^10d$/ }).click();
    await row().locator('[data-testid=cell-input]').fill('10 天');
    await row().locator('[data-testid=cell-input]').press('Enter');
    await expect.poll(cells).toContain('10 天');
    await expect.poll(() => page.locator('[data-testid=table-error]').count()).toBe(1);
    // The row's name, not a line of the JSON text the table does not show.
    expect(await page.locator('[data-testid=table-error]').textContent()).toMatch(new RegExp(`^${B}: .*[\u4e00-\u9fff]`));
    expect(await row().getAttribute('data-error')).toBe('true');
    // The problems beside the table name the row too, with no line or pointer of the hidden JSON.
    const problem = page.locator('[data-testid=problem]').first();
    expect(await problem.locator('[data-testid=problem-row]').textContent()).toBe(B);
    expect(await problem.textContent()).not.toMatch(/\/rules\/|第 \d+ 行，第 \d+ 列/);
    // A column the table already has cannot be added twice.
    await page.locator('[data-testid=add-column]').click();
    const form = page.locator('[data-testid=add-column-form]');
    await form.getByLabel('事实').selectOption('customer');
    await form.getByLabel('字段').selectOption('grade');
    await form.getByLabel('运算符').selectOption('equal');
    expect(await form.getByRole('button', { name: '添加' }).isDisabled()).toBe(true);
    expect(await form.locator('[data-testid=column-taken]').textContent()).toBe('表格中已有这一列。');
    await form.getByRole('button', { name: '取消' }).click();
    await page.locator('[data-testid=add-row]').click();
    await expect.poll(() => page.locator('[data-testid=table-row]').count()).toBe(13);
    expect(await page.locator('[data-testid=table-row]').last().getByLabel('事件').inputValue()).toBe('deadline');
  });
});
