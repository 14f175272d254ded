// A rep in the browser: claims from the pool, logs a follow-up, is refused clearly at the cap and in
// a cooldown, and reads a customer's history; customer text is shown as text, never as HTML.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatedDefaults } from '../../server/rules/defaults.js';
import { createUiWorld, TABLET, type UiWorld } from './support/ui-world.js';

let w: UiWorld;
let page: Page;
const HOSTILE = '<img src=x onerror="window.__owned=1">Evil & Co';

beforeAll(async () => {
  // The shipped reclaim rules: first follow-up within 3 days of a claim.
  w = await createUiWorld({ reclaim: validatedDefaults().reclaim });
  const rep = await w.h.createRep({ id: 'li', privateCap: 2 });
  await w.h.createCustomer({ companyName: 'Acme Ltd', country: 'DE', region: 'EMEA', source: 'canton_fair', productLine: 'valves' });
  await w.h.createCustomer({ companyName: 'Berlin Pumps GmbH', country: 'DE', region: 'EMEA', source: 'website', productLine: 'pumps' });
  await w.h.createCustomer({ companyName: 'Chen Trading', country: 'CN', region: 'APAC', source: 'alibaba', productLine: 'valves' });
  await w.h.createCustomer({ companyName: HOSTILE, country: 'US', region: 'AMER', source: 'website' });
  page = await w.signIn(await w.browser(), rep.token);
}, 180_000);
afterAll(() => w?.close());

const notice = (p: Page, role: 'status' | 'alert') => p.locator(`[role=${role}]`).first().textContent();

describe('a rep in the browser', () => {
  it('lands on the pool and filters it', async () => {
    await page.waitForURL(/\/ui\/pool$/);
    const rows = page.locator('[data-testid=pool-table] tbody tr');
    await expect.poll(() => rows.count()).toBe(4);
    await page.getByLabel('Product line').fill('valves');
    await page.getByLabel('Product line').press('Enter');
    await expect.poll(() => rows.count()).toBe(2);
    await w.screenshot(page, 'pool');
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => rows.count()).toBe(4);
    // The pool is chosen from the pools, by name.
    expect(await page.getByLabel('Pool', { exact: true }).locator('option').allTextContents()).toContain('Public pool');
    // A country by its name, as people write it, filters by its code.
    await page.getByLabel('Country').fill('德国');
    await page.getByLabel('Country').press('Enter');
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => rows.count()).toBe(4);
    // A filter the server refuses is said as the refusal, not as an empty pool.
    await page.getByLabel('Country').fill('Atlantis');
    await page.getByLabel('Country').press('Enter');
    await expect.poll(() => notice(page, 'alert')).toMatch(/country/i);
    expect(await page.getByText('No customers in the pool match').count()).toBe(0);
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => rows.count()).toBe(4);
  });

  it('shows customer text as text, never as HTML', async () => {
    const cell = page.locator('[data-testid=pool-table] tbody a', { hasText: 'Evil & Co' });
    expect(await cell.textContent()).toBe(HOSTILE);
    expect(await page.locator('[data-testid=pool-table] img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __owned?: number }).__owned)).toBeUndefined();
  });

  it('claims a customer and logs a follow-up with the keyboard', async () => {
    await page.getByRole('button', { name: 'Claim Acme Ltd' }).click();
    await expect.poll(() => notice(page, 'status')).toMatch(/^Acme Ltd is now yours\. Next deadline: /);
    await page.getByRole('link', { name: 'My customers' }).click();
    const row = page.locator('[data-testid=mine-table] tbody tr', { hasText: 'Acme Ltd' });
    await row.waitFor();
    // Due within three days: shown in red.
    expect(await row.locator('.countdown').getAttribute('data-urgent')).toBe('true');

    await page.getByRole('button', { name: 'Log follow-up: Acme Ltd' }).click();
    const form = page.getByRole('form', { name: 'Log follow-up: Acme Ltd' });
    await form.getByLabel('Contact').selectOption('call');
    await form.getByLabel('Expected to close in (days)').fill('200');
    await form.getByLabel('Note').fill('Asked for a quote on DN50 valves');
    await w.screenshot(page, 'my-customers-follow-up');
    await form.getByLabel('Note').press('Enter');
    await expect.poll(() => notice(page, 'status')).toMatch(/^Follow-up logged for Acme Ltd\. Next deadline: /);
    const stored = await w.h.db.selectFrom('customer_activities').selectAll().execute();
    expect(stored).toEqual([expect.objectContaining({ kind: 'call', note: 'Asked for a quote on DN50 valves', rep_id: 'li' })]);
    expect((await w.h.db.selectFrom('customers').select('grade').where('company_name', '=', 'Acme Ltd').executeTakeFirstOrThrow()).grade).toBe('D');
  });

  it('is refused clearly when the private pool is full', async () => {
    await page.getByRole('link', { name: 'Pool' }).click();
    await page.getByRole('button', { name: 'Claim Berlin Pumps GmbH' }).click();
    await expect.poll(() => notice(page, 'status')).toMatch(/^Berlin Pumps GmbH is now yours/);
    await page.getByRole('button', { name: 'Claim Chen Trading' }).click();
    const alert = page.locator('[role=alert]');
    await expect.poll(() => alert.getAttribute('data-code')).toBe('CAP_REACHED');
    expect(await alert.textContent()).toContain('Your private pool is full: 2 of 2 customers. Release or win a customer first.');
    await w.screenshot(page, 'pool-cap-refusal');
  });

  it('releases a customer and is refused clearly when claiming it back in the cooldown', async () => {
    await page.getByRole('link', { name: 'My customers' }).click();
    await page.getByRole('button', { name: 'Release: Berlin Pumps GmbH' }).click();
    await page.getByLabel('Reason for releasing').fill('Wrong product line');
    await page.getByLabel('Reason for releasing').press('Enter');
    await expect.poll(() => notice(page, 'status')).toBe('Berlin Pumps GmbH is back in the pool.');
    await page.getByRole('link', { name: 'Pool' }).click();
    await page.getByRole('button', { name: 'Claim Berlin Pumps GmbH' }).click();
    const alert = page.locator('[role=alert]');
    await expect.poll(() => alert.getAttribute('data-code')).toBe('COOLDOWN');
    expect(await alert.textContent()).toMatch(/^You owned this customer before\. You may claim it again from .+\.$/);
  });

  it("shows a customer's full history and links to its workflow in the Temporal UI", async () => {
    await page.getByRole('link', { name: 'My customers' }).click();
    await page.getByRole('link', { name: 'Acme Ltd' }).click();
    await expect.poll(() => page.locator('[data-testid=customer-name]').textContent()).toBe('Acme Ltd');
    const history = page.locator('[data-testid=history] tbody');
    await expect.poll(() => history.textContent()).toContain('Asked for a quote on DN50 valves');
    expect(await history.textContent()).toContain('Claimed');
    const link = page.getByRole('link', { name: /Open customer-.+ in the Temporal UI/ });
    expect(await link.getAttribute('href')).toMatch(/^http:\/\/temporal-ui\.test\/namespaces\/default\/workflows\/customer-/);
    await expect.poll(() => page.locator('.decision').count()).toBeGreaterThan(0);
    await w.screenshot(page, 'customer');
  });

  it('is usable at tablet width', async () => {
    await page.setViewportSize(TABLET);
    await page.getByRole('link', { name: 'Pool' }).click();
    await page.locator('[data-testid=pool-table] tbody tr').first().waitFor();
    const overflow = await page.evaluate(() => {
      const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return d.scrollWidth - d.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await w.screenshot(page, 'pool-tablet');
  });
});
