// The Pool page's New customer form says where the new customer goes: by the assignment rules (the
// default), kept in a pool the creator picks, or claimed by the creating rep; and the notice after
// saving names the rep or the pool it went to, in English and Chinese.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatedDefaults } from '../../server/rules/defaults.js';
import { createUiWorld, type UiWorld } from './support/ui-world.js';

let w: UiWorld;
let page: Page;

beforeAll(async () => {
  // The shipped assignment rules give new customers to a rep (round robin); days-long deadlines.
  w = await createUiWorld({ reclaim: validatedDefaults().reclaim, assignment: 'shipped' });
  const { h } = w;
  expect((await h.call(h.adminToken, 'POST', '/pools', { id: 'fairs', name: 'Trade fairs', openToAll: true })).status).toBe(201);
  const li = await h.createRep({ id: 'li' });
  page = await w.signIn(await w.browser(), li.token);
}, 180_000);
afterAll(() => w?.close());

const status = (p: Page) => p.locator('[role=status]').first().textContent();
const customerNamed = (companyName: string) => w.h.db.selectFrom('customers').select(['status', 'owner_id', 'pool_id']).where('company_name', '=', companyName).executeTakeFirstOrThrow();

async function create(p: Page, companyName: string, where: string | null, pool?: string) {
  const form = p.getByRole('form', { name: /^(New customer|新建客户)$/ });
  await form.getByLabel(/^(Company|公司)/).fill(companyName);
  if (where) await form.getByRole('radio', { name: where }).check();
  if (pool) await form.getByLabel(/^(Pool|公海池)$/).selectOption({ label: pool });
  await form.getByRole('button', { name: /^(Create customer|创建客户)$/ }).click();
}

describe('New customer: where it goes', () => {
  it('goes by the assignment rules by default, and the notice names the rep', async () => {
    await page.goto(`${w.baseUrl}/ui/pool`);
    await page.getByRole('button', { name: 'New customer' }).click();
    expect(await page.getByRole('radio', { name: 'By the assignment rules' }).isChecked()).toBe(true);
    await create(page, 'Ruled Valves Ltd', null);
    await expect.poll(() => status(page)).toMatch(/^Ruled Valves Ltd created and given to Rep li \(li\) by the assignment rules\.$/);
    expect(await customerNamed('Ruled Valves Ltd')).toMatchObject({ status: 'owned', owner_id: 'li' });
  });

  it('stays in the pool the creator picks', async () => {
    await create(page, 'Fair Lead GmbH', 'Keep in the pool', 'Trade fairs');
    await expect.poll(() => status(page)).toBe('Fair Lead GmbH created; it stays in the pool Trade fairs.');
    expect(await customerNamed('Fair Lead GmbH')).toMatchObject({ status: 'pool', owner_id: null, pool_id: 'fairs' });
  });

  it('is claimed by the rep who creates it', async () => {
    await create(page, 'Mine Pumps Co', 'Claim it myself');
    await expect.poll(() => status(page)).toBe('Mine Pumps Co created; it is yours now.');
    expect(await customerNamed('Mine Pumps Co')).toMatchObject({ status: 'owned', owner_id: 'li' });
  });

  it('in Chinese, and an admin is not offered the claim', async () => {
    const admin = await w.signIn(await w.browser({ locale: 'zh-CN' }), w.h.adminToken);
    await admin.goto(`${w.baseUrl}/ui/pool`);
    await admin.getByRole('button', { name: '新建客户' }).click();
    expect(await admin.getByRole('radio', { name: '我自己领取' }).count()).toBe(0);
    await create(admin, '深圳展会客户有限公司', '留在公海', 'Trade fairs');
    await expect.poll(() => status(admin)).toBe('已创建 深圳展会客户有限公司，留在公海池“Trade fairs”。');
  });
});
