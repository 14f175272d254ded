// Settings in the browser, as an admin: a pool open to one team and one rep, then to everyone; a
// holiday calendar with a make-up working day, a refused weekday "make-up" day and a removed day; a
// rep's calendar and leave; a token listed and revoked (it stops signing in at once); a webhook
// subscribed and deleted. In Chinese, a rep's team and role changed, a team's manager picked from the
// managers, refusals (a manager of another team, the last admin demoted) shown in the form, and every
// rep named 李伟（liwei） (full-width brackets) in the tables and pickers. A manager reads pools and
// holidays without the forms to change them.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUiWorld, TABLET, DESKTOP, type UiWorld } from './support/ui-world.js';

let w: UiWorld;
let page: Page;
let manager: { id: string; token: string };
/** The admin's page in Chinese, for the reps and teams edits. */
let zh: Page;

beforeAll(async () => {
  w = await createUiWorld();
  const { h } = w;
  expect((await h.call(h.adminToken, 'POST', '/teams', { id: 'east', name: '华东外贸一部' })).status).toBe(201);
  await h.createRep({ id: 'li', teamId: 'east' });
  manager = await h.createRep({ id: 'wang', role: 'manager', teamId: 'east' });
  page = await w.signIn(await w.browser(), h.adminToken);
}, 180_000);
afterAll(() => w?.close());

const status = (p: Page) => p.locator('[role=status]').first().textContent();
const section = (name: string) => page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name, exact: true });

describe('settings', () => {
  it('adds a pool open to one team and one rep, then opens it to everyone', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await section('Pools').click();
    await page.waitForURL(/\/ui\/settings\/pools$/);
    const rows = page.locator('[data-testid=pools-table] tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Everyone');

    const form = page.getByRole('form', { name: 'Add pool' });
    await form.getByLabel('Id').fill('emea');
    await form.getByLabel('Name').fill('EMEA pool');
    await form.getByLabel('Description').fill('Europe, Middle East and Africa');
    await form.getByLabel('Open to everyone').uncheck();
    await form.getByRole('group', { name: 'Teams that may claim' }).getByLabel('华东外贸一部').check();
    await form.getByRole('group', { name: 'Reps who may claim' }).getByLabel('Rep li (li)').check();
    await form.getByLabel('Name').press('Enter');
    await expect.poll(() => status(page)).toBe('Pool EMEA pool saved.');
    const emea = page.locator('[data-testid=pools-table] tbody tr[data-pool=emea]');
    // The rep by name with the id beside it, as reps are named everywhere.
    await expect.poll(() => emea.textContent()).toBe('EMEA pool (emea)Europe, Middle East and Africa华东外贸一部Rep li (li)0Edit');
    await w.screenshot(page, 'settings-pools');
    const stored = async () => (await w.h.call(w.h.adminToken, 'GET', '/pools')).body.items.find((p: { id: string }) => p.id === 'emea');
    expect(await stored()).toMatchObject({ name: 'EMEA pool', openToAll: false, teamIds: ['east'], repIds: ['li'] });

    await page.getByRole('button', { name: 'Edit: EMEA pool' }).click();
    const edit = page.getByRole('form', { name: 'Edit pool EMEA pool' });
    await edit.getByLabel('Open to everyone').check();
    await edit.getByRole('group', { name: 'Reps who may claim' }).getByLabel('Rep li (li)').uncheck();
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => emea.locator('td').nth(1).textContent()).toBe('Everyone');
    expect(await stored()).toMatchObject({ openToAll: true, teamIds: ['east'], repIds: [] });
  });

  it('keeps a holiday calendar: adds days, refuses a make-up day on a weekday, removes a day', async () => {
    await section('Holidays').click();
    const add = page.getByRole('form', { name: 'Add day' });
    // No calendar yet: a new one is named and gets its first day.
    await page.getByLabel('New calendar name').fill('CN');
    const day = async (date: string, name: string, kind: 'Holiday' | 'Make-up working day') => {
      await add.getByLabel('Date').fill(date);
      await add.getByLabel('Name').fill(name);
      await add.getByLabel('Kind').selectOption({ label: kind });
      await add.getByLabel('Name').press('Enter');
    };
    await day('2026-10-01', '国庆节', 'Holiday');
    await expect.poll(() => status(page)).toBe('Calendar CN saved. Days in it: 1.');
    await day('2026-10-02', '国庆节', 'Holiday');
    await expect.poll(() => status(page)).toBe('Calendar CN saved. Days in it: 2.');
    await day('2026-10-10', '国庆节调休', 'Make-up working day');
    await expect.poll(() => status(page)).toBe('Calendar CN saved. Days in it: 3.');

    // 2026-10-08 is a Thursday: a make-up working day there is refused, with the reason.
    await day('2026-10-08', '调休？', 'Make-up working day');
    const alert = page.locator('.notice[role=alert]');
    await expect.poll(() => alert.getAttribute('data-code')).toBe('VALIDATION_FAILED');
    expect(await alert.textContent()).toContain('2026-10-08 is a weekday; only a Saturday or Sunday can be a make-up working day');

    const rows = page.locator('[data-testid=holidays-table] tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.nth(2).textContent()).toBe('2026-10-10Sat国庆节调休Make-up working dayRemove');
    await page.getByRole('button', { name: 'Remove 2026-10-02 (国庆节)' }).click();
    await expect.poll(() => rows.count()).toBe(2);
    await w.screenshot(page, 'settings-holidays');
    const stored = (await w.h.call(w.h.adminToken, 'GET', '/holidays?calendar=CN')).body.items;
    expect(stored.map((d: { day: string; kind: string }) => `${d.day} ${d.kind}`)).toEqual(['2026-10-01 holiday', '2026-10-10 workday']);
  });

  it("sets a rep's holiday calendar and adds and removes their leave", async () => {
    await section('Working days and leave').click();
    await page.getByLabel('Rep', { exact: true }).selectOption('li');
    await page.getByLabel('Holiday calendar of Rep li').selectOption('CN');
    await page.getByRole('button', { name: 'Set calendar' }).click();
    await expect.poll(() => status(page)).toBe('Rep li now follows: CN (UTC).');
    expect((await w.h.db.selectFrom('reps').select('calendar').where('id', '=', 'li').executeTakeFirstOrThrow()).calendar).toBe('CN');

    const form = page.getByRole('form', { name: 'Add leave' });
    await form.getByLabel('From').fill('2026-12-01');
    await form.getByLabel('To (inclusive)').fill('2026-12-05');
    await form.getByLabel('Reason').fill('年假');
    await form.getByLabel('Reason').press('Enter');
    await expect.poll(() => status(page)).toBe('Leave added for Rep li: 2026-12-01 to 2026-12-05.');
    const rows = page.locator('[data-testid=leave-table] tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toBe('2026-12-012026-12-05年假Remove');
    // An overlapping leave is refused with what the server says about it, not as a concurrent edit.
    await form.getByLabel('From').fill('2026-12-04');
    await form.getByLabel('To (inclusive)').fill('2026-12-08');
    await form.getByLabel('Reason').press('Enter');
    await expect.poll(() => form.locator('[role=alert] p').first().textContent()).toBe('This leave overlaps the leave from 2026-12-01 to 2026-12-05 the rep already has; change or delete that one instead.');
    await page.getByRole('button', { name: 'Remove leave 2026-12-01 to 2026-12-05' }).click();
    await expect.poll(() => rows.count()).toBe(0);
    expect(await w.h.db.selectFrom('rep_leave').selectAll().execute()).toEqual([]);
  });

  it("lists a rep's tokens and revokes one, which stops signing in at once", async () => {
    await section('API tokens').click();
    await page.getByLabel('Rep', { exact: true }).selectOption('li');
    const rows = page.locator('[data-testid=tokens-table] tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByLabel('Token name').fill('laptop');
    await page.getByLabel('Token name').press('Enter');
    const token = (await page.locator('[data-testid=new-token]').textContent())!;
    expect(token).toMatch(/^hs_/);
    await expect.poll(() => rows.count()).toBe(2);
    expect((await w.h.call(token, 'GET', '/me')).status).toBe(200);

    await page.getByRole('button', { name: 'Revoke: laptop' }).click();
    await page.getByRole('button', { name: 'Revoke now' }).click();
    await expect.poll(() => status(page)).toBe('Token "laptop" revoked; it no longer signs in.');
    await expect.poll(() => rows.first().locator('td').nth(5).textContent()).toMatch(/^Revoked /);
    // Who issued it, its use by the request above, and no expiry.
    expect(await rows.first().locator('td').nth(2).textContent()).toBe('admin');
    expect(await rows.first().locator('td').nth(3).textContent()).not.toBe('Never');
    expect(await rows.first().locator('td').nth(4).textContent()).toBe('Does not expire');
    const refused = await w.h.call(token, 'GET', '/me');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('UNAUTHENTICATED');
    // The page never shows a secret again, and the other token still works.
    expect(await page.locator('[data-testid=new-token]').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Revoke: api' }).count()).toBe(1);
  });

  it('subscribes a webhook, shows its secret once, and deletes it', async () => {
    await section('Webhooks').click();
    const form = page.getByRole('form', { name: 'Add webhook' });
    await form.getByLabel('URL').fill('https://crm.example.com/hooks/highseas');
    await form.getByLabel('All events').uncheck();
    await form.getByLabel('Quote decided').check();
    await form.getByLabel('URL').press('Enter');
    await expect.poll(() => page.locator('[data-testid=webhook-secret]').count()).toBe(1);
    const row = page.locator('[data-testid=webhooks-table] tbody tr').first();
    await expect.poll(() => row.textContent()).toContain('https://crm.example.com/hooks/highseas');
    expect(await row.locator('.badge').allTextContents()).toEqual(['Quote decided']);
    await page.getByRole('button', { name: 'Deliveries: https://crm.example.com/hooks/highseas' }).click();
    await expect.poll(() => page.getByText('No deliveries yet.').count()).toBe(1);
    await page.getByRole('button', { name: 'Delete: https://crm.example.com/hooks/highseas' }).click();
    await page.getByRole('button', { name: 'Delete now' }).click();
    await expect.poll(() => status(page)).toBe('Webhook https://crm.example.com/hooks/highseas deleted.');
    await expect.poll(() => page.locator('[data-testid=webhooks-table] tbody tr').count()).toBe(0);
    expect((await w.h.call(w.h.adminToken, 'GET', '/webhooks')).body.items).toEqual([]);
  });

  it("in Chinese, moves a rep to another team and makes them a manager, sending only what changed; the table names the team", async () => {
    const { h } = w;
    expect((await h.call(h.adminToken, 'POST', '/teams', { id: 'south', name: '华南外贸二部' })).status).toBe(201);
    await h.createRep({ id: 'zhao', teamId: 'east', tags: ['senior'] });
    zh = await w.signIn(await w.browser({ locale: 'zh-CN' }), h.adminToken);
    await zh.goto(`${w.baseUrl}/ui/settings/reps`);
    const row = zh.locator('[data-testid=reps-table] tbody tr[data-rep=zhao]');
    await expect.poll(() => row.locator('td').nth(2).textContent()).toBe('华东外贸一部');
    const sent: unknown[] = [];
    zh.on('request', (r) => {
      if (r.method() === 'PATCH') sent.push(r.postDataJSON());
    });

    await zh.getByRole('button', { name: '编辑：Rep zhao' }).click();
    const form = zh.getByRole('form', { name: '编辑业务员 Rep zhao' });
    await form.getByLabel('角色').selectOption({ label: '经理' });
    await form.getByLabel('团队').selectOption({ label: '华南外贸二部' });
    await w.screenshot(zh, 'settings-rep-edit-zh-CN');
    await form.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => status(zh)).toBe('业务员 Rep zhao 已保存。');
    await expect.poll(() => row.locator('td').nth(2).textContent()).toBe('华南外贸二部');
    expect(await row.locator('td').nth(1).textContent()).toBe('经理');
    expect(sent).toEqual([{ role: 'manager', teamId: 'south' }]);
    const stored = await h.call(h.adminToken, 'GET', '/reps/zhao');
    expect(stored.body).toMatchObject({ role: 'manager', teamId: 'south', name: 'Rep zhao', tags: ['senior'], hiredAt: '2024-01-15' });
  });

  it("in Chinese, sets a team's manager from the managers, and shows the server's reason when a manager of another team is picked", async () => {
    await zh.getByRole('navigation', { name: '设置分类' }).getByRole('link', { name: '团队', exact: true }).click();
    const south = zh.locator('[data-testid=teams-table] tbody tr[data-team=south]');
    await expect.poll(() => south.locator('td').nth(2).textContent()).toBe('—');
    await zh.getByRole('button', { name: '编辑：华南外贸二部' }).click();
    const form = zh.getByRole('form', { name: '编辑团队 华南外贸二部' });
    // Only the managers are offered, each with their team.
    expect(await form.getByLabel('经理').locator('option').allTextContents()).toEqual(['无', 'Rep wang（wang） · 华东外贸一部', 'Rep zhao（zhao） · 华南外贸二部']);
    await form.getByLabel('经理').selectOption('zhao');
    await form.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => south.locator('td').nth(2).textContent()).toBe('Rep zhao');
    const team = async (id: string) => (await w.h.call(w.h.adminToken, 'GET', '/teams')).body.items.find((t: { id: string }) => t.id === id);
    expect(await team('south')).toMatchObject({ name: '华南外贸二部', managerId: 'zhao', language: 'zh' });

    // zhao is in 华南外贸二部: the server refuses him as 华东外贸一部's manager, and the form says why.
    await zh.getByRole('button', { name: '编辑：华东外贸一部' }).click();
    const east = zh.getByRole('form', { name: '编辑团队 华东外贸一部' });
    await east.getByLabel('经理').selectOption('zhao');
    await east.getByRole('button', { name: '保存' }).click();
    const alert = east.locator('[role=alert]');
    await expect.poll(() => alert.getAttribute('data-code')).toBe('VALIDATION_FAILED');
    expect(await alert.textContent()).toContain('zhao 是团队 "south" 的经理；经理只管理自己所在的团队');
    await w.screenshot(zh, 'settings-team-edit-refused-zh-CN');
    expect(await team('east')).toMatchObject({ managerId: null });
    expect((await w.h.call(w.h.adminToken, 'GET', '/reps/zhao')).body).toMatchObject({ teamId: 'south' });
  });

  it('in Chinese, refuses to demote the last admin, with the reason in the form', async () => {
    await zh.getByRole('navigation', { name: '设置分类' }).getByRole('link', { name: '业务员', exact: true }).click();
    await zh.getByRole('button', { name: '编辑：Admin' }).click();
    const form = zh.getByRole('form', { name: '编辑业务员 Admin' });
    await form.getByLabel('角色').selectOption({ label: '经理' });
    await form.getByRole('button', { name: '保存' }).click();
    const alert = form.locator('[role=alert]');
    await expect.poll(() => alert.getAttribute('data-code')).toBe('LAST_ADMIN');
    expect(await alert.textContent()).toBe('这是最后一位启用的管理员；请先将另一位成员设为管理员。');
    expect((await w.h.call(w.h.adminToken, 'GET', '/reps/admin')).body).toMatchObject({ role: 'admin' });
  });

  it('in Chinese, names every rep as the server does, 李伟（liwei）, with full-width brackets: the reps table, the pickers and the pool checklist', async () => {
    const created = await w.h.call(w.h.adminToken, 'POST', '/reps', { id: 'liwei', name: '李伟', email: 'liwei@test.local', role: 'rep', tags: [], hiredAt: '2024-01-15' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const nav = (name: string) => zh.getByRole('navigation', { name: '设置分类' }).getByRole('link', { name, exact: true });
    const options = (select: ReturnType<Page['getByLabel']>) => select.locator('option').allTextContents();

    // Loaded afresh: the reps are read again, with the rep just added.
    await zh.goto(`${w.baseUrl}/ui/settings/reps`);
    const row = zh.locator('[data-testid=reps-table] tbody tr[data-rep=liwei]');
    await expect.poll(() => row.locator('td').first().textContent()).toBe('李伟（liwei）');
    expect(await zh.locator('[data-testid=reps-table] tbody tr[data-rep=li] td').first().textContent()).toBe('Rep li（li）');
    expect(await options(zh.getByRole('form', { name: '群机器人 @ 设置' }).getByLabel('销售'))).toEqual(expect.arrayContaining(['李伟（liwei）', 'Rep li（li）']));

    await nav('公海池').click();
    const reps = zh.getByRole('form', { name: '添加公海池' }).getByRole('group', { name: '可领取的业务员' });
    await expect.poll(() => reps.locator('label').allTextContents()).toEqual(expect.arrayContaining([' 李伟（liwei）', ' Rep li（li）']));
    // Not only reps: a pool's id beside its name too.
    expect(await zh.locator('[data-testid=pools-table] tbody tr[data-pool=emea] td').first().textContent()).toMatch(/^EMEA pool（emea）/);

    await nav('工作日与请假').click();
    await expect.poll(() => options(zh.getByLabel('业务员', { exact: true }))).toEqual(expect.arrayContaining(['李伟（liwei）', 'Rep li（li）']));

    // The shared picker of reps (离职交接, 批量移动).
    await nav('离职交接').click();
    await expect.poll(() => options(zh.getByLabel('离职业务员'))).toEqual(expect.arrayContaining(['李伟（liwei）', 'Rep li（li）']));

    await nav('API 令牌').click();
    const tokenFor = zh.getByRole('form', { name: '生成令牌' }).getByLabel('业务员');
    await expect.poll(() => options(tokenFor)).toEqual(expect.arrayContaining(['李伟（liwei）', 'Rep li（li）']));
    expect((await options(tokenFor)).filter((text) => text.includes('('))).toEqual([]);
  });

  it('is usable at tablet width', async () => {
    await page.setViewportSize(TABLET);
    await section('Pools').click();
    await page.locator('[data-testid=pools-table] tbody tr').first().waitFor();
    const overflow = await page.evaluate(() => {
      const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return d.scrollWidth - d.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize(DESKTOP);
  });

  it('lets a manager read pools and holidays, without the forms that change them, and hand over or move their team\'s customers', async () => {
    const p = await w.signIn(await w.browser(), manager.token);
    await p.getByRole('link', { name: 'Settings' }).click();
    const nav = p.getByRole('navigation', { name: 'Settings sections' });
    await expect.poll(() => nav.getByRole('link').allTextContents()).toEqual(['Reps', 'Teams', 'Pools', 'Holidays', 'Working days and leave', 'Handover', 'Bulk moves']);
    await nav.getByRole('link', { name: 'Pools', exact: true }).click();
    await expect.poll(() => p.locator('[data-testid=pools-table] tbody tr').count()).toBe(2);
    expect(await p.getByRole('form').count()).toBe(0);
    await nav.getByRole('link', { name: 'Holidays', exact: true }).click();
    await expect.poll(() => p.locator('[data-testid=holidays-table] tbody tr').count()).toBe(2);
    expect(await p.getByRole('form').count()).toBe(0);
    expect(await p.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
  });
});
