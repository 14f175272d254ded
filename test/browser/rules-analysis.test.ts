// A Chinese-speaking admin writes grading rules with a gap and a rule that can never fire: the
// Problems panel lists both as yellow warnings after the (absent) errors, Monaco marks them as
// warnings, the jump goes to the rule's line, and the draft still saves.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replaceEditorText } from './support/monaco.js';
import { createUiWorld, type UiWorld } from './support/ui-world.js';

let w: UiWorld;
let page: Page;

const source = `decision grading
hit policy first

rule "样品阶段为 A" priority 90
  when customer.stage = "sample"
  then grade A

rule "样品且晚成交为 B" priority 50
  when customer.stage = "sample" and customer.expectedCloseDays > 100
  then grade B

rule "三个月内成交为 B" priority 40
  when customer.expectedCloseDays <= 90
  then grade B
`;

beforeAll(async () => {
  w = await createUiWorld();
  page = await w.signIn(await w.browser({ locale: 'zh-CN' }), w.h.adminToken);
}, 180_000);
afterAll(() => w?.close());

describe('analysis warnings in the Problems panel', () => {
  it('lists the shadowed rule and the gap in yellow, in Chinese, with Monaco warning markers', async () => {
    await page.goto(`${w.baseUrl}/ui/rules/grading`);
    await page.locator('[data-testid=rule-editor] .view-lines').waitFor();
    await expect.poll(() => page.locator('[data-testid=problems]').getAttribute('data-status')).toBe('done');
    // The shipped grading rules have nothing to warn about.
    expect(await page.locator('[data-testid=warning]').count()).toBe(0);

    await replaceEditorText(page, source);
    const warning = page.locator('[data-testid=warning]');
    await expect.poll(() => warning.count()).toBe(2);
    expect(await page.locator('[data-testid=problem]').count()).toBe(0);
    expect(await warning.nth(0).getAttribute('data-code')).toBe('analysis.shadowed');
    expect(await warning.nth(0).getAttribute('data-line')).toBe('8');
    expect(await warning.nth(0).textContent()).toContain('规则 "样品且晚成交为 B" 永远不会触发');
    expect(await warning.nth(1).getAttribute('data-code')).toBe('analysis.gap');
    expect(await warning.nth(1).textContent()).toContain('没有规则适用于');
    const notice = page.locator('[data-testid=warnings]');
    expect(await notice.textContent()).toContain('不影响保存和发布');
    expect(await notice.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor)).toBe('rgb(254, 252, 232)');
    // Monaco draws warnings with its own squiggle, and no error squiggle.
    await page.locator('[data-testid=rule-editor] .squiggly-warning').first().waitFor();
    expect(await page.locator('[data-testid=rule-editor] .squiggly-error').count()).toBe(0);
    await w.screenshot(page, 'rules-analysis-warnings');
  });

  it('jumps to the rule that never fires', async () => {
    await page.locator('[data-testid=warning] button').first().click();
    await expect.poll(() => page.locator('[data-testid=rule-editor] .current-line').count()).toBeGreaterThan(0);
    const current = await page.locator('[data-testid=rule-editor] .current-line').first().boundingBox();
    const line8 = await page.locator('[data-testid=rule-editor] .line-numbers', { hasText: /^8$/ }).boundingBox();
    expect(Math.abs(current!.y - line8!.y)).toBeLessThan(line8!.height);
  });
});
