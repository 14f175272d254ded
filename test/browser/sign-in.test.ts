// Signing in, in Chromium (issue 16): an admin invites a rep from Settings and passes the link on;
// the rep sets a password (in Chinese, a common password refused first) and signs in with it — no
// secret in localStorage or sessionStorage, the session cookie HTTP-only; repeated wrong passwords
// lock the account until the admin unlocks it; and "sign out everywhere" from one browser signs
// the other out too.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUiWorld, type UiWorld } from './support/ui-world.js';
import { setPasswordHash } from '../../server/auth/credentials.repository.js';
import { hashPassword } from '../../server/auth/passwords.js';

let w: UiWorld;
let admin: Page;
const PASSWORD = 'harbour-lantern-kite-42';

beforeAll(async () => {
  w = await createUiWorld();
  expect((await w.h.call(w.h.adminToken, 'POST', '/reps', { id: 'mei', name: 'Mei Lin', email: 'mei@example.com', hiredAt: '2024-03-01' })).status).toBe(201);
  admin = await w.signIn(await w.browser(), w.h.adminToken);
}, 180_000);
afterAll(() => w?.close());

/** Every key=value of the page's localStorage and sessionStorage. */
const storedSecrets = (page: Page) =>
  page.evaluate<string[]>('[localStorage, sessionStorage].flatMap((s) => Object.keys(s).map((k) => k + "=" + s.getItem(k)))');

async function openInvitation(context: BrowserContext, link: string): Promise<Page> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(link);
  return page;
}

describe('signing in', () => {
  it('invites a rep, who sets a password in Chinese and signs in with it; nothing secret is stored in the page', async () => {
    await admin.goto(`${w.baseUrl}/ui/settings/reps`);
    // Mei has no password yet: invited, not reset, not unlocked.
    const meiAccess = admin.getByTestId('sign-in-state-mei');
    await expect.poll(() => meiAccess.textContent()).toContain('no password yet');
    expect(await meiAccess.getByRole('button').allTextContents()).toEqual(['Invite']);
    await admin.getByRole('button', { name: 'Invite Mei Lin' }).click();
    const link = (await admin.locator('[data-testid=invitation-link]').textContent())!;
    expect(link).toMatch(new RegExp(`^${w.baseUrl}/ui/accept-invitation#`));
    // The notice names the rep as people know them, not by the bare id.
    expect(await admin.getByRole('status').filter({ hasText: link }).textContent()).toMatch(/^Pass this one-time link to Mei Lin \(mei\) \(valid until /);

    const context = await w.browser({ locale: 'zh-CN' });
    const page = await openInvitation(context, link);
    await expect.poll(() => page.locator('[data-testid=invitation-for]').textContent()).toContain('Mei Lin（mei@example.com）');
    expect(await page.locator('[data-testid=password-rules]').textContent()).toContain('至少 10 个字符');
    await page.getByLabel('新密码').fill('password1234');
    await page.getByLabel('再次输入密码').fill('password1234');
    await page.getByLabel('再次输入密码').press('Enter');
    await expect.poll(() => page.locator('[role=alert]').textContent()).toContain('太容易被猜到（常见密码、规律或你自己的名字）');
    await page.getByLabel('新密码').fill(PASSWORD);
    await page.getByLabel('再次输入密码').fill(PASSWORD);
    await page.getByRole('button', { name: '设置密码' }).click();
    await expect.poll(() => page.locator('[role=status]').textContent()).toBe('密码已设置。请用邮箱和新密码登录。');
    await page.getByRole('link', { name: '前往登录' }).click();
    // The e-mail is filled in from the invitation.
    expect(await page.getByLabel('邮箱').inputValue()).toBe('mei@example.com');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('密码', { exact: true }).press('Enter');
    await expect.poll(() => page.locator('[data-testid=who]').textContent()).toBe('Mei Lin · 业务员');
    expect(await storedSecrets(page)).not.toEqual(expect.arrayContaining([expect.stringMatching(/hs_|token|session/i)]));
    expect((await storedSecrets(page)).join(' ')).not.toContain(PASSWORD);
    const [cookie] = await context.cookies(w.baseUrl);
    expect(cookie).toMatchObject({ name: 'hs_session', httpOnly: true, sameSite: 'Lax' });
    expect(await page.evaluate<string>('document.cookie')).toBe('');
    // The link worked once.
    const again = await openInvitation(await w.browser(), link);
    // It says why, and the way on for whoever set their password with it: signing in.
    await expect.poll(() => again.locator('[role=alert]').textContent()).toBe('This link has been used already. If you set your password with it, sign in; otherwise ask an admin (or your manager) for a new one.');
    await again.getByRole('link', { name: 'Go to sign-in' }).click();
    await expect.poll(() => again.getByLabel('E-mail').isVisible()).toBe(true);
    // A link cut off before its secret says so, instead of an empty card.
    const cut = await (await w.browser()).newPage();
    await cut.goto(`${w.baseUrl}/ui/accept-invitation`);
    await expect.poll(() => cut.locator('[role=alert]').textContent()).toMatch(/^This link is incomplete: it should end with a long code after "#"/);
  });

  it('locks the account after repeated wrong passwords until the admin unlocks it', async () => {
    const context = await w.browser();
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${w.baseUrl}/ui/sign-in`);
    const alert = page.locator('[role=alert]');
    for (let i = 1; i <= 5; i++) {
      await page.getByLabel('E-mail').fill('mei@example.com');
      await page.getByLabel('Password').fill(`wrong-password-${i}`);
      await page.getByLabel('Password').press('Enter');
      await expect.poll(() => alert.getAttribute('data-code')).toBe(i < 5 ? 'SIGN_IN_FAILED' : 'ACCOUNT_LOCKED');
    }
    expect(await alert.textContent()).toMatch(/^This account is locked after repeated wrong passwords until .+; an admin can unlock it sooner\.$/);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Password').press('Enter');
    await expect.poll(() => alert.getAttribute('data-code')).toBe('ACCOUNT_LOCKED');

    await admin.goto(`${w.baseUrl}/ui/settings/reps`);
    expect(await admin.getByTestId('sign-in-state-mei').textContent()).toMatch(/locked until/);
    await admin.getByRole('button', { name: 'Unlock Mei Lin' }).click();
    await expect.poll(() => admin.locator('[role=status]').first().textContent()).toBe('Mei Lin can sign in again.');
    // Signed up and unlocked: a reset is what is left to offer.
    await expect.poll(() => admin.getByTestId('sign-in-state-mei').getByRole('button').allTextContents()).toEqual(['Reset password']);
    // A reset signs the rep out everywhere: it asks once more, and can be called off.
    await admin.getByRole('button', { name: 'Reset the password of Mei Lin' }).click();
    await expect.poll(() => admin.getByTestId('sign-in-state-mei').getByRole('button').allTextContents()).toEqual(['Reset: Mei Lin is signed out everywhere at once', 'Cancel']);
    await admin.getByTestId('sign-in-state-mei').getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => admin.getByTestId('sign-in-state-mei').getByRole('button').allTextContents()).toEqual(['Reset password']);
    // One's own row offers no reset (it would end this session before the link is seen).
    // The admin, who signed in already, gets no invitation (ALREADY_SIGNED_UP): their password is set as a reset would.
    expect((await w.h.call(w.h.adminToken, 'POST', '/invitations', { repId: 'admin' })).body.error.code).toBe('ALREADY_SIGNED_UP');
    await setPasswordHash(w.h.db, 'admin', await hashPassword('harbour-lantern-cedar-42'), new Date());
    await admin.reload();
    await expect.poll(() => admin.getByTestId('sign-in-state-admin').textContent()).not.toMatch(/no password yet/);
    expect(await admin.getByTestId('sign-in-state-admin').getByRole('button', { name: /Reset/ }).count()).toBe(0);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Password').press('Enter');
    await expect.poll(() => page.locator('[data-testid=who]').count()).toBe(1);
    const outcomes = (await w.h.call(w.h.adminToken, 'GET', '/auth/audit?repId=mei')).body.items.map((a: { outcome: string }) => a.outcome);
    expect(outcomes.slice(0, 4)).toEqual(['success', 'unlock', 'failure', 'lockout']);
  });

  it('signs out everywhere from one browser, which ends the other browser\u2019s session too', async () => {
    const laptop = await w.signInWithPassword(await w.browser(), 'mei@example.com', PASSWORD);
    const phone = await w.signInWithPassword(await w.browser(), 'mei@example.com', PASSWORD);
    await laptop.getByTestId('account-link').click();
    const rows = laptop.locator('[data-testid=sessions-table] tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    expect(await laptop.locator('[data-testid=sessions-table] tr[data-current=true]').count()).toBe(1);
    // Each session's browser as people say it, the raw User-Agent on hover.
    const device = rows.first().locator('td').nth(3);
    expect(await device.textContent()).toMatch(/^Chrome \d+ on Linux$/);
    expect(await device.getAttribute('title')).toMatch(/^Mozilla\/5\.0 .*Chrome\//);
    await laptop.getByRole('button', { name: 'Sign out everywhere' }).click();
    await laptop.waitForURL(/\/ui\/sign-in$/);
    await phone.reload();
    await phone.waitForURL(/\/ui\/sign-in$/);
    expect(await w.h.db.selectFrom('sessions').select('id').where('rep_id', '=', 'mei').where('revoked_at', 'is', null).execute()).toEqual([]);
  });

  it('tells a refused OpenID Connect sign-in by the method\'s name, said once, when no provider is configured here', async () => {
    const page = (await w.browser({ locale: 'zh-CN' })).pages()[0]!;
    await page.goto(`${w.baseUrl}/ui/sign-in?sso_error=state&sso_method=oidc`);
    const alert = page.locator('.notice[role=alert]');
    await expect.poll(() => alert.getAttribute('data-code')).toBe('SSO_STATE');
    expect(await alert.textContent()).toBe('这次OpenID Connect登录不是在此浏览器发起的，或已经完成过。请从本页重新开始。');
  });

  it('titles the OpenID Connect card of the single sign-on settings by the protocol', async () => {
    const page = await w.signIn(await w.browser(), w.h.adminToken);
    await page.goto(`${w.baseUrl}/ui/settings/sso`);
    await expect.poll(() => page.locator('[data-sso=oidc] h3').textContent()).toBe('OpenID Connect');
  });
});
