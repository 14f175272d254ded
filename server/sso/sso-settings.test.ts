import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { ssoSettingsFromConfig } from './sso-settings.js';
import { ssoSettingsView } from './sso-settings.view.js';

const OIDC = { OIDC_ISSUER: 'https://sso.example.com/realms/sales/', OIDC_CLIENT_ID: 'highseas', OIDC_CLIENT_SECRET: 'top-secret-value' };

describe('single sign-on settings', () => {
  it('are off when nothing is set', () => {
    expect(ssoSettingsFromConfig(loadConfig({}))).toMatchObject({ oidc: null, wecom: null, dingtalk: null, feishu: null, loginTimeoutMs: 600_000 });
  });

  it('read OpenID Connect with its defaults, redirect under PUBLIC_URL and Secure cookies over https', () => {
    const s = ssoSettingsFromConfig(loadConfig({ ...OIDC, PUBLIC_URL: 'https://crm.example.com' }));
    expect(s.secureCookies).toBe(true);
    expect(s.oidc).toEqual({
      issuer: 'https://sso.example.com/realms/sales',
      clientId: 'highseas',
      clientSecret: 'top-secret-value',
      redirectUri: 'https://crm.example.com/auth/oidc/callback',
      scopes: 'openid email profile',
      matchClaim: 'email',
      jit: null,
      label: 'OpenID Connect',
    });
    const jit = ssoSettingsFromConfig(loadConfig({ ...OIDC, PUBLIC_URL: 'https://crm.example.com', OIDC_JIT: 'true', OIDC_JIT_ROLE: 'manager', OIDC_JIT_TEAM: 'east', OIDC_MATCH_CLAIM: 'preferred_username', OIDC_LABEL: 'Keycloak' }));
    expect(jit.oidc).toMatchObject({ jit: { role: 'manager', teamId: 'east' }, matchClaim: 'preferred_username', label: 'Keycloak' });
  });

  it('read the chat platforms with their public endpoints unless others are given', () => {
    const s = ssoSettingsFromConfig(
      loadConfig({
        PUBLIC_URL: 'http://127.0.0.1:3000',
        WECOM_LOGIN_CORP_ID: 'ww1',
        WECOM_LOGIN_AGENT_ID: '1000002',
        WECOM_LOGIN_SECRET: 's1',
        DINGTALK_LOGIN_CLIENT_ID: 'ding1',
        DINGTALK_LOGIN_CLIENT_SECRET: 's2',
        FEISHU_LOGIN_APP_ID: 'cli_1',
        FEISHU_LOGIN_APP_SECRET: 's3',
        FEISHU_API_URL: 'http://127.0.0.1:9999/',
      }),
    );
    expect(s.secureCookies).toBe(false);
    expect(s.wecom).toMatchObject({ loginUrl: 'https://login.work.weixin.qq.com', apiUrl: 'https://qyapi.weixin.qq.com', redirectUri: 'http://127.0.0.1:3000/auth/wecom/callback' });
    expect(s.dingtalk).toMatchObject({ loginUrl: 'https://login.dingtalk.com', apiUrl: 'https://api.dingtalk.com', oapiUrl: 'https://oapi.dingtalk.com' });
    expect(s.feishu).toMatchObject({ apiUrl: 'http://127.0.0.1:9999', redirectUri: 'http://127.0.0.1:3000/auth/feishu/callback' });
  });

  it('refuse half a method and single sign-on without PUBLIC_URL', () => {
    try {
      loadConfig({ OIDC_ISSUER: OIDC.OIDC_ISSUER, WECOM_LOGIN_CORP_ID: 'ww1', DINGTALK_LOGIN_CLIENT_ID: 'd', DINGTALK_LOGIN_CLIENT_SECRET: 's' });
      expect.unreachable();
    } catch (e) {
      expect((e as ConfigError).problems).toEqual([
        'OIDC_ISSUER, OIDC_CLIENT_ID must be set together (OpenID Connect sign-in)',
        'WECOM_LOGIN_CORP_ID, WECOM_LOGIN_AGENT_ID, WECOM_LOGIN_SECRET must be set together (WeCom sign-in)',
        'PUBLIC_URL must be set for single sign-on (the providers send people back to PUBLIC_URL/auth/<method>/callback)',
      ]);
    }
    expect(() => loadConfig({ ...OIDC, OIDC_REDIRECT_URI: 'https://crm.example.com/auth/oidc/callback' })).not.toThrow();
    expect(() => loadConfig({ OIDC_ISSUER: 'sso.example.com' })).toThrow(/OIDC_ISSUER/);
  });

  it('never show a secret', () => {
    const view = ssoSettingsView(ssoSettingsFromConfig(loadConfig({ ...OIDC, PUBLIC_URL: 'https://crm.example.com', WECOM_LOGIN_CORP_ID: 'ww1', WECOM_LOGIN_AGENT_ID: '1', WECOM_LOGIN_SECRET: 'wecom-secret' })));
    expect(JSON.stringify(view)).not.toMatch(/top-secret-value|wecom-secret/);
    expect(view.oidc?.hasClientSecret).toBe(true);
  });
});
