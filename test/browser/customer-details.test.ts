// A rep, in Chinese, changes a customer's details from its page: only what was changed is sent, the
// page shows the new values and the history says what changed; another customer's e-mail is
// refused as a duplicate and nothing changes; a rep who may not change it sees no button.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatedDefaults } from '../../server/rules/defaults.js';
import { createUiWorld, type UiWorld } from './support/ui-world.js';

let w: UiWorld;
let rep: { id: string; token: string };
let acme: string;

beforeAll(async () => {
  // The shipped reclaim rules: the claimed customer stays the rep's for days (the world's own rules reclaim in seconds).
  w = await createUiWorld({ reclaim: validatedDefaults().reclaim });
  rep = await w.h.createRep({ id: 'wang' });
  acme = await w.h.createCustomer({ companyName: 'Acme Valves GmbH', phone: '+49 30 1234567', region: 'Berlin', assign: false });
  await w.h.createCustomer({ companyName: 'Other Valves GmbH', email: 'buyer@other-valves.example', assign: false });
  expect((await w.h.call(rep.token, 'POST', `/customers/${acme}/claim`)).status).toBe(200);
}, 180_000);
afterAll(() => w?.close());

describe("changing a customer's details in the UI", () => {
  it('sends only what changed, shows it, and tells it in the history', async () => {
    const page = await w.signIn(await w.browser({ locale: 'zh-CN' }), rep.token);
    const sent: unknown[] = [];
    page.on('request', (r) => r.method() === 'PATCH' && sent.push(r.postDataJSON()));
    await page.goto(`${w.baseUrl}/ui/customers/${acme}`);
    await page.getByRole('button', { name: '修改资料' }).click();
    const form = page.getByRole('form', { name: '修改资料' });
    expect(await form.getByLabel('电话').inputValue()).toBe('+49 30 1234567');
    await form.getByLabel('电话').fill('+49 30 7654321');
    await form.getByLabel('区域').fill('');
    await form.getByRole('button', { name: '保存资料' }).click();
    await page.getByRole('status').filter({ hasText: '资料已保存。' }).waitFor();
    expect(sent).toEqual([{ phone: '+49 30 7654321', region: null }]);
    const details = page.locator('dl.details');
    await expect.poll(() => details.locator('div', { hasText: '电话' }).locator('dd').textContent()).toBe('+49 30 7654321');
    const notes = page.locator('[data-testid=history] tbody tr td:nth-child(4)');
    await expect.poll(() => notes.allTextContents()).toContain('修改了资料：电话 +49 30 1234567 → +49 30 7654321；区域 Berlin → （空）');
    expect(await page.locator('[data-testid=history] tbody tr td:nth-child(2)').allTextContents()).toContain('修改资料');

    // Another customer's e-mail: refused, named as a duplicate, nothing changed.
    await page.getByRole('button', { name: '修改资料' }).click();
    await form.getByLabel('邮箱').fill('BUYER@other-valves.example');
    await form.getByRole('button', { name: '保存资料' }).click();
    await expect.poll(() => form.locator('[role=alert]').textContent()).toContain('该客户已存在：邮箱与另一客户相同。');
    expect((await w.h.customerRow(acme)).email).toBeNull();
  });

  it('shows no button to a rep who may not change the customer', async () => {
    const other = await w.h.createRep({ id: 'zhou' });
    const page = await w.signIn(await w.browser({ locale: 'zh-CN' }), other.token);
    await page.goto(`${w.baseUrl}/ui/customers/${acme}`);
    await page.getByRole('heading', { name: 'Acme Valves GmbH' }).waitFor();
    expect(await page.getByRole('button', { name: '修改资料' }).count()).toBe(0);
  });
});
