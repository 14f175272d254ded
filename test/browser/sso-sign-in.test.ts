// Single sign-on in Chromium against a real OpenID provider (oidc-provider) on loopback: the
// sign-in page offers "Sign in with Keycloak", the provider's login form signs the rep in, and the
// browser lands on the signed-in UI; an account no rep matches comes back to the sign-in page with
// the reason in Chinese. The admin reads the settings (no secret) on Settings → Single sign-on.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_SSO } from '../../server/sso/sso-settings.js';
import { type OidcTestProvider, startOidcProvider } from '../support/oidc-test-provider.js';
import { createUiWorld, type UiWorld } from './support/ui-world.js';

let w: UiWorld;
let op: OidcTestProvider;

beforeAll(async () => {
  w = await createUiWorld({
    appDeps: async (baseUrl) => {
      const redirectUri = `${baseUrl}/auth/oidc/callback`;
      op = await startOidcProvider({
        redirectUris: [redirectUri],
        accounts: {
          'li.wei': { email: 'li@test.local', email_verified: true, name: 'Li Wei' },
          stranger: { email: 'stranger@elsewhere.example', email_verified: true, name: 'Stranger' },
        },
      });
      return {
        sso: {
          ...NO_SSO,
          oidc: { issuer: op.issuer, clientId: op.clientId, clientSecret: op.clientSecret, redirectUri, scopes: 'openid email profile', matchClaim: 'email', jit: null, label: 'Keycloak' },
        },
      };
    },
  });
  await w.h.createRep({ id: 'li' });
}, 180_000);
afterAll(async () => {
  await w?.close();
  await op?.close();
});

/** At the provider's development login form: any password. */
async function loginAtProvider(page: Page, login: string) {
  await page.waitForURL((url) => url.origin === op.issuer);
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('any password');
  await page.locator('button[type=submit]').click();
}

describe('single sign-on in the browser', () => {
  it('signs a rep in through the OpenID provider and lands on the signed-in UI', async () => {
    const page = (await w.browser()).pages()[0]!;
    await page.goto(`${w.baseUrl}/ui/sign-in`);
    const button = page.getByRole('link', { name: 'Sign in with Keycloak' });
    await button.waitFor();
    await w.screenshot(page, 'sign-in-sso-en');
    await button.click();
    await loginAtProvider(page, 'li.wei');
    await page.waitForURL((url) => url.origin === w.baseUrl && url.pathname.startsWith('/ui/') && !url.pathname.startsWith('/ui/sign-in'));
    await page.locator('[data-testid=who]').waitFor();
    expect(await page.locator('[data-testid=who]').textContent()).toContain('Rep li');
    const session = await w.h.db.selectFrom('sessions').selectAll().where('rep_id', '=', 'li').executeTakeFirstOrThrow();
    expect(session.method).toBe('oidc');
  });

  it('shows a refused single sign-on in words, in Chinese', async () => {
    const page = (await w.browser({ locale: 'zh-CN' })).pages()[0]!;
    await page.goto(`${w.baseUrl}/ui/sign-in`);
    await page.getByRole('link', { name: '使用Keycloak登录' }).click();
    await loginAtProvider(page, 'stranger');
    await page.waitForURL(/\/ui\/sign-in\?sso_error=unknown_user/);
    const alert = page.locator('.notice[role=alert]');
    await expect.poll(() => alert.getAttribute('data-code')).toBe('SSO_UNKNOWN_USER');
    // The provider's label arrives with GET /auth/methods.
    await expect.poll(() => alert.textContent()).toBe('你的Keycloak账号未关联到此处的销售，请让管理员添加你（或填写你的Keycloak用户 ID）。');
    await w.screenshot(page, 'sign-in-sso-refused-zh');
    expect(await w.h.db.selectFrom('sessions').select('id').where('rep_id', '!=', 'li').execute()).toEqual([]);
  });

  it('shows the admin the settings without the secret', async () => {
    const page = await w.signIn(await w.browser(), w.h.adminToken);
    await page.goto(`${w.baseUrl}/ui/settings/sso`);
    const oidc = page.locator('[data-sso=oidc]');
    await oidc.waitFor();
    const text = await oidc.textContent();
    expect(text).toContain(op.issuer);
    expect(text).toContain('set (hidden)');
    expect(text).not.toContain(op.clientSecret);
    expect(await page.locator('[data-sso=wecom]').textContent()).toContain('Not configured.');
  });
});
