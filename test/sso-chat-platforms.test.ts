// WeCom, DingTalk and Feishu web login end to end over HTTP against local fakes of their OAuth
// endpoints (test/support/fake-sso-platforms.ts, which check every parameter as documented): the
// rep is found by the platform's user id stored on the rep and signed in with a session; a wrong
// state, a replayed or expired code, an unknown user (or a non-member), a wrong app secret are
// refused on the sign-in page, audited, with no session; an app token that expired early is renewed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_SSO, type SsoMethod, type SsoSettings } from '../server/sso/sso-settings.js';
import { createHarness, type Harness } from './support/harness.js';
import { type FakePlatform, type PlatformKind, startFakePlatform } from './support/fake-sso-platforms.js';

const PUBLIC_URL = 'http://highseas.test';
const KINDS: PlatformKind[] = ['wecom', 'dingtalk', 'feishu'];
const REP_COLUMN = { wecom: 'wecomUserId', dingtalk: 'dingtalkUserId', feishu: 'feishuUserId' } as const;

let h: Harness;
const fakes = {} as Record<PlatformKind, FakePlatform>;

function settingsFor(kind: PlatformKind, secret = fakes[kind].secret): SsoSettings {
  const f = fakes[kind];
  const redirectUri = `${PUBLIC_URL}/auth/${kind}/callback`;
  if (kind === 'wecom') return { ...NO_SSO, wecom: { corpId: f.appId, agentId: f.agentId, secret, redirectUri, loginUrl: f.url, apiUrl: f.url } };
  if (kind === 'dingtalk') return { ...NO_SSO, dingtalk: { clientId: f.appId, clientSecret: secret, redirectUri, loginUrl: f.url, apiUrl: f.url, oapiUrl: f.url } };
  return { ...NO_SSO, feishu: { appId: f.appId, appSecret: secret, redirectUri, apiUrl: f.url } };
}

beforeAll(async () => {
  h = await createHarness({ worker: false });
  for (const kind of KINDS) {
    fakes[kind] = await startFakePlatform(kind, `${PUBLIC_URL}/auth/${kind}/callback`, {
      wang: { userId: `${kind}-wang`, otherId: `${kind}-union-wang`, name: '王伟' },
      zhao: { userId: `${kind}-zhao`, otherId: `${kind}-union-zhao`, name: '赵六' },
      guest: { userId: null, otherId: `${kind}-guest`, name: 'Guest' },
    });
  }
  await h.createRep({ id: 'wang' });
  const patched = await h.call(h.adminToken, 'PATCH', '/reps/wang', { wecomUserId: 'wecom-wang', dingtalkUserId: 'dingtalk-wang', feishuUserId: 'feishu-wang' });
  expect(patched.status).toBe(200);
}, 60_000);
afterAll(async () => {
  for (const f of Object.values(fakes)) await f.close();
  await h?.close();
});

async function begin(app: Harness['app'], kind: PlatformKind) {
  const res = await app.request(`/auth/${kind}/start`);
  expect(res.status).toBe(302);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('hs_sso_state='))!.split(';')[0]!;
  return { location: new URL(res.headers.get('location')!), cookie };
}

/** The browser at the vendor's login page: the person scans the QR code and is sent back. */
async function scan(location: URL): Promise<URL> {
  const res = await fetch(location, { redirect: 'manual' });
  expect(res.status, await res.clone().text()).toBe(302);
  return new URL(res.headers.get('location')!);
}

async function callback(app: Harness['app'], url: URL, cookie: string | null) {
  const res = await app.request(`${url.pathname}${url.search}`, { headers: cookie ? { cookie } : {} });
  const session = res.headers.getSetCookie().find((c) => c.startsWith('hs_session=') && !/Max-Age=0/.test(c));
  return { status: res.status, location: res.headers.get('location'), sessionCookie: session?.split(';')[0] ?? null };
}

async function signIn(app: Harness['app'], kind: PlatformKind, as: string) {
  fakes[kind].signInAs = as;
  const begun = await begin(app, kind);
  const back = await scan(begun.location);
  return { begun, back, result: await callback(app, back, begun.cookie) };
}

const sessionCount = async () => Number((await h.db.selectFrom('sessions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const lastAudit = (method: SsoMethod) => h.db.selectFrom('auth_audit').selectAll().where('method', '=', method).orderBy('id', 'desc').executeTakeFirstOrThrow();

async function expectRefused(kind: PlatformKind, result: Awaited<ReturnType<typeof callback>>, reason: string, before: number) {
  expect(result.status).toBe(302);
  expect(result.location).toBe(`/ui/sign-in?sso_error=${reason}&sso_method=${kind}`);
  expect(result.sessionCookie).toBeNull();
  expect(await sessionCount()).toBe(before);
  const audit = await lastAudit(kind);
  expect(audit.outcome).toBe('failure');
  expect(audit.reason).toMatch(new RegExp(`^${reason}: `));
}

describe.each(KINDS)('%s web login', (kind) => {
  let app: Harness['app'];
  beforeAll(() => {
    app = h.newApp({ sso: settingsFor(kind) });
  });

  it('lists the method, and signs in the rep whose platform user id it is', async () => {
    const methods = await (await app.request('/auth/methods')).json();
    expect(methods).toEqual([{ id: kind, kind, label: { wecom: 'WeCom', dingtalk: 'DingTalk', feishu: 'Feishu' }[kind], startUrl: `/auth/${kind}/start` }]);
    const before = await sessionCount();
    const { begun, result } = await signIn(app, kind, 'wang');
    expect(begun.location.origin).toBe(fakes[kind].url);
    expect(result).toMatchObject({ status: 302, location: '/ui/' });
    expect(result.sessionCookie).toMatch(/^hs_session=/);
    expect(await sessionCount()).toBe(before + 1);
    const me = await app.request('/me', { headers: { cookie: result.sessionCookie! } });
    expect(await me.json()).toMatchObject({ id: 'wang', [REP_COLUMN[kind]]: `${kind}-wang` });
    expect(await lastAudit(kind)).toMatchObject({ rep_id: 'wang', outcome: 'success' });
  });

  it('refuses a wrong state and a callback without the state cookie', async () => {
    const before = await sessionCount();
    fakes[kind].signInAs = 'wang';
    const begun = await begin(app, kind);
    const back = await scan(begun.location);
    const forged = new URL(back);
    forged.searchParams.set('state', 'forged');
    await expectRefused(kind, await callback(app, forged, begun.cookie), 'state', before);
    await expectRefused(kind, await callback(app, back, null), 'state', before);
  });

  it('refuses a replayed code', async () => {
    const { back } = await signIn(app, kind, 'wang');
    const before = await sessionCount();
    const again = await begin(app, kind);
    const replay = new URL(back);
    replay.searchParams.set('state', again.location.searchParams.get('state')!);
    await expectRefused(kind, await callback(app, replay, again.cookie), 'code', before);
    expect(fakes[kind].log.some((l) => l.outcome === 'code used')).toBe(true);
  });

  it('refuses an expired code', async () => {
    const before = await sessionCount();
    fakes[kind].codeTtlMs = 0;
    try {
      await expectRefused(kind, (await signIn(app, kind, 'wang')).result, 'code', before);
    } finally {
      fakes[kind].codeTtlMs = 300_000;
    }
    expect(fakes[kind].log.some((l) => l.outcome === 'code expired')).toBe(true);
  });

  it('refuses a platform user no rep carries, and a non-member', async () => {
    const before = await sessionCount();
    await expectRefused(kind, (await signIn(app, kind, 'zhao')).result, 'unknown_user', before);
    if (kind !== 'feishu') await expectRefused(kind, (await signIn(app, kind, 'guest')).result, 'unknown_user', before);
  });

  it('refuses when the platform refuses the app secret', async () => {
    const wrong = h.newApp({ sso: settingsFor(kind, 'not-the-secret') });
    const before = await sessionCount();
    await expectRefused(kind, (await signIn(wrong, kind, 'wang')).result, 'provider', before);
  });

  if (kind === 'feishu') {
    it('refuses a user token the platform says has expired', async () => {
      const before = await sessionCount();
      fakes.feishu.userTokensExpired = true;
      try {
        await expectRefused(kind, (await signIn(app, kind, 'wang')).result, 'provider', before);
      } finally {
        fakes.feishu.userTokensExpired = false;
      }
    });
  } else {
    it('renews an app token the platform says has expired, and signs in', async () => {
      expect((await signIn(app, kind, 'wang')).result.location).toBe('/ui/');
      const issued = fakes[kind].appTokensIssued;
      fakes[kind].expireTokens();
      const { result } = await signIn(app, kind, 'wang');
      expect(result.location).toBe('/ui/');
      expect(fakes[kind].appTokensIssued).toBe(issued + 1);
      expect(fakes[kind].log.some((l) => l.outcome === 'expired token')).toBe(true);
    });
  }
});
