// A rep leaves, in the browser: a manager hands over the rep's customers to a named rep, watches the
// job's progress bar reach the end and reads what moved where (one over the receiver's cap to the
// pool, with the reason); then transfers one of the receiver's customers to another rep in bulk.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimedCustomer } from '../support/customers.js';
import { fastReclaim } from '../support/rule-sets.js';
import { createUiWorld, type UiWorld } from './support/ui-world.js';

let w: UiWorld;
let page: Page;
let leaver: { id: string; token: string };
const customers: string[] = [];

beforeAll(async () => {
  w = await createUiWorld({ reclaim: fastReclaim({ firstFollowUp: '1h', cadence: { A: '1h', B: '1h', C: '1h', D: '1h', E: '1h' } }) });
  const { h } = w;
  expect((await h.call(h.adminToken, 'POST', '/teams', { id: 'east', name: '华东外贸一部' })).status).toBe(201);
  const manager = await h.createRep({ id: 'wang', role: 'manager', teamId: 'east' });
  await h.db.updateTable('teams').set({ manager_id: manager.id }).where('id', '=', 'east').execute();
  leaver = await h.createRep({ id: 'li', teamId: 'east' });
  await h.createRep({ id: 'zhao', teamId: 'east', privateCap: 2 });
  await h.createRep({ id: 'qian', teamId: 'east' });
  for (let i = 0; i < 3; i++) customers.push(await claimedCustomer(h, leaver));
  page = await w.signIn(await w.browser(), manager.token);
}, 180_000);
afterAll(() => w?.close());

const section = (name: string) => page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name, exact: true });

describe('a rep leaves', () => {
  it('hands over to a named rep with a progress bar and the result, the overflow in the pool with the reason', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await section('Handover').click();
    const form = page.getByRole('form', { name: 'Start the handover' });
    // The manager is not offered as a departing rep: nobody hands over themselves.
    await expect.poll(() => form.getByLabel('Departing rep').locator('option').allTextContents()).toContain('Rep li (li)');
    expect(await form.getByLabel('Departing rep').locator('option').allTextContents()).not.toContain('Rep wang (wang)');
    await form.getByLabel('Departing rep').selectOption('li');
    await form.getByLabel('Their customers go to').selectOption('rep');
    await form.getByLabel('Receiving rep').selectOption('zhao');
    await form.getByRole('button', { name: 'Start the handover' }).click();
    // It cannot be undone: asked once more, naming the rep, and nothing happens until confirmed.
    const confirm = form.getByRole('group', { name: 'Rep li (li) will be deactivated and signed out at once, and their customers moved. This cannot be undone.' });
    await confirm.waitFor();
    expect((await w.h.call(w.h.adminToken, 'GET', '/reps/li')).body.active).toBe(true);
    await confirm.getByRole('button', { name: 'Hand over now' }).click();

    const progress = page.locator('[data-testid=handover-progress]');
    await expect.poll(() => progress.locator('[data-testid=handover-status]').textContent(), { timeout: 30_000 }).toBe('Done');
    expect(await progress.locator('progress').getAttribute('value')).toBe('3');
    expect(await progress.locator('progress').getAttribute('max')).toBe('3');
    expect(await progress.locator('[data-testid=handover-totals]').textContent()).toBe('2 to reps, 1 to the pool, 0 kept, 0 refused, 0 failed');
    const rows = progress.locator('[data-testid=handover-items] tbody tr');
    expect(await rows.count()).toBe(3);
    const texts = await rows.allTextContents();
    // People and reasons in words: the receiver by name beside the id, the overflow's reason, the title's departing rep.
    expect(texts.filter((t) => t.includes('To a rep') && t.includes('Rep zhao (zhao)'))).toHaveLength(2);
    expect(texts.filter((t) => t.includes('To the pool') && t.includes("over the receiver's private cap") && t.includes('Public pool'))).toHaveLength(1);
    expect(await progress.locator('h3').textContent()).toBe('Handover of Rep li (li)');
    await w.screenshot(page, 'settings-handover');

    const li = (await w.h.call(w.h.adminToken, 'GET', '/reps/li')).body;
    expect(li.active).toBe(false);
  });

  it('transfers a selected customer to another rep in bulk and shows the answer per customer', async () => {
    await section('Bulk moves').click();
    await page.getByLabel('Rep', { exact: true }).selectOption('zhao');
    const boxes = page.locator('[data-testid=team-customers] tbody input[type=checkbox]');
    await expect.poll(() => boxes.count()).toBe(2);
    await boxes.first().check();
    const bar = page.getByRole('form', { name: 'Bulk action' });
    await bar.getByLabel('Action').selectOption('transfer');
    await bar.getByLabel('Receiving rep').selectOption('qian');
    await bar.getByRole('button', { name: 'Apply to the selected' }).click();
    const result = page.locator('[data-testid=bulk-move-bar] [data-testid=handover-progress]');
    await expect.poll(() => result.locator('[data-testid=handover-status]').textContent(), { timeout: 20_000 }).toBe('Done');
    expect(await result.locator('[data-testid=handover-totals]').textContent()).toBe('1 to reps, 0 to the pool, 0 kept, 0 refused, 0 failed');
    await expect.poll(() => boxes.count()).toBe(1);
    const owned = await w.h.db.selectFrom('customers').select('id').where('owner_id', '=', 'qian').execute();
    expect(owned).toHaveLength(1);
    expect(customers).toContain(owned[0]!.id);
  });
});
