// Duplicates in the browser: a rep looks a company up from the Pool page while typing (where it is,
// nothing more), creates a customer with the check beside the form and sees the similar ones; an
// admin merges a likely duplicate pair, dismisses another and reads who looked up what.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastReclaim } from '../support/rule-sets.js';
import { createUiWorld, type UiWorld } from './support/ui-world.js';

let w: UiWorld;
let rep: { id: string; token: string };
const ids: Record<string, string> = {};

beforeAll(async () => {
  // The claimed customer must stay owned for the whole test (the default rules reclaim it after 4 s).
  w = await createUiWorld({ reclaim: fastReclaim({ firstFollowUp: '10m' }) });
  const { h } = w;
  rep = await h.createRep({ id: 'li' });
  const owner = await h.createRep({ id: 'zhao' });
  const create = async (companyName: string, extra: Record<string, unknown> = {}) =>
    (ids[companyName] = (await h.call(h.adminToken, 'POST', '/customers', { companyName, assign: false, ...extra })).body.id);
  await create('深圳市艾克美贸易有限公司');
  await create('Foshan Lianxing Ceramics Co., Ltd.', { email: 'chen.li@lianxing.example', contactName: 'Ms. Chen Li' });
  expect((await h.call(owner.token, 'POST', `/customers/${ids['Foshan Lianxing Ceramics Co., Ltd.']}/claim`)).status).toBe(200);
  await create('Hangzhou Greenleaf Textile Co., Ltd.');
  await create('Hangzhou Green Leaf Textiles Limited');
  await create('Wenzhou Starlight Shoes Co., Ltd.');
  await create('Starlight Shoes (Wenzhou) Limited');
}, 180_000);
afterAll(() => w?.close());

const matches = (p: Page) => p.locator('[data-testid=lookup-matches] li');

describe('duplicates in the browser', () => {
  let page: Page;

  it('a rep looks a company up from the Pool page while typing: claimable with a link, or owned by a named rep with nothing else', async () => {
    page = await w.signIn(await w.browser(), rep.token);
    await page.waitForURL(/\/ui\/pool$/);
    const box = page.getByRole('searchbox', { name: /Is it already ours/ });
    await box.pressSequentially('Shenzhen Aikemei Trading', { delay: 20 });
    await expect.poll(() => matches(page).allTextContents(), { timeout: 20_000 }).toEqual([expect.stringMatching(/^深圳市艾克美贸易有限公司 similar name \(100 %\) — in pool "Public pool", you can claim it$/)]);
    expect(await matches(page).getByRole('link').getAttribute('href')).toBe(`/ui/customers/${ids['深圳市艾克美贸易有限公司']}`);

    await box.fill('chen.li@lianxing.example');
    await expect.poll(() => matches(page).allTextContents(), { timeout: 20_000 }).toEqual([expect.stringMatching(/^Foshan Lianxing Ceramics Co., Ltd. same e-mail — owned by /)]);
    expect(await matches(page).getByRole('link').count()).toBe(0);
    expect(await page.locator('.lookup-results').textContent()).not.toContain('Chen Li');
    await w.screenshot(page, 'pool-lookup');
  });

  it('a rep creates a customer with the check beside the form, and sees the similar customers after saving', async () => {
    await page.getByRole('button', { name: 'New customer' }).click();
    const form = page.getByRole('form', { name: 'New customer' });
    await form.getByLabel('Company').pressSequentially('Greenleaf Textiles (Hangzhou) Ltd', { delay: 10 });
    await expect.poll(() => form.locator('[data-testid=lookup-matches] li').count(), { timeout: 20_000 }).toBe(2);
    expect(await form.getByRole('heading', { name: 'Existing and similar customers (Company)' }).count()).toBe(1);
    await form.getByRole('button', { name: 'Create customer' }).click();
    const similar = form.locator('[data-testid=possible-duplicates] li');
    await expect.poll(() => similar.allTextContents(), { timeout: 20_000 }).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Hangzhou Greenleaf Textile Co., Ltd. \(\d+ %\)$/), expect.stringMatching(/^Hangzhou Green Leaf Textiles Limited \(\d+ %\)$/)]),
    );
    // The form is emptied for the next customer: no look-up heading over nothing.
    expect(await form.getByLabel('Company').inputValue()).toBe('');
    expect(await form.getByRole('heading', { name: /^Existing and similar customers/ }).count()).toBe(0);
  });

  it('an admin merges a likely pair, dismisses another, and reads the look-up audit', async () => {
    const admin = await w.signIn(await w.browser(), w.h.adminToken);
    await admin.getByRole('link', { name: 'Settings' }).click();
    await admin.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Duplicates', exact: true }).click();
    const rows = admin.locator('[data-testid=duplicate-pairs] tbody tr');
    const starlight = rows.filter({ hasText: 'Starlight' });
    await expect.poll(() => starlight.count(), { timeout: 20_000 }).toBe(1);
    const [a, b] = await starlight.locator('a').allTextContents();
    await starlight.getByRole('button', { name: `Merge ${b} into ${a}` }).click();
    // A merge cannot be undone: asked once more in the row, nothing merged until confirmed.
    const confirm = starlight.getByRole('group', { name: `Merge ${b} into ${a}? This cannot be undone.` });
    await confirm.waitFor();
    expect((await w.h.customerRow(ids[b!]!)).status).not.toBe('merged');
    await confirm.getByRole('button', { name: 'Merge now' }).click();
    await expect.poll(() => admin.locator('[role=status]').first().textContent(), { timeout: 20_000 }).toBe(`${b} was merged into ${a!.replace(/\.$/, '')}.`);
    await expect.poll(() => starlight.count(), { timeout: 20_000 }).toBe(0);
    expect((await w.h.customerRow(ids[b!]!)).status).toBe('merged');

    const green = rows.filter({ hasText: 'Hangzhou Greenleaf Textile Co., Ltd.' }).filter({ hasText: 'Hangzhou Green Leaf Textiles Limited' });
    await expect.poll(() => green.count(), { timeout: 20_000 }).toBe(1);
    await green.getByRole('button', { name: /^Not a duplicate: / }).click();
    await expect.poll(() => green.count(), { timeout: 20_000 }).toBe(0);
    await w.screenshot(admin, 'duplicate-pairs');

    // A rescan finds the pairs again, but not the dismissed one nor the merged one.
    await admin.getByRole('button', { name: 'Compare all customers again' }).click();
    await expect.poll(() => admin.locator('[data-testid=duplicate-scan]').textContent(), { timeout: 20_000 }).toMatch(/^Compared \d+ customers; \d+ similar pairs listed\.$/);
    expect(await green.count()).toBe(0);
    expect(await starlight.count()).toBe(0);

    const audit = admin.locator('[data-testid=lookup-audit] tbody tr');
    await expect.poll(() => audit.allTextContents(), { timeout: 20_000 }).toEqual(expect.arrayContaining([expect.stringContaining('chen.li@lianxing.example')]));
  });
});
