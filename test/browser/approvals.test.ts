// The lifecycle in the browser: a rep moves a customer through inquiry to a quote that the shipped
// approval rules route to the team manager, marks it key and is refused at the key quota; the
// manager sees the waiting approval in the header and approves it with a comment; a second approver
// with a stale inbox is told it is already decided; the rep is notified and sees the quote approved.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatedDefaults } from '../../server/rules/defaults.js';
import { createUiWorld, DESKTOP, TABLET, type UiWorld } from './support/ui-world.js';

let w: UiWorld;
let repPage: Page;
let managerPage: Page;
let adminPage: Page;
let acme: string;
let repToken: string;
const ACME = 'Acme Valves Ltd';
const BERLIN = 'Berlin Pumps GmbH';
// Typed by a rep, shown to others: always as text.
const HOSTILE_ITEM = '<b>DN80</b> gate valve <img src=x onerror="window.__owned=1">';

beforeAll(async () => {
  // The shipped reclaim rules (days, not seconds) and the shipped approval rules: a discount over
  // 10 % goes to the team manager.
  w = await createUiWorld({ reclaim: validatedDefaults().reclaim });
  const { h } = w;
  expect((await h.call(h.adminToken, 'POST', '/teams', { id: 'east', name: 'East' })).status).toBe(201);
  const manager = await h.createRep({ id: 'wang', role: 'manager', teamId: 'east' });
  // There is no API to change a team's manager yet.
  await h.db.updateTable('teams').set({ manager_id: 'wang' }).where('id', '=', 'east').execute();
  const rep = await h.createRep({ id: 'li', teamId: 'east', keyCap: 1 });
  repToken = rep.token;
  acme = await h.createCustomer({ companyName: ACME, country: 'DE', productLine: 'valves' });
  const berlin = await h.createCustomer({ companyName: BERLIN, country: 'DE', productLine: 'pumps' });
  for (const id of [acme, berlin]) expect((await h.call(rep.token, 'POST', `/customers/${id}/claim`)).status).toBe(200);
  repPage = await w.signIn(await w.browser(), rep.token);
  managerPage = await w.signIn(await w.browser(), manager.token);
  adminPage = await w.signIn(await w.browser(), h.adminToken);
}, 180_000);
afterAll(() => w?.close());

const status = (p: Page) => p.locator('[role=status]').first().textContent();
const row = (p: Page, company: string) => p.locator('[data-testid=mine-table] tbody tr', { hasText: company }).first();

describe('a quote from submission to approval', () => {
  it('lets a rep move a customer through inquiry to a quote, which waits for the manager', async () => {
    await repPage.getByRole('link', { name: 'My customers' }).click();
    await row(repPage, ACME).waitFor();
    // From "claimed" the stage actions are inquiry and won; costing and quote come later.
    const actions = async () => (await row(repPage, ACME).locator('.row-actions button').allTextContents()).join('|');
    expect(await actions()).toBe('Log follow-up|Log inquiry|Mark won|Mark key|Release');

    await repPage.getByRole('button', { name: `Log inquiry: ${ACME}` }).click();
    const inquiry = repPage.getByRole('form', { name: `Log inquiry: ${ACME}` });
    await inquiry.getByLabel('Products').fill('DN50 ball valves, DN80 gate valves');
    await inquiry.getByLabel('Quantity').fill('2 x 40HQ');
    await inquiry.getByLabel('Note').fill('Asked for CIF Hamburg prices');
    await inquiry.getByLabel('Note').press('Enter');
    await expect.poll(() => status(repPage)).toMatch(new RegExp(`^${ACME} is now in stage Inquiry\\. Next deadline: `));
    await expect.poll(() => row(repPage, ACME).locator('[data-testid=stage]').textContent()).toBe('Inquiry');
    expect(await actions()).toBe('Log follow-up|Log inquiry|Log costing|Submit quote|Mark won|Mark key|Release');

    await repPage.getByRole('button', { name: `Submit quote: ${ACME}` }).click();
    const quote = repPage.getByRole('form', { name: `Submit quote: ${ACME}` });
    await quote.getByLabel('Discount (%)').fill('12');
    await quote.getByLabel('Margin (%)').fill('22');
    await quote.getByLabel('Description (item 1)').fill('DN50 ball valve');
    await quote.getByLabel('Quantity (item 1)').fill('500');
    await quote.getByLabel('Unit price (item 1)').fill('18.5');
    await quote.getByRole('button', { name: 'Add item' }).click();
    await quote.getByLabel('Description (item 2)').fill(HOSTILE_ITEM);
    await quote.getByLabel('Quantity (item 2)').fill('200');
    await quote.getByLabel('Unit price (item 2)').fill('42');
    expect(await quote.locator('output').textContent()).toBe('Total: $17,650.00');
    await quote.getByLabel('Unit price (item 2)').press('Enter');
    await expect.poll(() => status(repPage)).toBe(`Quote for ${ACME} submitted. It waits for approval: Level 1 (the rep's manager).`);
    const latest = row(repPage, ACME).locator('[data-testid=latest-quote]');
    await expect.poll(() => latest.getAttribute('data-status')).toBe('pending_approval');
    expect(await latest.textContent()).toBe("Pending approval level 1 of 1, waiting for the rep's manager");
    // A second quote would be refused while this one waits: it is not offered.
    expect(await actions()).toBe('Log follow-up|Mark won|Mark key|Release');

    const stored = await w.h.db.selectFrom('quotes').selectAll().where('customer_id', '=', acme).execute();
    expect(stored).toEqual([expect.objectContaining({ status: 'pending_approval', currency: 'USD', rep_id: 'li' })]);
    expect(Number(stored[0]!.amount)).toBe(17_650);
  });

  it('marks a key customer and refuses a second one clearly at the key quota', async () => {
    await repPage.getByRole('button', { name: `Mark key: ${ACME}` }).click();
    await expect.poll(() => status(repPage)).toBe(`${ACME} is now a key customer.`);
    await expect.poll(() => row(repPage, ACME).locator('.badge.key').textContent()).toBe('Key customer');
    expect(await repPage.getByRole('button', { name: `Unmark key: ${ACME}` }).getAttribute('aria-pressed')).toBe('true');

    await repPage.getByRole('button', { name: `Mark key: ${BERLIN}` }).click();
    const alert = repPage.locator('[role=alert]');
    await expect.poll(() => alert.getAttribute('data-code')).toBe('KEY_CAP_REACHED');
    expect(await alert.locator('p').first().textContent()).toBe('The key-customer quota is full: 1 of 1. Unmark a key customer first.');
    expect((await w.h.customerRow(acme)).key_customer).toBe(true);
    await w.screenshot(repPage, 'my-customers-stages');
  });

  it('shows the manager the waiting approval; the manager approves it with a comment', async () => {
    // The header (polled every 20 s; a reload shows it at once): Approvals with its count, the bell
    // with the approval.requested notification.
    await managerPage.reload();
    await expect.poll(() => managerPage.locator('[data-testid=nav-count-approvals]').textContent()).toBe('1');
    await expect.poll(() => managerPage.locator('[data-testid=bell]').getAttribute('data-unread')).toBe('1');
    expect(await managerPage.getByRole('link', { name: 'Approvals' }).getAttribute('aria-label')).toBe('Approvals (1 waiting)');
    // The rep (not an approver) has no Approvals entry.
    expect(await repPage.getByRole('link', { name: 'Approvals' }).count()).toBe(0);

    // An admin opens the same inbox now, and keeps it open while the manager decides.
    await adminPage.getByRole('link', { name: 'Approvals' }).click();
    await adminPage.getByRole('button', { name: `Approve: ${ACME}` }).click();
    await adminPage.getByLabel('Comment (optional)').fill('Fine by me too');

    await managerPage.getByRole('link', { name: 'Approvals' }).click();
    const item = managerPage.locator('[data-testid=approvals-table] tbody tr', { hasText: ACME }).first();
    await item.waitFor();
    const text = await item.textContent();
    expect(text).toContain('Rep li');
    expect(text).toContain('$17,650.00');
    expect(text).toContain('discount 12 %, margin 22 %');
    expect(text).toContain('Level 1');
    expect(text).toContain('discount over 10%');
    await managerPage.getByRole('button', { name: `Approve: ${ACME}` }).click();
    const form = managerPage.getByRole('form', { name: `Approve: ${ACME}` });
    await form.getByLabel('Comment (optional)').fill('OK for 500 pcs at this discount');
    await w.screenshot(managerPage, 'approvals');
    await form.getByLabel('Comment (optional)').press('Enter');
    await expect.poll(() => status(managerPage)).toBe(`Quote for ${ACME} approved. The customer moves on to samples.`);
    await expect.poll(() => managerPage.locator('[data-testid=approvals-table] tbody tr').count()).toBe(0);
    expect(await managerPage.getByText('Nothing waits for your approval.').count()).toBe(1);
    // The request is settled by the decision, and the bell says so at once, not at its next poll (20 s).
    await expect.poll(() => managerPage.locator('[data-testid=bell]').getAttribute('data-unread'), { timeout: 5_000 }).toBe('0');

    await managerPage.getByRole('tab', { name: 'Decided by me' }).click();
    const decided = managerPage.locator('[data-testid=approvals-table] tbody tr', { hasText: ACME });
    await decided.waitFor();
    expect(await decided.textContent()).toContain('OK for 500 pcs at this discount');

    const level = await w.h.db.selectFrom('quote_approvals').selectAll().execute();
    expect(level).toEqual([expect.objectContaining({ level: 1, status: 'approved', decided_by: 'wang', comment: 'OK for 500 pcs at this discount' })]);
    expect((await w.h.customerRow(acme)).stage).toBe('sample');
  });

  it('tells a second approver with a stale inbox that the quote is already decided', async () => {
    await adminPage.getByLabel('Comment (optional)').press('Enter');
    const alert = adminPage.locator('.notice[role=alert]');
    await expect.poll(() => alert.getAttribute('data-code')).toBe('APPROVAL_DECIDED');
    expect(await alert.textContent()).toBe('This quote was already decided (Approved); reload to see where it stands.');
    expect((await w.h.db.selectFrom('quote_approvals').select('decided_by').executeTakeFirstOrThrow()).decided_by).toBe('wang');
  });

  it("notifies the rep, whose customer shows the quote approved with the manager's comment", async () => {
    await repPage.reload();
    const bell = repPage.locator('[data-testid=bell]');
    await expect.poll(() => bell.getAttribute('data-unread')).toBe('1');
    expect(await bell.getAttribute('aria-label')).toBe('Notifications: 1 unread');
    await bell.click();
    const note = repPage.locator('[data-testid=notifications] li', { hasText: `Quote approved: ${ACME}` });
    await note.waitFor();
    expect(await note.getAttribute('data-read')).toBe('false');
    expect(await note.locator('.badge').textContent()).toBe('Quote decided');
    await w.screenshot(repPage, 'notifications');
    await repPage.getByRole('button', { name: 'Mark all read' }).click();
    await expect.poll(() => note.getAttribute('data-read')).toBe('true');
    await expect.poll(() => bell.getAttribute('data-unread')).toBe('0');
    expect(await bell.getAttribute('aria-label')).toBe('Notifications');

    await note.getByRole('link', { name: 'Open customer' }).click();
    await expect.poll(() => repPage.locator('[data-testid=customer-name]').textContent()).toBe(ACME);
    const quote = repPage.locator('[data-testid=quotes] > li').first();
    await expect.poll(() => quote.getAttribute('data-status')).toBe('approved');
    const levels = quote.locator('[data-testid=quote-levels] li');
    expect(await levels.count()).toBe(1);
    expect(await levels.first().getAttribute('data-status')).toBe('approved');
    const text = await levels.first().textContent();
    expect(text).toMatch(/^Level 1 · the rep's manager · approved · by Rep wang \(wang\), .+OK for 500 pcs at this discount/);
    // The submitter and the owner are named as people know them, not by their ids.
    expect(await quote.locator('p').first().textContent()).toContain('by Rep li (li), ');
    expect(await repPage.locator('dl.details > div', { has: repPage.locator('dt', { hasText: /^Owner$/ }) }).locator('dd').textContent()).toBe('Rep li (li)');
    expect(text).toContain('discount over 10%');
    expect(await quote.textContent()).toContain(`${HOSTILE_ITEM} — 200 × $42.00`);
    expect(await quote.locator('b, img').count()).toBe(0);
    expect(await repPage.evaluate(() => (globalThis as { __owned?: number }).__owned)).toBeUndefined();
    await quote.scrollIntoViewIfNeeded();
    await w.screenshot(repPage, 'customer-quotes');

    // Back in My customers: the customer is in samples now, so samples and won are offered.
    await repPage.getByRole('link', { name: 'My customers' }).click();
    await expect.poll(() => row(repPage, ACME).locator('[data-testid=stage]').textContent()).toBe('Samples');
    expect((await row(repPage, ACME).locator('.row-actions button').allTextContents()).join('|')).toBe('Log follow-up|Log sample|Mark won|Unmark key|Release');
  });

  it('lets the manager reject a quote only with a reason, which the rep reads next to the customer', async () => {
    const berlin = (await w.h.db.selectFrom('customers').select('id').where('company_name', '=', BERLIN).executeTakeFirstOrThrow()).id;
    const li = repToken;
    expect((await w.h.call(li, 'POST', `/customers/${berlin}/inquiry`, {})).status).toBe(200);
    const quoted = await w.h.call(li, 'POST', `/customers/${berlin}/quotes`, { currency: 'USD', discountPct: 15, marginPct: 20, items: [{ description: 'Pump', quantity: 10, unitPrice: 900 }] });
    expect(quoted.body.quote.status).toBe('pending_approval');
    // The rep keeps My customers open, the quote shown waiting.
    await repPage.reload();
    await expect.poll(() => row(repPage, BERLIN).locator('[data-testid=latest-quote]').getAttribute('data-status'), { timeout: 15_000 }).toBe('pending_approval');

    await managerPage.getByRole('tab', { name: 'Waiting for me' }).click();
    await managerPage.getByRole('button', { name: `Reject: ${BERLIN}` }).click();
    const form = managerPage.getByRole('form', { name: `Reject: ${BERLIN}` });
    const reason = form.getByLabel('Reason for rejecting (the rep reads it)');
    // No reason, no rejection: the browser holds the form back.
    await reason.press('Enter');
    expect(await form.locator('input:invalid').count()).toBe(1);
    await reason.fill('Discount too deep for a first order');
    await reason.press('Enter');
    await expect.poll(() => status(managerPage)).toBe(`Quote for ${BERLIN} rejected; it goes back to Rep li with your reason.`);

    // No reload: the notice of the decision (the header polls every 20 s while the page is in view) refreshes the list too.
    await repPage.bringToFront();
    const latest = row(repPage, BERLIN).locator('[data-testid=latest-quote]');
    await expect.poll(() => latest.getAttribute('data-status'), { timeout: 45_000 }).toBe('rejected');
    expect(await latest.textContent()).toBe('Rejected “Discount too deep for a first order” — revise it and submit a new quote.');
    // A revised quote may be submitted again, starting from the rejected one.
    await repPage.getByRole('button', { name: `Submit quote: ${BERLIN}` }).click();
    const revise = repPage.getByRole('form', { name: `Submit quote: ${BERLIN}` });
    await expect.poll(() => revise.getByLabel('Discount (%)').inputValue()).toBe('15');
    expect(await revise.getByLabel('Margin (%)').inputValue()).toBe('20');
    expect(await revise.getByLabel('Description (item 1)').inputValue()).toBe('Pump');
    expect(await revise.getByLabel('Quantity (item 1)').inputValue()).toBe('10');
    expect(await revise.getByLabel('Unit price (item 1)').inputValue()).toBe('900');
    expect(await revise.locator('[data-testid=quote-revising]').textContent()).toContain('Discount too deep for a first order');
    await revise.getByRole('button', { name: 'Cancel' }).click();
  });

  it('is usable at tablet width and in Chinese', async () => {
    const overflow = (p: Page) =>
      p.evaluate(() => {
        const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
        return d.scrollWidth - d.clientWidth;
      });
    await repPage.setViewportSize(TABLET);
    await row(repPage, ACME).waitFor();
    expect(await overflow(repPage)).toBeLessThanOrEqual(0);
    await repPage.setViewportSize(DESKTOP);

    await managerPage.setViewportSize(TABLET);
    await managerPage.getByLabel('Language').selectOption('zh-CN');
    await expect.poll(() => managerPage.getByRole('heading', { level: 1 }).textContent()).toBe('审批');
    expect(await managerPage.getByRole('tab').allTextContents()).toEqual(['待我审批', '我已审批']);
    await managerPage.getByRole('tab', { name: '我已审批' }).click();
    const decided = managerPage.locator('[data-testid=approvals-table] tbody');
    await expect.poll(() => decided.locator('tr').count()).toBe(2);
    expect(await decided.textContent()).toContain('已批准');
    expect(await decided.textContent()).toContain('已驳回');
    expect(await overflow(managerPage)).toBeLessThanOrEqual(0);
    await w.screenshot(managerPage, 'approvals-zh-CN-tablet');
  });
});
