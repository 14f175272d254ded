// In Chinese, an admin forecasts a reclaim draft before publishing it: the chart and the table of
// reclaims per day under the published rules and the editor's, and the customers behind a day.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCustomers } from '../support/seed.js';
import { replaceEditorText } from './support/monaco.js';
import { createUiWorld, type UiWorld } from './support/ui-world.js';

let w: UiWorld;
let page: Page;

/** Every regular customer must be followed up within 2 days, key customers within 40. */
const draft = `decision reclaim
hit policy collect

rule "Follow up every 2 days"
  when customer.keyCustomer = false
  then deadline follow_up in 2d reason no_follow_up

rule "Key customers: 40 days"
  when customer.keyCustomer = true
  then deadline key_follow_up in 40d reason no_follow_up
`;

beforeAll(async () => {
  w = await createUiWorld();
  const rep = await w.h.createRep({ id: 'li' });
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
  // Six customers: one followed up 12 hours ago (its 2-day deadline 36 hours ahead: never today), five 2 to 6
  // days and 30 minutes ago (their deadlines past whatever the time of day; it was 30 minutes ahead before, so
  // within 30 minutes of midnight the first of them fell on tomorrow).
  await seedCustomers(w.h.db, 6, (i) => ({
    company_name: `宁波进出口 ${i + 1}`,
    status: 'owned',
    stage: 'follow_up',
    owner_id: rep.id,
    claimed_at: hoursAgo(24 * 10),
    stage_at: hoursAgo(24 * 10),
    last_follow_up_at: hoursAgo(i === 0 ? 12 : 24 * (i + 1) + 0.5),
    follow_ups: 1,
  }));
  page = await w.signIn(await w.browser({ locale: 'zh-CN' }), w.h.adminToken);
}, 180_000);
afterAll(() => w?.close());

describe('the forecast of a draft, in Chinese', () => {
  it('shows reclaims per day under both versions, and the customers behind a day', async () => {
    await page.goto(`${w.baseUrl}/ui/rules/reclaim`);
    await page.locator('[data-testid=rule-editor] .view-lines').waitFor();
    await replaceEditorText(page, draft);
    await expect.poll(() => page.locator('[data-testid=problems]').textContent()).toContain('没有问题');
    await page.getByRole('tab', { name: '模拟' }).click();
    await page.getByLabel('预测天数').selectOption('7');
    await page.getByRole('button', { name: '预测', exact: true }).click();
    const total = page.locator('[data-testid=forecast-total]');
    await expect.poll(() => total.textContent(), { timeout: 30_000 }).toMatch(/7 天内回收：已发布 \d+ 个，编辑器 6 个/);
    // The API says the same as the page.
    const api = await w.h.call(w.h.adminToken, 'POST', '/forecasts', { format: 'dsl', source: draft, days: 7 });
    expect(await total.textContent()).toContain(`已发布 ${api.body.reclaims.baseline.total} 个`);
    // Deadlines already past count on the first day: the 2- to 6-day-old follow-ups; the 12-hour-old one later.
    const today = api.body.reclaims.candidate.perDay[0];
    expect(today.count).toBe(5);
    expect(await page.locator('[data-testid=forecast-chart] canvas').count()).toBe(1);
    const row = page.locator(`[data-testid=forecast-days] tr[data-date="${today.date}"]`);
    await row.locator('td').nth(2).getByRole('button').click();
    const customers = page.locator('[data-testid=forecast-customers] li');
    await expect.poll(() => customers.count()).toBe(5);
    expect(await customers.allTextContents()).toEqual(expect.arrayContaining(['宁波进出口 2', '宁波进出口 6']));
    expect(await page.locator('[data-testid=forecast-moved]').textContent()).toMatch(/^下一截止时间：提前 \d+ 个/);
    // The reason in words, never the code the rules name (no_follow_up).
    const reasons = page.locator('h4:has-text("按原因") + table tbody tr td:first-child');
    await expect.poll(() => reasons.allTextContents()).toContain('未按时跟进');
    expect(await reasons.allTextContents()).not.toContain('no_follow_up');
    await page.locator('[data-testid=forecast-panel]').scrollIntoViewIfNeeded();
    await w.screenshot(page, 'rules-forecast-zh');
  });
});
