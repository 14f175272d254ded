// Local fakes of the WeCom, DingTalk and Feishu web-login endpoints, each on its own random port,
// following the vendor's documented flow (see server/sso/wecom-login.ts, dingtalk-login.ts,
// feishu-login.ts for the documents) and checking every parameter exactly: the app's id and secret,
// the registered redirect URI, the login page's fixed parameters. The "QR code scan" signs in
// whoever `signInAs` names. Codes work once and expire; app tokens can be made to expire early.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type PlatformKind = 'wecom' | 'dingtalk' | 'feishu';

export interface PlatformUser {
  /** The userid in the organisation (WeCom userid, DingTalk userid, Feishu user_id). */
  userId: string | null;
  /** WeCom: a non-member's openid; DingTalk: unionId; Feishu: open_id. */
  otherId: string;
  name: string;
}

export interface FakePlatform {
  kind: PlatformKind;
  url: string;
  appId: string;
  secret: string;
  /** Only for WeCom: the app's agent id. */
  agentId: string;
  redirectUri: string;
  users: Map<string, PlatformUser>;
  /** Who scans the QR code at the next login page. */
  signInAs: string;
  /** How long a code lives (ms). */
  codeTtlMs: number;
  /** App tokens handed out so far (WeCom gettoken, DingTalk accessToken). */
  appTokensIssued: number;
  /** Makes every app token (and Feishu user token) handed out so far invalid, as if expired. */
  expireTokens(): void;
  /** User tokens are handed out already expired (the user_info call then refuses them). */
  userTokensExpired: boolean;
  /** Every request: method, path and what the fake made of it. */
  log: { path: string; outcome: string }[];
  close(): Promise<void>;
}

const APP_IDS: Record<PlatformKind, string> = { wecom: 'ww-test-corp', dingtalk: 'ding-test-client', feishu: 'cli_test_app' };

export async function startFakePlatform(kind: PlatformKind, redirectUri: string, users: Record<string, PlatformUser>): Promise<FakePlatform> {
  const codes = new Map<string, { login: string; until: number; used: boolean }>();
  const tokens = new Map<string, { login: string | null; valid: boolean }>();
  const server = http.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const fake: FakePlatform = {
    kind,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    appId: APP_IDS[kind],
    secret: `secret-${kind}-${randomBytes(6).toString('hex')}`,
    agentId: '1000002',
    redirectUri,
    users: new Map(Object.entries(users)),
    signInAs: Object.keys(users)[0]!,
    codeTtlMs: 300_000,
    appTokensIssued: 0,
    userTokensExpired: false,
    expireTokens: () => {
      for (const t of tokens.values()) t.valid = false;
    },
    log: [],
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };

  const issueCode = () => {
    const code = randomBytes(12).toString('hex');
    codes.set(code, { login: fake.signInAs, until: Date.now() + fake.codeTtlMs, used: false });
    return code;
  };
  /** The code's login, or why it is refused; a code is spent by its first use. */
  const spend = (code: unknown): { login: string } | { refused: 'unknown' | 'used' | 'expired' } => {
    const found = typeof code === 'string' ? codes.get(code) : undefined;
    if (!found) return { refused: 'unknown' };
    if (found.used) return { refused: 'used' };
    found.used = true;
    if (found.until <= Date.now()) return { refused: 'expired' };
    return { login: found.login };
  };
  const issueToken = (login: string | null) => {
    const token = randomBytes(16).toString('hex');
    tokens.set(token, { login, valid: login === null || !fake.userTokensExpired });
    if (login === null) fake.appTokensIssued++;
    return token;
  };
  const token = (value: string | null | undefined, user: boolean) => {
    const t = value ? tokens.get(value) : undefined;
    if (!t || (t.login !== null) !== user) return 'invalid' as const;
    return t.valid ? t : ('expired' as const);
  };

  server.on('request', async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url!, fake.url);
    const q = url.searchParams;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body: Record<string, unknown> = {};
    try {
      body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>) : {};
    } catch {
      body = {};
    }
    const answer = (status: number, json: unknown, outcome: string) => {
      fake.log.push({ path: url.pathname, outcome });
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    };
    const back = (params: Record<string, string>) => {
      fake.log.push({ path: url.pathname, outcome: 'redirect' });
      const to = new URL(fake.redirectUri);
      for (const [k, v] of Object.entries(params)) to.searchParams.set(k, v);
      res.writeHead(302, { location: to.toString() }).end();
    };
    const exactly = (want: Record<string, string>, got: (k: string) => unknown) => Object.entries(want).every(([k, v]) => got(k) === v);
    try {
      if (kind === 'wecom') await wecom();
      else if (kind === 'dingtalk') await dingtalk();
      else await feishu();
    } catch (error) {
      answer(500, { error: String(error) }, 'crash');
    }

    async function wecom() {
      if (url.pathname === '/wwlogin/sso/login') {
        if (!exactly({ login_type: 'CorpApp', appid: fake.appId, agentid: fake.agentId, redirect_uri: fake.redirectUri }, (k) => q.get(k)) || !q.get('state')) {
          return answer(400, { errcode: 40013, errmsg: 'invalid corpid, agentid or redirect_uri' }, 'bad login page parameters');
        }
        return back({ code: issueCode(), state: q.get('state')! });
      }
      if (url.pathname === '/cgi-bin/gettoken') {
        if (q.get('corpid') !== fake.appId) return answer(200, { errcode: 40013, errmsg: 'invalid corpid' }, 'bad corpid');
        if (q.get('corpsecret') !== fake.secret) return answer(200, { errcode: 40001, errmsg: 'invalid credential' }, 'bad secret');
        return answer(200, { errcode: 0, errmsg: 'ok', access_token: issueToken(null), expires_in: 7200 }, 'app token');
      }
      if (url.pathname === '/cgi-bin/auth/getuserinfo') {
        const t = token(q.get('access_token'), false);
        if (t === 'invalid') return answer(200, { errcode: 40014, errmsg: 'invalid access_token' }, 'bad token');
        if (t === 'expired') return answer(200, { errcode: 42001, errmsg: 'access_token expired' }, 'expired token');
        const spent = spend(q.get('code'));
        if ('refused' in spent) return answer(200, { errcode: 40029, errmsg: 'invalid code' }, `code ${spent.refused}`);
        const user = fake.users.get(spent.login)!;
        if (!user.userId) return answer(200, { errcode: 0, errmsg: 'ok', openid: user.otherId }, 'non-member');
        return answer(200, { errcode: 0, errmsg: 'ok', userid: user.userId, user_ticket: randomBytes(8).toString('hex') }, 'user');
      }
      return answer(404, { errcode: 404, errmsg: 'not found' }, 'unknown path');
    }

    async function dingtalk() {
      if (url.pathname === '/oauth2/auth') {
        if (!exactly({ redirect_uri: fake.redirectUri, response_type: 'code', client_id: fake.appId, scope: 'openid', prompt: 'consent' }, (k) => q.get(k)) || !q.get('state')) {
          return answer(400, { code: 'invalidParameter', message: 'bad login page parameters' }, 'bad login page parameters');
        }
        return back({ authCode: issueCode(), state: q.get('state')! });
      }
      if (url.pathname === '/v1.0/oauth2/userAccessToken' && req.method === 'POST') {
        if (!exactly({ clientId: fake.appId, clientSecret: fake.secret, grantType: 'authorization_code' }, (k) => body[k])) {
          return answer(400, { code: 'invalidClientIdOrSecret', message: '无效的clientId或clientSecret' }, 'bad client');
        }
        const spent = spend(body.code);
        if ('refused' in spent) return answer(400, { code: 'invalidAuthCode', message: `authCode ${spent.refused}` }, `code ${spent.refused}`);
        return answer(200, { accessToken: issueToken(spent.login), refreshToken: 'r', expireIn: 7200, corpId: 'ding-corp' }, 'user token');
      }
      if (url.pathname === '/v1.0/contact/users/me') {
        const t = token(req.headers['x-acs-dingtalk-access-token'] as string | undefined, true);
        if (t === 'invalid' || t === 'expired') return answer(401, { code: 'InvalidAuthentication', message: '不合法的access_token' }, `${t} user token`);
        const user = fake.users.get(t.login!)!;
        return answer(200, { nick: user.name, unionId: user.otherId, openId: `open-${user.otherId}`, stateCode: '86' }, 'me');
      }
      if (url.pathname === '/v1.0/oauth2/accessToken' && req.method === 'POST') {
        if (!exactly({ appKey: fake.appId, appSecret: fake.secret }, (k) => body[k])) return answer(400, { code: 'invalidClientIdOrSecret', message: 'bad app' }, 'bad app');
        return answer(200, { accessToken: issueToken(null), expireIn: 7200 }, 'app token');
      }
      if (url.pathname === '/topapi/user/getbyunionid' && req.method === 'POST') {
        const t = token(q.get('access_token'), false);
        if (t === 'invalid') return answer(200, { errcode: 40014, errmsg: '不合法的access_token' }, 'bad token');
        if (t === 'expired') return answer(200, { errcode: 42001, errmsg: 'access_token超时' }, 'expired token');
        const user = [...fake.users.values()].find((u) => u.otherId === body.unionid);
        if (!user?.userId) return answer(200, { errcode: 60121, errmsg: '找不到该用户' }, 'not a member');
        return answer(200, { errcode: 0, errmsg: 'ok', result: { contact_type: 0, userid: user.userId } }, 'userid');
      }
      return answer(404, { code: 'notFound', message: 'not found' }, 'unknown path');
    }

    async function feishu() {
      if (url.pathname === '/open-apis/authen/v1/authorize') {
        if (!exactly({ client_id: fake.appId, redirect_uri: fake.redirectUri }, (k) => q.get(k)) || !q.get('state')) {
          return answer(400, { code: 20029, msg: 'redirect_uri or client_id invalid' }, 'bad login page parameters');
        }
        return back({ code: issueCode(), state: q.get('state')! });
      }
      if (url.pathname === '/open-apis/authen/v2/oauth/token' && req.method === 'POST') {
        if (!exactly({ grant_type: 'authorization_code', client_id: fake.appId, client_secret: fake.secret }, (k) => body[k])) {
          return answer(400, { code: 20002, error: 'invalid_client', error_description: 'The client secret is invalid.' }, 'bad client');
        }
        if (body.redirect_uri !== fake.redirectUri) return answer(400, { code: 20071, error: 'invalid_grant', error_description: 'The redirect_uri does not match.' }, 'bad redirect');
        const spent = spend(body.code);
        if ('refused' in spent) {
          const code = { unknown: 20003, expired: 20004, used: 20007 }[spent.refused];
          return answer(400, { code, error: 'invalid_grant', error_description: `The authorization code is ${spent.refused}.` }, `code ${spent.refused}`);
        }
        return answer(200, { code: 0, access_token: issueToken(spent.login), expires_in: 7200, token_type: 'Bearer', scope: '' }, 'user token');
      }
      if (url.pathname === '/open-apis/authen/v1/user_info') {
        const t = token(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1], true);
        if (t === 'invalid') return answer(401, { code: 20005, msg: 'The user access token passed is invalid' }, 'bad user token');
        if (t === 'expired') return answer(401, { code: 99991677, msg: 'user access token expired' }, 'expired user token');
        const user = fake.users.get(t.login!)!;
        return answer(200, { code: 0, msg: 'success', data: { name: user.name, open_id: user.otherId, union_id: `on_${user.otherId}`, ...(user.userId ? { user_id: user.userId } : {}) } }, 'user');
      }
      return answer(404, { code: 404, msg: 'not found' }, 'unknown path');
    }
  });
  return fake;
}
