// The single sign-on settings as an admin reads them: everything but the secrets.
import type { SsoSettingsView } from '../../schemas/sso.js';
import type { SsoSettings } from './sso-settings.js';

export function ssoSettingsView(s: SsoSettings): SsoSettingsView {
  return {
    loginTimeoutSeconds: Math.round(s.loginTimeoutMs / 1000),
    oidc: s.oidc
      ? {
          label: s.oidc.label,
          issuer: s.oidc.issuer,
          clientId: s.oidc.clientId,
          hasClientSecret: s.oidc.clientSecret !== null,
          redirectUri: s.oidc.redirectUri,
          scopes: s.oidc.scopes,
          matchClaim: s.oidc.matchClaim,
          jit: s.oidc.jit,
        }
      : null,
    wecom: s.wecom ? { corpId: s.wecom.corpId, agentId: s.wecom.agentId, redirectUri: s.wecom.redirectUri, loginUrl: s.wecom.loginUrl, apiUrl: s.wecom.apiUrl } : null,
    dingtalk: s.dingtalk
      ? { clientId: s.dingtalk.clientId, redirectUri: s.dingtalk.redirectUri, loginUrl: s.dingtalk.loginUrl, apiUrl: s.dingtalk.apiUrl, oapiUrl: s.dingtalk.oapiUrl }
      : null,
    feishu: s.feishu ? { appId: s.feishu.appId, redirectUri: s.feishu.redirectUri, apiUrl: s.feishu.apiUrl } : null,
  };
}
