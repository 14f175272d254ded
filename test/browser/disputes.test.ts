// Disputes in the browser (issue 15 §2): the assignment rules give a German customer to team A's new
// hire; another rep of team A opens the customer (shown only as owned), disputes the assignment
// with a reason; the manager opens Disputes, reads the rule and its explanation, and reassigns the
// customer with a comment; both sides are told; the dashboard counts the dispute under the rule.
// Then, in Chinese, the rep files a dispute the manager upholds.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleSetDocument } from '../../schemas/rule-set.js';
import { validatedDefaults } from '../../server/rules/defaults.js';
import { keepInPool } from '../support/rule-sets.js';
import { createUiWorld, type UiWorld } from './support/ui-world.js';

let w: UiWorld;
let repPage: Page;
let managerPage: Page;
let acme: string;
let berlin: string;
const ACME = 'Acme Hydraulics GmbH';
const BERLIN = 'Berlin Fittings GmbH';

const toTeamA = {
  decision: 'assignment',
  hitPolicy: 'first',
  rules: [
    {
      name: 'Germany to team A',
      conditions: { all: [{ fact: 'customer', path: '$.country', operator: 'equal', value: 'DE' }] },
      event: { type: 'assign', params: { team: 'team-a', strategy: 'least_loaded', preferNewHires: true, reason: 'team A covers Germany' } },
    },
  ],
} as unknown as RuleSetDocument;

beforeAll(async () => {
  // The shipped reclaim rules (days, not seconds): nothing returns to the pool during the test.
  w = await createUiWorld({ reclaim: validatedDefaults().reclaim });
  const { h } = w;
  expect((await h.call(h.adminToken, 'POST', '/teams', { id: 'team-a', name: 'Team A' })).status).toBe(201);
  const manager = await h.createRep({ id: 'zhou', role: 'manager', teamId: 'team-a' });
  await h.db.updateTable('teams').set({ manager_id: 'zhou' }).where('id', '=', 'team-a').execute();
  // The new hire gets Germany; li has been here for years.
  await h.createRep({ id: 'chen', teamId: 'team-a', hiredAt: new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10) });
  const rep = await h.createRep({ id: 'li', teamId: 'team-a' });
  await h.publishRuleSet(toTeamA);
  acme = await h.createCustomer({ companyName: ACME, country: 'DE' });
  berlin = await h.createCustomer({ companyName: BERLIN, country: 'DE' });
  await h.publishRuleSet(keepInPool);
  for (const id of [acme, berlin]) await h.waitFor(async () => (await h.customerRow(id)).owner_id === 'chen');
  repPage = await w.signIn(await w.browser(), rep.token);
  managerPage = await w.signIn(await w.browser(), manager.token);
}, 180_000);
afterAll(() => w?.close());

const status = (p: Page) => p.locator('[role=status]').first().textContent();

describe('a dispute of an assignment', () => {
  it('lets the rep dispute the assignment from the customer page', async () => {
    await repPage.goto(`${w.baseUrl}/ui/customers/${acme}`);
    await repPage.getByText('This customer is owned by another rep.').waitFor();
    await repPage.getByRole('button', { name: 'Dispute', exact: true }).click();
    const form = repPage.getByRole('form', { name: 'Dispute', exact: true });
    expect(await form.getByLabel('Decision disputed').locator('option').first().textContent()).toMatch(/^Assignment · .* · assigned to Rep chen \(chen\) · rule "Germany to team A"$/);
    await form.getByLabel('Why it was wrong').fill('I have quoted this buyer since the Hannover fair.');
    await form.getByRole('button', { name: 'File dispute' }).click();
    await expect.poll(() => status(repPage)).toBe('Dispute filed: your manager (or an admin) decides, and you will be told.');
    // Nothing more to dispute about it while this one is open.
    await expect.poll(() => repPage.getByRole('button', { name: 'Dispute', exact: true }).count()).toBe(0);
  });

  it('lets the manager read the rule and its explanation and reassign the customer with a comment', async () => {
    await managerPage.getByRole('link', { name: 'Disputes' }).click();
    const card = managerPage.locator('[data-testid=dispute]', { hasText: ACME });
    await card.waitFor();
    expect(await card.locator('[data-testid=dispute-rule]').textContent()).toMatch(/^Assignment · Germany to team A \(v\d+\)$/);
    expect(await card.textContent()).toContain('I have quoted this buyer since the Hannover fair.');
    await card.getByRole('button', { name: 'Explain' }).click();
    await card.locator('ol.explanation li.fired').first().waitFor();
    expect(await card.locator('ol.explanation li.fired').first().textContent()).toContain('Germany to team A');
    // Conditions in words (the field and operator by their labels), not the engine's spelling.
    const condition = await card.locator('ol.explanation li.fired li').last().textContent();
    expect(condition).toContain('equals');
    expect(condition).not.toMatch(/\$\.|\bequal\b/);

    const decide = card.getByRole('form', { name: `Decide the dispute about ${ACME}` });
    await decide.getByLabel('Reassign the customer to Rep li (li)').check();
    await decide.getByLabel('Comment (both sides read it)').fill('li met them first; chen keeps Berlin.');
    await w.screenshot(managerPage, 'dispute-decide');
    await decide.getByRole('button', { name: 'Decide', exact: true }).click();
    await expect.poll(() => status(managerPage)).toBe(`Decided (Reassigned): ${ACME}.`);
    await expect.poll(() => card.getAttribute('data-status')).toBe('reassigned');
    expect(await card.locator('[data-testid=dispute-outcome]').textContent()).toContain('li met them first; chen keeps Berlin.');
    expect(await w.h.customerRow(acme)).toMatchObject({ status: 'owned', owner_id: 'li' });
    const told = await w.h.db.selectFrom('notifications').select('rep_id').where('kind', '=', 'dispute.decided').where('customer_id', '=', acme).execute();
    expect(told.map((n) => n.rep_id).sort()).toEqual(['chen', 'li']);
  });

  it('shows the rep the outcome and the customer in full, and the dashboard counts the dispute under its rule', async () => {
    await repPage.goto(`${w.baseUrl}/ui/disputes`);
    const card = repPage.locator('[data-testid=dispute]', { hasText: ACME });
    await expect.poll(() => card.getAttribute('data-status')).toBe('reassigned');
    // A rep decides nothing.
    expect(await card.getByRole('button', { name: 'Decide', exact: true }).count()).toBe(0);
    await repPage.goto(`${w.baseUrl}/ui/customers/${acme}`);
    await expect.poll(() => repPage.locator('[data-testid=customer-name]').textContent()).toBe(ACME);
    expect(await repPage.locator('[data-testid=history]').textContent()).toContain('Dispute decided');

    await managerPage.getByRole('link', { name: 'Dashboard' }).click();
    const row = managerPage.locator('[data-testid=disputes-report] tbody tr', { hasText: 'Germany to team A' });
    await expect.poll(() => row.locator('td').allTextContents()).toEqual([expect.stringMatching(/^Assignment$/), expect.stringMatching(/^Germany to team A \(v\d+\)$/), '1', '0', '0', '1']);
  });
});

describe('in Chinese', () => {
  it('files a dispute the manager upholds', async () => {
    const zhRep = await w.signIn(await w.browser({ locale: 'zh-CN' }), (await w.h.call(w.h.adminToken, 'POST', '/reps/li/tokens', {})).body.token);
    await zhRep.goto(`${w.baseUrl}/ui/customers/${berlin}`);
    await zhRep.getByRole('button', { name: '申诉', exact: true }).click();
    const form = zhRep.getByRole('form', { name: '申诉', exact: true });
    await form.getByLabel('申诉理由').fill('这个客户是我在展会上认识的。');
    await form.getByRole('button', { name: '提交申诉' }).click();
    await expect.poll(() => status(zhRep)).toBe('申诉已提交：由你的经理（或管理员）裁决，结果会通知你。');

    await managerPage.goto(`${w.baseUrl}/ui/disputes`);
    const card = managerPage.locator('[data-testid=dispute]', { hasText: BERLIN });
    const decide = card.getByRole('form', { name: `Decide the dispute about ${BERLIN}` });
    await decide.getByLabel('Comment (both sides read it)').fill('chen keeps Berlin.');
    await decide.getByRole('button', { name: 'Decide', exact: true }).click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('upheld');
    expect((await w.h.customerRow(berlin)).owner_id).toBe('chen');

    await zhRep.goto(`${w.baseUrl}/ui/disputes`);
    const mine = zhRep.locator('[data-testid=dispute]', { hasText: BERLIN });
    await expect.poll(() => mine.getAttribute('data-status')).toBe('upheld');
    expect(await mine.locator('[data-testid=dispute-outcome]').textContent()).toContain('维持原决定');
    await w.screenshot(zhRep, 'disputes-zh-CN');
  });
});

describe('a dispute of a claim refused by a cooldown', () => {
  it('tells the cooldown and the trigger in words, in English and in Chinese', async () => {
    const li = (await w.h.call(w.h.adminToken, 'POST', '/reps/li/tokens', {})).body.token as string;
    const id = await w.h.createCustomer({ companyName: 'Cooldown Valves Ltd', assign: false });
    expect((await w.h.call(li, 'POST', `/customers/${id}/claim`)).status).toBe(200);
    expect((await w.h.call(li, 'POST', `/customers/${id}/release`, {})).status).toBe(200);
    expect((await w.h.call(li, 'POST', `/customers/${id}/claim`)).body.error.code).toBe('COOLDOWN');
    const filed = await w.h.call(li, 'POST', `/customers/${id}/disputes`, { reason: 'released by mistake', kind: 'claim_refusal' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);

    await managerPage.goto(`${w.baseUrl}/ui/disputes`);
    const card = managerPage.locator('[data-testid=dispute]', { hasText: 'Cooldown Valves Ltd' });
    await expect.poll(() => card.locator('[data-testid=dispute-rule]').textContent()).toBe('Cooldown');
    await expect.poll(() => card.locator('.decision .muted').first().textContent()).toContain('Trigger: Claim refused');

    const zh = await w.signIn(await w.browser({ locale: 'zh-CN' }), li);
    await zh.goto(`${w.baseUrl}/ui/disputes`);
    const mine = zh.locator('[data-testid=dispute]', { hasText: 'Cooldown Valves Ltd' });
    await expect.poll(() => mine.locator('[data-testid=dispute-rule]').textContent()).toBe('冷却期');
    const line = await mine.locator('.decision .muted').first().textContent();
    expect(line).toContain('触发: 领取被拒');
    expect(line).not.toContain('claim_refused');
    // Not a caps rule's doing: named as the cooldown, with no "no rule fired".
    expect(line).toMatch(/^冷却期 · /);
    expect(await mine.locator('.decision').first().textContent()).not.toContain('命中规则');
  });
});
