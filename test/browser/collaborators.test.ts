// Collaborators in the browser (issue 15 §1): the owner adds a teammate from the rep picker on the
// customer page; the teammate then sees the customer in full with themselves in the panel and logs
// a follow-up that the history shows with their name. In Chinese, a manager opens a joint
// follow-up (联合攻坚) on a pool customer, a rep joins it, and the manager closes it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatedDefaults } from '../../server/rules/defaults.js';
import { createUiWorld, type UiWorld } from './support/ui-world.js';

let w: UiWorld;
let ownerPage: Page;
let matePage: Page;
let acme: string;
let fair: string;
const ACME = 'Acme Pumps GmbH';
const FAIR = 'Canton Fair Lead Ltd.';

beforeAll(async () => {
  // The shipped reclaim rules (days, not seconds): nothing returns to the pool during the test.
  w = await createUiWorld({ reclaim: validatedDefaults().reclaim });
  const { h } = w;
  expect((await h.call(h.adminToken, 'POST', '/teams', { id: 'team-a', name: 'Team A' })).status).toBe(201);
  await h.createRep({ id: 'zhou', role: 'manager', teamId: 'team-a' });
  await h.db.updateTable('teams').set({ manager_id: 'zhou' }).where('id', '=', 'team-a').execute();
  const owner = await h.createRep({ id: 'li', teamId: 'team-a' });
  const mate = await h.createRep({ id: 'wang', teamId: 'team-a' });
  acme = await h.createCustomer({ companyName: ACME, assign: false });
  fair = await h.createCustomer({ companyName: FAIR, assign: false });
  expect((await h.call(owner.token, 'POST', `/customers/${acme}/claim`)).status).toBe(200);
  ownerPage = await w.signIn(await w.browser(), owner.token);
  matePage = await w.signIn(await w.browser(), mate.token);
}, 180_000);
afterAll(() => w?.close());

const status = (p: Page) => p.locator('[role=status]').first().textContent();

describe('adding a collaborator', () => {
  it('the owner picks a teammate and adds them; the teammate then reads the customer in full', async () => {
    await matePage.goto(`${w.baseUrl}/ui/customers/${acme}`);
    await matePage.getByText('This customer is owned by another rep.').waitFor();

    await ownerPage.goto(`${w.baseUrl}/ui/customers/${acme}`);
    const panel = ownerPage.locator('[data-testid=collaborators-panel]');
    await panel.getByText('No collaborators.').waitFor();
    const form = panel.getByRole('form', { name: 'Add collaborator' });
    await form.getByLabel('Rep').selectOption('wang');
    await form.getByRole('button', { name: 'Add collaborator' }).click();
    await expect.poll(() => status(ownerPage)).toBe('Rep wang is now a collaborator.');
    await expect.poll(() => panel.locator('[data-testid=collaborators] li').allTextContents()).toEqual([expect.stringMatching(/^Rep wang \(wang\) · added by Rep li \(li\) · .* Remove$/)]);
    await w.screenshot(ownerPage, 'collaborators-panel');
    // Twice is refused in words.
    expect(await form.getByLabel('Rep').locator('option').allTextContents()).not.toContain('Rep wang (wang)');

    await matePage.reload();
    await expect.poll(() => matePage.locator('[data-testid=customer-name]').textContent()).toBe(ACME);
    await matePage.locator('[data-testid=collaborators-panel]').getByRole('button', { name: 'Leave' }).waitFor();
    expect((await w.h.call((await w.h.call(w.h.adminToken, 'POST', '/reps/wang/tokens', {})).body.token, 'POST', `/customers/${acme}/follow-ups`, { kind: 'visit', note: 'visited with samples' })).status).toBe(200);
    await ownerPage.reload();
    await expect.poll(() => ownerPage.locator('[data-testid=history] tbody tr', { hasText: 'visited with samples' }).textContent()).toContain('by Rep wang (wang)');
  });
});

describe('a collaborator at work', () => {
  it('finds the customer under My customers and logs a follow-up and an inquiry from its page', async () => {
    // wang collaborates on Acme since the test above.
    await matePage.goto(`${w.baseUrl}/ui/my-customers`);
    const collaborating = matePage.locator('[data-testid=collaborating-table]');
    await expect.poll(() => collaborating.locator('tbody tr').allTextContents()).toEqual([expect.stringContaining(ACME)]);
    // A collaborator does not release the owner's customer: not offered.
    expect(await collaborating.getByRole('button', { name: `Release: ${ACME}` }).count()).toBe(0);
    // Nor mark it key: the flag spends the owner's key quota.
    expect(await collaborating.getByRole('button', { name: `Mark key: ${ACME}` }).count()).toBe(0);
    await collaborating.getByRole('link', { name: ACME }).click();

    const work = matePage.locator('[data-testid=customer-work]');
    await work.getByRole('button', { name: `Log follow-up: ${ACME}` }).click();
    expect(await work.getByRole('button', { name: `Mark key: ${ACME}` }).count()).toBe(0);
    const followUp = work.getByRole('form', { name: `Log follow-up: ${ACME}` });
    await followUp.getByLabel('Note').fill('called the buyer as collaborator');
    await followUp.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => status(matePage)).toMatch(/^Follow-up logged for Acme Pumps GmbH\./);
    await expect.poll(() => matePage.locator('[data-testid=history] tbody tr', { hasText: 'called the buyer as collaborator' }).textContent()).toContain('by Rep wang (wang)');

    await work.getByRole('button', { name: `Log inquiry: ${ACME}` }).click();
    const inquiry = work.getByRole('form', { name: `Log inquiry: ${ACME}` });
    await inquiry.getByLabel('Products').fill('pumps');
    await inquiry.getByRole('button', { name: 'Log inquiry' }).click();
    await expect.poll(() => status(matePage)).toMatch(/^Acme Pumps GmbH is now in stage Inquiry\./);
    expect(await work.getByRole('button', { name: `Release: ${ACME}` }).count()).toBe(0);
  });
});

describe('in Chinese', () => {
  it('a manager opens a joint follow-up, a rep joins it, and the manager closes it', async () => {
    const zhManager = await w.signIn(await w.browser({ locale: 'zh-CN' }), (await w.h.call(w.h.adminToken, 'POST', '/reps/zhou/tokens', {})).body.token);
    await zhManager.goto(`${w.baseUrl}/ui/customers/${fair}`);
    const panel = zhManager.locator('[data-testid=collaborators-panel]');
    await panel.getByRole('button', { name: '发起联合攻坚' }).click();
    await expect.poll(() => status(zhManager)).toBe('已发起联合攻坚，业务员可以加入。');

    await matePage.goto(`${w.baseUrl}/ui/customers/${fair}`);
    await matePage.locator('[data-testid=collaborators-panel]').getByRole('button', { name: 'Join the joint follow-up' }).click();
    await expect.poll(() => status(matePage)).toBe('You joined; your follow-ups count for you.');

    const wang = (await w.h.call(w.h.adminToken, 'POST', '/reps/wang/tokens', {})).body.token;
    expect((await w.h.call(wang, 'POST', `/customers/${fair}/follow-ups`, { kind: 'call', note: 'called the buyer from the fair' })).status).toBe(200);
    await zhManager.reload();
    await expect.poll(() => panel.locator('[data-testid=collaborators] li').allTextContents()).toEqual([expect.stringMatching(/^Rep wang（wang） · 加入了联合攻坚 · /)]);
    await panel.getByRole('button', { name: '结束并分配' }).click();
    // The harness keeps customers in the pool (its assignment rules): the split is recorded, the customer stays.
    await expect.poll(() => status(zhManager)).toBe('已结束：按分配规则，客户留在公海。');
    await expect.poll(() => panel.locator('[data-testid=contributions] tbody tr').allTextContents()).toEqual(['Rep wang协作人100100%']);
  });
});

describe('nobody left to add', () => {
  it('says why the picker offers nobody, instead of an empty list', async () => {
    // The team's last rep who may collaborate is added: nobody is left to offer.
    expect((await w.h.call(w.h.adminToken, 'POST', `/customers/${acme}/collaborators`, { repId: 'zhou' })).status).toBe(201);
    await ownerPage.goto(`${w.baseUrl}/ui/customers/${acme}`);
    const note = ownerPage.locator('[data-testid=no-candidates]');
    await expect.poll(() => note.textContent()).toMatch(/^Nobody can be added now: every rep you may add/);
  });
});

describe('a win with collaborators', () => {
  it('shows the split on the customer page at once, without a reload', async () => {
    await ownerPage.goto(`${w.baseUrl}/ui/customers/${acme}`);
    const panel = ownerPage.locator('[data-testid=collaborators-panel]');
    await expect.poll(() => panel.locator('[data-testid=collaborators] li').count()).toBeGreaterThan(0);
    expect(await panel.locator('[data-testid=contributions] tbody tr').count()).toBe(0);
    const work = ownerPage.locator('[data-testid=customer-work]');
    await work.getByRole('button', { name: `Mark won: ${ACME}` }).click();
    await work.getByRole('form', { name: `Won: ${ACME}` }).getByRole('button', { name: 'Mark as won' }).click();
    await expect.poll(async () => (await w.h.customerRow(acme)).status, { timeout: 30_000 }).toBe('won');
    await expect.poll(() => panel.locator('[data-testid=contributions] tbody tr').count(), { timeout: 30_000 }).toBeGreaterThan(0);
  });
});
