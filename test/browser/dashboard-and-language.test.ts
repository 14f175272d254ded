// The dashboard charts fed by the report endpoints, the settings page, and the language: taken from
// the browser by default, switchable between zh-CN and en, remembered across reloads.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCustomers } from '../support/seed.js';
import { seedReportEvents } from '../support/seed-reports.js';
import { createUiWorld, type UiWorld } from './support/ui-world.js';

let w: UiWorld;
let page: Page;
const DAY = 86_400_000;

beforeAll(async () => {
  w = await createUiWorld();
  expect((await w.h.call(w.h.adminToken, 'POST', '/teams', { id: 'east', name: '华东外贸一部' })).status).toBe(201);
  const reps: string[] = [];
  for (const [i, name] of ['wang', 'li', 'zhang', 'chen'].entries()) {
    reps.push((await w.h.createRep({ id: name, teamId: 'east', privateCap: 40 + 10 * i, tags: i % 2 ? ['spanish'] : [] })).id);
  }
  const now = Date.now();
  await seedCustomers(w.h.db, 300, (i) => ({
    company_name: `Seeded ${i}`,
    created_at: new Date(now - ((i * 7) % 25) * DAY - 3_600_000),
    ...(i % 3 === 0 ? { status: 'owned' as const, owner_id: reps[i % reps.length]!, key_customer: i % 9 === 0 } : {}),
  }));
  await seedReportEvents(w.h.db, reps);
}, 180_000);
afterAll(() => w?.close());

describe('the dashboard and the language', () => {
  it('draws the funnel, workload and reclaims from the report endpoints', async () => {
    page = await w.signIn(await w.browser({ locale: 'en-US' }), w.h.adminToken);
    await page.getByRole('link', { name: 'Dashboard' }).click();
    const funnel = page.locator('[data-testid=funnel-table] tbody tr');
    // The reports are computed on a loaded machine too: the charts may take seconds to arrive.
    await expect.poll(() => funnel.count(), { timeout: 20_000 }).toBe(6);
    expect(await funnel.first().textContent()).toBe('Pool300—');
    expect(await funnel.nth(1).textContent()).toBe('Claimed18060%');
    // The four reps; not the admin, who owns no customers and has no workload against caps.
    await expect.poll(() => page.locator('[data-testid=per-rep-table] tbody tr').count(), { timeout: 20_000 }).toBe(4);
    expect(await page.locator('[data-testid=per-rep-table] tbody').textContent()).not.toContain('Admin');
    expect(await page.locator('canvas').count()).toBe(3);
    await page.waitForTimeout(300);
    await w.screenshot(page, 'dashboard');
  });

  it('switches the labels between English and Chinese, and remembers the choice', async () => {
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Dashboard');
    await page.getByLabel('Language').selectOption('zh-CN');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('看板');
    expect(await page.getByRole('navigation').first().textContent()).toContain('规则');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('[data-testid=funnel-table] tbody tr').first().textContent()).toBe('公海300—');
    await page.waitForTimeout(300);
    await w.screenshot(page, 'dashboard-zh-CN');

    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('看板');
    await page.getByLabel('语言').selectOption('en');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Dashboard');
  });

  it('shows reps with their tags, hire dates and the caps the rules give them', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    const row = page.locator('[data-testid=reps-table] tbody tr', { hasText: '(zhang)' });
    await row.waitFor();
    expect(await row.textContent()).toContain('60 owned · 10 key · 100 a day');
    expect(await row.textContent()).toContain('2024-01-15');
    await w.screenshot(page, 'settings');
  });

  it('keeps a deactivated rep in the per-rep table, so its rows add up to the funnel', async () => {
    expect((await w.h.call(w.h.adminToken, 'PATCH', '/reps/chen', { active: false })).status).toBe(200);
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.reload();
    const rows = page.locator('[data-testid=per-rep-table] tbody tr');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(4);
    await expect.poll(() => rows.filter({ hasText: 'chen' }).first().textContent(), { timeout: 20_000 }).toContain('deactivated or moved');
    const claimed = async (row: number) => Number((await rows.nth(row).locator('td').nth(1).textContent())!.replace(/\(.*\)|,/g, '').trim());
    const perRep = (await Promise.all([0, 1, 2, 3].map(claimed))).reduce((a, b) => a + b, 0);
    expect(perRep).toBe(180);
  });

  it('starts in Chinese for a browser set to Chinese', async () => {
    const zh = await w.browser({ locale: 'zh-CN' });
    const p = zh.pages()[0] ?? (await zh.newPage());
    await p.goto(`${w.baseUrl}/ui/`);
    await expect.poll(() => p.getByRole('heading', { level: 2 }).textContent()).toBe('登录');
    expect(await p.getByRole('button').textContent()).toBe('登录');
    await w.screenshot(p, 'sign-in-zh-CN');
  });
});
