// A form's error notice belongs to the attempt that caused it: it goes away as soon as the person
// edits the form or submits again, so a stale refusal never stands beside a new one (the shared
// ErrorNotice, for every form). Checked on the invitation page and on New customer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUiWorld, type UiWorld } from './support/ui-world.js';

let w: UiWorld;

beforeAll(async () => {
  w = await createUiWorld();
}, 180_000);
afterAll(() => w?.close());

describe('error notices', () => {
  it("on the invitation page, the server's refusal goes when the passwords are found to differ", async () => {
    const made = await w.h.call(w.h.adminToken, 'POST', '/invitations', { rep: { id: 'mei', name: 'Mei Lin', email: 'mei@example.com', hiredAt: '2024-03-01' } });
    expect(made.status).toBe(201);
    const page = (await w.browser()).pages()[0]!;
    // The link names the address the API was asked at (in-process here): the same path on the served UI.
    await page.goto(made.body.link.replace(/^https?:\/\/[^/]+/, w.baseUrl));
    const alerts = page.locator('[role=alert]');
    await page.getByLabel('New password').fill('password1234');
    await page.getByLabel('Repeat the password').fill('password1234');
    await page.getByLabel('Repeat the password').press('Enter');
    await expect.poll(() => alerts.allTextContents()).toEqual([expect.stringContaining('too easy to guess')]);
    // The issue names the field by its label, not by the JSON pointer the server sent (/password).
    expect(await alerts.first().locator('li').textContent()).toMatch(/^New password\b/);
    expect(await alerts.first().textContent()).not.toContain('/password');
    await page.getByLabel('New password').fill('harbour-lantern-kite-42');
    await page.getByLabel('Repeat the password').fill('harbour-lantern-kite-43');
    await page.getByLabel('Repeat the password').press('Enter');
    await expect.poll(() => alerts.allTextContents()).toEqual(['The two passwords differ.']);
  });

  it('on My account, a new password typed differently twice is refused before anything is sent', async () => {
    const rep = await w.h.createRep({ id: 'pw-twice' });
    const page = await w.signIn(await w.browser(), rep.token);
    await page.goto(`${w.baseUrl}/ui/account`);
    const form = page.getByRole('form', { name: 'Change password' });
    const sent: string[] = [];
    page.on('request', (r) => r.url().endsWith('/me/password') && sent.push(r.method()));
    await form.getByLabel('Current password').fill('whatever-it-was-1');
    await form.getByLabel('New password').fill('harbour-lantern-kite-42');
    await form.getByLabel('Repeat the password').fill('harbour-lantern-kite-43');
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => form.locator('[role=alert]').allTextContents()).toEqual(['The two passwords differ.']);
    expect(sent).toEqual([]);
    // Editing clears it.
    await form.getByLabel('Repeat the password').fill('harbour-lantern-kite-42');
    expect(await form.locator('[role=alert]').count()).toBe(0);
  });

  it('in New customer, a duplicate refusal goes when the form is edited, before the browser blocks the next attempt', async () => {
    await w.h.createCustomer({ companyName: 'Existing Valves Ltd', assign: false });
    const rep = await w.h.createRep({ id: 'li' });
    const page = await w.signIn(await w.browser(), rep.token);
    await page.goto(`${w.baseUrl}/ui/pool`);
    await page.getByRole('button', { name: 'New customer' }).click();
    const form = page.getByRole('form', { name: 'New customer' });
    const alerts = form.locator('[role=alert]');
    await form.getByLabel('Company').fill('Existing Valves Ltd');
    await form.getByRole('button', { name: 'Create customer' }).click();
    await expect.poll(() => alerts.allTextContents()).toEqual([expect.stringContaining('This customer already exists')]);
    // The refusal leads to the customer it duplicates.
    const existing = (await w.h.db.selectFrom('customers').select('id').where('company_name', '=', 'Existing Valves Ltd').executeTakeFirstOrThrow()).id;
    expect(await alerts.getByRole('link', { name: 'Open the existing customer' }).getAttribute('href')).toBe(`/ui/customers/${existing}`);
    await form.getByLabel('E-mail').fill('not-an-email');
    await form.getByRole('button', { name: 'Create customer' }).click();
    await expect.poll(() => alerts.count()).toBe(0);
    // A refused field is named by the form's label, not by the pointer the server sent (/country).
    await form.getByLabel('Company').fill('Hamburg Valves GmbH');
    await form.getByLabel('E-mail').fill('');
    await form.getByLabel('Country').fill('Atlantis');
    await form.getByRole('button', { name: 'Create customer' }).click();
    await expect.poll(() => alerts.locator('li').allTextContents()).toEqual([expect.stringMatching(/^Country expected a country: its ISO 3166-1 alpha-2 code/)]);
    expect(await alerts.first().textContent()).not.toContain('/country');
  });
});
