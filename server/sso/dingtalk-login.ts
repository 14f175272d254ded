// DingTalk (钉钉) web login (an internal app's "登录第三方网站"), per DingTalk's documentation:
// - the login page: https://open.dingtalk.com/document/orgapp/tutorial-obtaining-user-personal-information
//   GET login.dingtalk.com/oauth2/auth?redirect_uri=…&response_type=code&client_id=…&scope=openid
//   &state=…&prompt=consent → back to redirect_uri?authCode=…&state=…
// - the user's token: https://open.dingtalk.com/document/orgapp/obtain-user-token
//   POST api.dingtalk.com/v1.0/oauth2/userAccessToken { clientId, clientSecret, code, grantType:
//   "authorization_code" } → { accessToken, expireIn }; a bad or used code is a 400 with a code
// - who signed in: https://open.dingtalk.com/document/orgapp/dingtalk-retrieve-user-information
//   GET api.dingtalk.com/v1.0/contact/users/me (x-acs-dingtalk-access-token) → { unionId, openId, nick }
// - the userid in the organisation: the app's token
//   (https://open.dingtalk.com/document/orgapp/obtain-the-access_token-of-an-internal-app,
//   POST api.dingtalk.com/v1.0/oauth2/accessToken { appKey, appSecret } → { accessToken, expireIn })
//   and https://open.dingtalk.com/document/orgapp/query-a-user-by-the-union-id
//   POST oapi.dingtalk.com/topapi/user/getbyunionid?access_token=… { unionid } → { errcode: 0, result:
//   { userid } }; 60121: not in the organisation; 40014/42001/88: the app token is no longer valid
import type { LoginProvider } from './login-provider.js';
import { SsoRefusal } from './sso-refusal.js';
import type { DingtalkSettings } from './sso-settings.js';
import { appTokenCache, str, vendorJson } from './vendor-http.js';

const TOKEN_INVALID = new Set([40014, 42001, 88]);
const NOT_A_MEMBER = new Set([60121, 33012]);

export function dingtalkLogin(s: DingtalkSettings): LoginProvider {
  const appToken = appTokenCache(async () => {
    const { status, body } = await vendorJson(new URL('/v1.0/oauth2/accessToken', s.apiUrl).toString(), { method: 'POST', body: { appKey: s.clientId, appSecret: s.clientSecret } });
    const token = str(body.accessToken);
    if (status !== 200 || !token) throw new SsoRefusal('provider', `DingTalk accessToken refused: ${status} ${String(body.code ?? '')} ${String(body.message ?? '')}`);
    return { token, expiresInS: Number(body.expireIn) || 7200 };
  });

  async function userIdOf(unionId: string, retried = false): Promise<string> {
    const url = new URL('/topapi/user/getbyunionid', s.oapiUrl);
    url.search = new URLSearchParams({ access_token: await appToken.get() }).toString();
    const { body } = await vendorJson(url.toString(), { method: 'POST', body: { unionid: unionId } });
    if (TOKEN_INVALID.has(Number(body.errcode)) && !retried) {
      appToken.drop();
      return userIdOf(unionId, true);
    }
    if (NOT_A_MEMBER.has(Number(body.errcode))) throw new SsoRefusal('unknown_user', `DingTalk unionId ${unionId} is not in the organisation`);
    const userId = str((body.result as Record<string, unknown> | undefined)?.userid);
    if (body.errcode !== 0 || !userId) throw new SsoRefusal('provider', `DingTalk getbyunionid refused: ${String(body.errcode)} ${String(body.errmsg ?? '')}`);
    return userId;
  }

  return {
    method: 'dingtalk',
    label: 'DingTalk',
    usesPkce: false,
    async authorizationUrl(attempt) {
      const url = new URL('/oauth2/auth', s.loginUrl);
      url.search = new URLSearchParams({ redirect_uri: s.redirectUri, response_type: 'code', client_id: s.clientId, scope: 'openid', state: attempt.state, prompt: 'consent' }).toString();
      return url;
    },
    async identify(query) {
      const code = str(query.get('authCode')) ?? str(query.get('code'));
      if (!code) throw new SsoRefusal('denied', 'DingTalk sent no authCode (the sign-in was cancelled)');
      const exchanged = await vendorJson(new URL('/v1.0/oauth2/userAccessToken', s.apiUrl).toString(), {
        method: 'POST',
        body: { clientId: s.clientId, clientSecret: s.clientSecret, code, grantType: 'authorization_code' },
      });
      const userToken = str(exchanged.body.accessToken);
      // A refused app (its id or secret) is the configuration's fault; anything else refused is the code.
      if (exchanged.status >= 400 && exchanged.status < 500 && /client|secret|app/i.test(String(exchanged.body.code ?? ''))) {
        throw new SsoRefusal('provider', `DingTalk refused the app: ${String(exchanged.body.code)} ${String(exchanged.body.message ?? '')}`);
      }
      if (exchanged.status >= 400 && exchanged.status < 500) throw new SsoRefusal('code', `DingTalk refused the authCode: ${String(exchanged.body.code ?? exchanged.status)} ${String(exchanged.body.message ?? '')}`);
      if (!userToken) throw new SsoRefusal('provider', `DingTalk userAccessToken answered ${exchanged.status} without a token`);
      const me = await vendorJson(new URL('/v1.0/contact/users/me', s.apiUrl).toString(), { headers: { 'x-acs-dingtalk-access-token': userToken } });
      const unionId = str(me.body.unionId);
      if (me.status !== 200 || !unionId) throw new SsoRefusal('provider', `DingTalk users/me answered ${me.status} ${String(me.body.code ?? '')}`);
      return { match: 'dingtalk_user_id', value: await userIdOf(unionId) };
    },
  };
}
