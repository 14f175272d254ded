// Single sign-on settings, taken once from the configuration: which methods are on and how each
// reaches its provider. Secrets stay here; sso-settings.view.ts shows the rest.
import type { Config } from '../config.js';
import type { Role } from '../../schemas/common.js';

export const SSO_METHODS = ['oidc', 'wecom', 'dingtalk', 'feishu'] as const;
export type SsoMethod = (typeof SSO_METHODS)[number];

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  redirectUri: string;
  scopes: string;
  /** "email" (verified) or another claim whose value is a rep's id or e-mail. */
  matchClaim: string;
  jit: { role: Role; teamId: string | null } | null;
  label: string;
}

export interface WecomSettings {
  corpId: string;
  agentId: string;
  secret: string;
  redirectUri: string;
  loginUrl: string;
  apiUrl: string;
}

export interface DingtalkSettings {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  loginUrl: string;
  apiUrl: string;
  oapiUrl: string;
}

export interface FeishuSettings {
  appId: string;
  appSecret: string;
  redirectUri: string;
  apiUrl: string;
}

export interface SsoSettings {
  /** How long a sign-in may stay at the provider. */
  loginTimeoutMs: number;
  /** Whether the state cookie is Secure (the callbacks are served over HTTPS). */
  secureCookies: boolean;
  oidc: OidcSettings | null;
  wecom: WecomSettings | null;
  dingtalk: DingtalkSettings | null;
  feishu: FeishuSettings | null;
}

export const callbackPath = (method: SsoMethod) => `/auth/${method}/callback`;

export function ssoSettingsFromConfig(c: Config): SsoSettings {
  const redirect = (method: SsoMethod) => `${c.PUBLIC_URL ?? ''}${callbackPath(method)}`;
  const oidcRedirect = c.OIDC_REDIRECT_URI ?? redirect('oidc');
  return {
    loginTimeoutMs: c.SSO_LOGIN_TIMEOUT,
    secureCookies: (c.PUBLIC_URL ?? c.OIDC_REDIRECT_URI ?? '').startsWith('https:'),
    oidc:
      c.OIDC_ISSUER && c.OIDC_CLIENT_ID
        ? {
            issuer: c.OIDC_ISSUER,
            clientId: c.OIDC_CLIENT_ID,
            clientSecret: c.OIDC_CLIENT_SECRET ?? null,
            redirectUri: oidcRedirect,
            scopes: c.OIDC_SCOPES,
            matchClaim: c.OIDC_MATCH_CLAIM,
            jit: c.OIDC_JIT ? { role: c.OIDC_JIT_ROLE, teamId: c.OIDC_JIT_TEAM ?? null } : null,
            label: c.OIDC_LABEL,
          }
        : null,
    wecom:
      c.WECOM_LOGIN_CORP_ID && c.WECOM_LOGIN_AGENT_ID && c.WECOM_LOGIN_SECRET
        ? { corpId: c.WECOM_LOGIN_CORP_ID, agentId: c.WECOM_LOGIN_AGENT_ID, secret: c.WECOM_LOGIN_SECRET, redirectUri: redirect('wecom'), loginUrl: c.WECOM_LOGIN_URL, apiUrl: c.WECOM_API_URL }
        : null,
    dingtalk:
      c.DINGTALK_LOGIN_CLIENT_ID && c.DINGTALK_LOGIN_CLIENT_SECRET
        ? { clientId: c.DINGTALK_LOGIN_CLIENT_ID, clientSecret: c.DINGTALK_LOGIN_CLIENT_SECRET, redirectUri: redirect('dingtalk'), loginUrl: c.DINGTALK_LOGIN_URL, apiUrl: c.DINGTALK_API_URL, oapiUrl: c.DINGTALK_OAPI_URL }
        : null,
    feishu:
      c.FEISHU_LOGIN_APP_ID && c.FEISHU_LOGIN_APP_SECRET
        ? { appId: c.FEISHU_LOGIN_APP_ID, appSecret: c.FEISHU_LOGIN_APP_SECRET, redirectUri: redirect('feishu'), apiUrl: c.FEISHU_API_URL }
        : null,
  };
}

/** No single sign-on (an app built without a configuration: tests, benchmarks). */
export const NO_SSO: SsoSettings = { loginTimeoutMs: 600_000, secureCookies: false, oidc: null, wecom: null, dingtalk: null, feishu: null };
