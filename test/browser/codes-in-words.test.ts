// Codes the API sends are shown in words, in Chinese and English: a customer's status, the kind of
// each history entry, the deadline's name on My customers, the sign-in method of a session, the
// event types of the webhook and chat-channel pickers. A code no map knows is shown as sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatedDefaults } from '../../server/rules/defaults.js';
import { emitEvent } from '../../server/notifications/emit.js';
import { createUiWorld, type UiWorld } from './support/ui-world.js';

let w: UiWorld;
let rep: { id: string; token: string };
let acme: string;

beforeAll(async () => {
  // The shipped reclaim rules: deadlines named first_follow_up, follow_up …
  w = await createUiWorld({ reclaim: validatedDefaults().reclaim });
  rep = await w.h.createRep({ id: 'li' });
  acme = await w.h.createCustomer({ companyName: 'Acme Pumps GmbH', assign: false });
  expect((await w.h.call(rep.token, 'POST', `/customers/${acme}/claim`)).status).toBe(200);
  expect((await w.h.call(rep.token, 'POST', `/customers/${acme}/follow-ups`, { kind: 'call', note: 'called the buyer' })).status).toBe(200);
}, 180_000);
afterAll(() => w?.close());

describe('codes in words', () => {
  it('in Chinese: status, history kinds, deadline name and sign-in method', async () => {
    const page = await w.signIn(await w.browser({ locale: 'zh-CN' }), rep.token);
    await page.goto(`${w.baseUrl}/ui/customers/${acme}`);
    const details = page.locator('dl.details');
    await expect.poll(() => details.locator('div', { hasText: '状态' }).locator('dd').textContent()).toBe('私有');
    const kinds = page.locator('[data-testid=history] tbody tr td:nth-child(2)');
    await expect.poll(() => kinds.allTextContents()).toEqual(expect.arrayContaining(['领取', '电话']));
    expect(await kinds.allTextContents()).not.toEqual(expect.arrayContaining(['claimed', 'call']));

    await page.goto(`${w.baseUrl}/ui/my-customers`);
    const row = page.locator('[data-testid=mine-table] tbody tr', { hasText: 'Acme Pumps GmbH' });
    await expect.poll(() => row.textContent()).toContain('（跟进）');

    await page.goto(`${w.baseUrl}/ui/account`);
    const sessions = page.locator('section[aria-labelledby=sessions-title] tbody tr');
    await expect.poll(() => sessions.first().locator('td').nth(4).textContent()).toBe('密码');
  });

  it('in Chinese: what the server wrote — a system entry of the history and a notification — and in English as written', async () => {
    const mate = await w.h.createRep({ id: 'zhao' });
    const added = await w.h.call(w.h.adminToken, 'POST', `/customers/${acme}/collaborators`, { repId: mate.id });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    await emitEvent(w.h.db, {
      type: 'customer.reclaimed',
      idempotencyKey: `ui-words/${acme}`,
      occurredAt: new Date().toISOString(),
      customerId: acme,
      recipients: [rep.id],
      title: 'Reclaimed to the pool: Acme Pumps GmbH',
      body: 'The follow-up deadline passed (no_follow_up).',
      data: { reason: 'no_follow_up' },
    });
    const zh = await w.signIn(await w.browser({ locale: 'zh-CN' }), rep.token);
    await zh.goto(`${w.baseUrl}/ui/customers/${acme}`);
    const notes = zh.locator('[data-testid=history] tbody tr td:nth-child(4)');
    await expect.poll(() => notes.allTextContents()).toContain('Rep zhao（zhao）由 Admin（admin） 添加为协作人');
    await zh.goto(`${w.baseUrl}/ui/notifications`);
    await zh.getByText('已收回公海：Acme Pumps GmbH').waitFor();
    await zh.getByText('期限已过（未按时跟进），客户已回到公海。').waitFor();

    // A reason typed by a person is shown as typed, never read as a key or a template.
    const typed = await w.h.createCustomer({ companyName: 'Typed Reason Ltd', assign: false });
    expect((await w.h.call(rep.token, 'POST', `/customers/${typed}/claim`)).status).toBe(200);
    expect((await w.h.call(rep.token, 'POST', `/customers/${typed}/release`, { reason: 'Budget {{cut}}. claim' })).status).toBe(200);
    await zh.goto(`${w.baseUrl}/ui/customers/${typed}`);
    await expect.poll(() => zh.locator('[data-testid=history] tbody tr td:nth-child(4)').allTextContents()).toEqual(expect.arrayContaining(['从公海领取', 'Budget {{cut}}. claim']));

    const en = await w.signIn(await w.browser(), rep.token);
    await en.goto(`${w.baseUrl}/ui/customers/${acme}`);
    await expect.poll(() => en.locator('[data-testid=history] tbody tr td:nth-child(4)').allTextContents()).toContain('Rep zhao (zhao) added as a collaborator by Admin (admin)');
    await en.goto(`${w.baseUrl}/ui/notifications`);
    await en.getByText('Reclaimed to the pool: Acme Pumps GmbH').waitFor();
  });

  it('in English: the event types of the webhook and chat-channel pickers', async () => {
    const admin = await w.signIn(await w.browser(), w.h.adminToken);
    await admin.goto(`${w.baseUrl}/ui/settings/webhooks`);
    const webhook = admin.getByRole('form', { name: 'Add webhook' });
    await webhook.getByLabel('Deadline soon').waitFor();
    expect(await webhook.getByLabel('deadline.warning').count()).toBe(0);
    await admin.goto(`${w.baseUrl}/ui/settings/channels`);
    await admin.getByRole('group', { name: 'Events' }).getByLabel('Dispute filed').waitFor();
    // A group subscribes to what happens, not to what happens "to you".
    await admin.getByRole('group', { name: 'Events' }).getByLabel('Customer assigned').waitFor();
    expect(await admin.getByRole('group', { name: 'Events' }).getByLabel('Assigned to you').count()).toBe(0);
  });
});
