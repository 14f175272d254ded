// My customers in the browser: every owned customer is listed (a private pool larger than one page
// of the API), and a customer the rep marks won moves to the won list instead of vanishing.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatedDefaults } from '../../server/rules/defaults.js';
import { seedCustomers } from '../support/seed.js';
import { createUiWorld, type UiWorld } from './support/ui-world.js';

let w: UiWorld;
let page: Page;
const ACME = 'Acme Valves Ltd';
/** More than one page of the API (200). */
const SEEDED = 230;

beforeAll(async () => {
  w = await createUiWorld({ reclaim: validatedDefaults().reclaim });
  const rep = await w.h.createRep({ id: 'li', privateCap: 1000 });
  const acme = await w.h.createCustomer({ companyName: ACME, country: 'DE', productLine: 'valves' });
  expect((await w.h.call(rep.token, 'POST', `/customers/${acme}/claim`)).status).toBe(200);
  // Listed straight from the database: rows only, no tenures (nothing here acts on them).
  const claimedAt = new Date(Date.now() - 3_600_000);
  await seedCustomers(w.h.db, SEEDED, () => ({ status: 'owned', owner_id: 'li', stage: 'claimed', claimed_at: claimedAt, created_at: claimedAt }));
  page = await w.signIn(await w.browser(), rep.token);
}, 180_000);
afterAll(() => w?.close());

const mineRows = () => page.locator('[data-testid=mine-table] tbody tr:not(.form-row)');

describe('My customers', () => {
  it('lists every owned customer, not only the first page', async () => {
    await page.getByRole('link', { name: 'My customers' }).click();
    await expect.poll(() => mineRows().count(), { timeout: 15_000 }).toBe(SEEDED + 1);
    expect(await page.locator('[data-testid=won-table]').count()).toBe(0);
  });

  it('moves a customer marked won to the won list', async () => {
    const acme = mineRows().filter({ hasText: ACME }).first();
    await acme.getByRole('button', { name: 'Mark won' }).click();
    await page.getByLabel('Order value (USD)').fill('12000');
    await page.getByRole('button', { name: 'Mark as won' }).click();
    await expect.poll(() => page.locator('[role=status]').first().textContent()).toContain(`${ACME} is won`);
    await expect.poll(() => mineRows().filter({ hasText: ACME }).count()).toBe(0);
    const won = page.locator('[data-testid=won-table] tbody tr');
    await expect.poll(() => won.count()).toBe(1);
    expect(await won.first().locator('a').textContent()).toBe(ACME);
    expect(await page.getByRole('heading', { name: 'Customers I have won' }).count()).toBe(1);
    // It opens the customer, which says it is won.
    await won.first().locator('a').click();
    await page.waitForURL(/\/ui\/customers\//);
    await expect.poll(() => page.locator('main').textContent()).toContain('Won');
  });
});
