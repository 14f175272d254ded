// The configured sign-in methods, each built once (OpenID Connect discovers its provider lazily and
// keeps the answer; the chat platforms keep their app tokens).
import { dingtalkLogin } from './dingtalk-login.js';
import { feishuLogin } from './feishu-login.js';
import type { LoginProvider } from './login-provider.js';
import { oidcLogin } from './oidc-login.js';
import type { SsoMethod, SsoSettings } from './sso-settings.js';
import { wecomLogin } from './wecom-login.js';

export function loginProviders(s: SsoSettings): Map<SsoMethod, LoginProvider> {
  const providers = new Map<SsoMethod, LoginProvider>();
  if (s.oidc) providers.set('oidc', oidcLogin(s.oidc));
  if (s.wecom) providers.set('wecom', wecomLogin(s.wecom));
  if (s.dingtalk) providers.set('dingtalk', dingtalkLogin(s.dingtalk));
  if (s.feishu) providers.set('feishu', feishuLogin(s.feishu));
  return providers;
}
