// WeCom (企业微信) web login for a self-built app, per WeCom's documentation:
// - the login page: https://developer.work.weixin.qq.com/document/path/98152
//   GET login.work.weixin.qq.com/wwlogin/sso/login?login_type=CorpApp&appid=<corpid>&agentid=<agentid>
//   &redirect_uri=…&state=… → back to redirect_uri?code=…&state=…
// - the app's access token: https://developer.work.weixin.qq.com/document/path/91039
//   GET qyapi.weixin.qq.com/cgi-bin/gettoken?corpid=…&corpsecret=… → { errcode: 0, access_token, expires_in }
//   (kept until it expires; 40014/42001 mean it is no longer valid)
// - who signed in: https://developer.work.weixin.qq.com/document/path/98176
//   GET qyapi.weixin.qq.com/cgi-bin/auth/getuserinfo?access_token=…&code=… → { errcode: 0, userid }
//   (a non-member gets an openid instead; an invalid, used or expired code is errcode 40029)
import type { LoginProvider } from './login-provider.js';
import { SsoRefusal } from './sso-refusal.js';
import type { WecomSettings } from './sso-settings.js';
import { appTokenCache, str, vendorJson } from './vendor-http.js';

const TOKEN_INVALID = new Set([40014, 42001]);
const CODE_INVALID = new Set([40029, 50001]);

export function wecomLogin(s: WecomSettings): LoginProvider {
  const token = appTokenCache(async () => {
    const url = new URL('/cgi-bin/gettoken', s.apiUrl);
    url.search = new URLSearchParams({ corpid: s.corpId, corpsecret: s.secret }).toString();
    const { body } = await vendorJson(url.toString());
    const accessToken = str(body.access_token);
    if (body.errcode !== 0 || !accessToken) throw new SsoRefusal('provider', `WeCom gettoken refused: ${body.errcode} ${String(body.errmsg ?? '')}`);
    return { token: accessToken, expiresInS: Number(body.expires_in) || 7200 };
  });

  async function userInfo(code: string, retried = false): Promise<Record<string, unknown>> {
    const url = new URL('/cgi-bin/auth/getuserinfo', s.apiUrl);
    url.search = new URLSearchParams({ access_token: await token.get(), code }).toString();
    const { body } = await vendorJson(url.toString());
    if (TOKEN_INVALID.has(Number(body.errcode)) && !retried) {
      token.drop();
      return userInfo(code, true);
    }
    if (CODE_INVALID.has(Number(body.errcode))) throw new SsoRefusal('code', `WeCom refused the code: ${body.errcode} ${String(body.errmsg ?? '')}`);
    if (body.errcode !== 0) throw new SsoRefusal('provider', `WeCom getuserinfo refused: ${body.errcode} ${String(body.errmsg ?? '')}`);
    return body;
  }

  return {
    method: 'wecom',
    label: 'WeCom',
    usesPkce: false,
    async authorizationUrl(attempt) {
      const url = new URL('/wwlogin/sso/login', s.loginUrl);
      url.search = new URLSearchParams({ login_type: 'CorpApp', appid: s.corpId, agentid: s.agentId, redirect_uri: s.redirectUri, state: attempt.state }).toString();
      return url;
    },
    async identify(query) {
      const code = str(query.get('code'));
      if (!code) throw new SsoRefusal('denied', 'WeCom sent no code (the sign-in was cancelled)');
      const info = await userInfo(code);
      const userId = str(info.userid);
      if (!userId) throw new SsoRefusal('unknown_user', `not a member of the WeCom corp (openid ${String(info.openid ?? 'none')})`);
      return { match: 'wecom_user_id', value: userId };
    },
  };
}
