// Feishu (飞书) web login, per Feishu's documentation:
// - the login page: https://open.feishu.cn/document/common-capabilities/sso/api/obtain-oauth-code
//   GET open.feishu.cn/open-apis/authen/v1/authorize?client_id=<app id>&redirect_uri=…&state=…
//   → back to redirect_uri?code=…&state=… (the code lives 5 minutes and works once)
// - the user's token: https://open.feishu.cn/document/authentication-management/access-token/get-user-access-token
//   POST open.feishu.cn/open-apis/authen/v2/oauth/token { grant_type: "authorization_code", client_id,
//   client_secret, code, redirect_uri } → { code: 0, access_token, expires_in }; a bad, used or
//   expired code: { code: 20003/20004/20007…, error: "invalid_grant" }
// - who signed in: https://open.feishu.cn/document/server-docs/authentication-management/login-state-management/get
//   GET open.feishu.cn/open-apis/authen/v1/user_info (Authorization: Bearer <user token>)
//   → { code: 0, data: { open_id, union_id, user_id?, name } }
import type { LoginProvider } from './login-provider.js';
import { SsoRefusal } from './sso-refusal.js';
import type { FeishuSettings } from './sso-settings.js';
import { str, vendorJson } from './vendor-http.js';

export function feishuLogin(s: FeishuSettings): LoginProvider {
  return {
    method: 'feishu',
    label: 'Feishu',
    usesPkce: false,
    async authorizationUrl(attempt) {
      const url = new URL('/open-apis/authen/v1/authorize', s.apiUrl);
      url.search = new URLSearchParams({ client_id: s.appId, redirect_uri: s.redirectUri, state: attempt.state }).toString();
      return url;
    },
    async identify(query) {
      const code = str(query.get('code'));
      if (!code) throw new SsoRefusal('denied', 'Feishu sent no code (the sign-in was cancelled)');
      const token = await vendorJson(new URL('/open-apis/authen/v2/oauth/token', s.apiUrl).toString(), {
        method: 'POST',
        body: { grant_type: 'authorization_code', client_id: s.appId, client_secret: s.appSecret, code, redirect_uri: s.redirectUri },
      });
      const accessToken = str(token.body.access_token);
      if (token.body.error === 'invalid_grant') throw new SsoRefusal('code', `Feishu refused the code: ${String(token.body.code)} ${String(token.body.error_description ?? '')}`);
      if (token.body.code !== 0 || !accessToken) throw new SsoRefusal('provider', `Feishu token answered ${token.status} ${String(token.body.code)} ${String(token.body.error_description ?? token.body.msg ?? '')}`);
      const info = await vendorJson(new URL('/open-apis/authen/v1/user_info', s.apiUrl).toString(), { headers: { authorization: `Bearer ${accessToken}` } });
      const data = (info.body.data ?? {}) as Record<string, unknown>;
      const openId = str(data.open_id);
      if (info.body.code !== 0 || !openId) throw new SsoRefusal('provider', `Feishu user_info answered ${info.status} ${String(info.body.code)} ${String(info.body.msg ?? '')}`);
      const userId = str(data.user_id);
      // A rep's Feishu id is their user_id or their open_id (the chat robots mention either).
      return userId ? { match: 'feishu_user_id', value: userId, alternatives: [openId] } : { match: 'feishu_user_id', value: openId };
    },
  };
}
