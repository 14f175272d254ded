// OpenID Connect sign-in end to end over HTTP against a real provider (oidc-provider) on loopback:
// discovery, authorization code with PKCE, state and nonce; the session opened through the session
// layer; and every refusal — a wrong or missing state, a replayed or expired code, a sign-in that
// took too long, an unknown, unverified or deactivated user, an ID token with another issuer,
// audience or nonce, expired, or signed by a key the provider does not publish — lands on the
// sign-in page with its reason, is audited, and opens no session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAuthSettings } from '../server/auth/auth-settings.js';
import type { Clock } from '../server/clock.js';
import { NO_SSO, type OidcSettings, type SsoSettings } from '../server/sso/sso-settings.js';
import { createHarness, type Harness } from './support/harness.js';
import { type OidcTestProvider, type Tamper, signInAtProvider, startOidcProvider } from './support/oidc-test-provider.js';

const PUBLIC_URL = 'http://highseas.test';
const REDIRECT_URI = `${PUBLIC_URL}/auth/oidc/callback`;

let h: Harness;
let op: OidcTestProvider;
let app: Harness['app'];
let oidc: OidcSettings;

const settings = (over: Partial<OidcSettings> = {}): SsoSettings => ({ ...NO_SSO, oidc: { ...oidc, ...over } });

beforeAll(async () => {
  h = await createHarness({ worker: false });
  op = await startOidcProvider({
    redirectUris: [REDIRECT_URI],
    accounts: {
      li: { email: 'LI@test.local', email_verified: true, name: 'Li Wei' },
      gone: { email: 'gone@test.local', email_verified: true, name: 'Gone' },
      unverified: { email: 'li@test.local', email_verified: false, name: 'Not Li' },
      stranger: { email: 'stranger@elsewhere.example', email_verified: true, name: 'Stranger' },
      newbie: { email: 'new.bie@test.local', email_verified: true, name: 'New Bie' },
      odd: { email: 'odd\u0000@elsewhere.example', email_verified: true, name: 'Odd\u0000' },
    },
  });
  oidc = { issuer: op.issuer, clientId: op.clientId, clientSecret: op.clientSecret, redirectUri: REDIRECT_URI, scopes: 'openid email profile', matchClaim: 'email', jit: null, label: 'Keycloak' };
  app = h.newApp({ sso: settings() });
  await h.createRep({ id: 'li' });
  await h.createRep({ id: 'gone' });
  expect((await h.call(h.adminToken, 'PATCH', '/reps/gone', { active: false })).status).toBe(200);
  expect((await h.call(h.adminToken, 'POST', '/teams', { id: 'sso-team', name: 'SSO team' })).status).toBe(201);
}, 60_000);
afterAll(async () => {
  await op?.close();
  await h?.close();
});

interface Begun {
  location: URL;
  cookie: string;
  state: string;
}

async function begin(via = app): Promise<Begun> {
  const res = await via.request('/auth/oidc/start');
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location')!);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('hs_sso_state='))!;
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Lax/);
  return { location, cookie: cookie.split(';')[0]!, state: location.searchParams.get('state')! };
}

async function callback(url: URL, cookie: string | null, via = app) {
  const res = await via.request(`${url.pathname}${url.search}`, { headers: cookie ? { cookie } : {} });
  const sessionCookie = res.headers.getSetCookie().find((c) => c.startsWith('hs_session=') && !/Max-Age=0/.test(c)) ?? null;
  return { status: res.status, location: res.headers.get('location'), sessionCookie: sessionCookie?.split(';')[0] ?? null };
}

async function signIn(login: string, via = app) {
  const begun = await begin(via);
  const back = await signInAtProvider(begun.location.href, login, REDIRECT_URI);
  return { begun, back, result: await callback(back, begun.cookie, via) };
}

async function lastAudit() {
  return h.db.selectFrom('auth_audit').selectAll().where('method', '=', 'oidc').orderBy('id', 'desc').executeTakeFirstOrThrow();
}

async function sessionCount() {
  return Number((await h.db.selectFrom('sessions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

async function expectRefused(result: { status: number; location: string | null; sessionCookie: string | null }, reason: string, sessionsBefore: number) {
  expect(result.status).toBe(302);
  expect(result.location).toBe(`/ui/sign-in?sso_error=${reason}&sso_method=oidc`);
  expect(result.sessionCookie).toBeNull();
  expect(await sessionCount()).toBe(sessionsBefore);
  const audit = await lastAudit();
  expect(audit.outcome).toBe('failure');
  expect(audit.reason).toMatch(new RegExp(`^${reason}: `));
}

describe('OpenID Connect sign-in', () => {
  it('lists the method for the sign-in page', async () => {
    const res = await app.request('/auth/methods');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([{ id: 'oidc', kind: 'oidc', label: 'Keycloak', startUrl: '/auth/oidc/start' }]);
    const none = await h.app.request('/auth/methods');
    expect(await none.json()).toEqual([]);
  });

  it('signs a rep in by verified e-mail with PKCE, state and nonce, and opens a session', async () => {
    const before = await sessionCount();
    const { begun, result } = await signIn('li');
    expect(begun.location.origin).toBe(op.issuer);
    expect(begun.location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(begun.location.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(begun.location.searchParams.get('nonce')).toBeTruthy();
    expect(begun.location.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(result.status).toBe(302);
    expect(result.location).toBe('/ui/');
    expect(result.sessionCookie).toMatch(/^hs_session=.+/);
    expect(op.tokenRequests.at(-1)).toEqual({ pkce: true });
    expect(await sessionCount()).toBe(before + 1);
    const session = await h.db.selectFrom('sessions').selectAll().orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(session).toMatchObject({ rep_id: 'li', method: 'oidc' });
    const me = await app.request('/me', { headers: { cookie: result.sessionCookie! } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ id: 'li' });
    expect(await lastAudit()).toMatchObject({ rep_id: 'li', outcome: 'success' });
  });

  it('refuses a state that is not the one this browser left with, or no state cookie', async () => {
    const before = await sessionCount();
    const begun = await begin();
    const back = await signInAtProvider(begun.location.href, 'li', REDIRECT_URI);
    const forged = new URL(back);
    forged.searchParams.set('state', 'an-attacker-state');
    await expectRefused(await callback(forged, begun.cookie), 'state', before);
    // Another browser (no cookie) finishing this sign-in gets nothing either.
    await expectRefused(await callback(back, null), 'state', before);
  });

  it('refuses a replayed code and a replayed callback', async () => {
    const { begun, back, result } = await signIn('li');
    expect(result.location).toBe('/ui/');
    const before = await sessionCount();
    // The same callback again: the state was used.
    await expectRefused(await callback(back, begun.cookie), 'state', before);
    // The old code under a fresh state: the provider refuses the code.
    const again = await begin();
    const replay = new URL(back);
    replay.searchParams.set('state', again.state);
    await expectRefused(await callback(replay, again.cookie), 'code', before);
  });

  it('refuses an expired code, and a sign-in that took longer than the login timeout', async () => {
    const before = await sessionCount();
    op.setCodeTtl(1);
    try {
      const begun = await begin();
      const back = await signInAtProvider(begun.location.href, 'li', REDIRECT_URI);
      await new Promise((r) => setTimeout(r, 2_100));
      await expectRefused(await callback(back, begun.cookie), 'code', before);
    } finally {
      op.setCodeTtl(60);
    }
    const begun = await begin();
    const back = await signInAtProvider(begun.location.href, 'li', REDIRECT_URI);
    const later: Clock = { now: () => new Date(Date.now() + 11 * 60_000) };
    await expectRefused(await callback(back, begun.cookie, h.newApp({ sso: settings(), clock: later })), 'expired', before);
  });

  it('refuses an unknown user, an unverified e-mail (even a rep\'s) and a deactivated rep', async () => {
    const before = await sessionCount();
    await expectRefused((await signIn('stranger')).result, 'unknown_user', before);
    await expectRefused((await signIn('unverified')).result, 'unverified_email', before);
    await expectRefused((await signIn('gone')).result, 'inactive', before);
    expect((await lastAudit()).rep_id).toBe('gone');
  });

  it('refuses a provider error answer (the person declined)', async () => {
    const before = await sessionCount();
    const begun = await begin();
    const denied = new URL(REDIRECT_URI);
    denied.search = new URLSearchParams({ error: 'access_denied', error_description: 'End-User aborted interaction', state: begun.state }).toString();
    await expectRefused(await callback(denied, begun.cookie), 'denied', before);
  });

  it('refuses a provider answer or a state holding NUL (text Postgres cannot store) as any refusal: to the sign-in page, audited', async () => {
    const before = await sessionCount();
    const begun = await begin();
    const denied = new URL(REDIRECT_URI);
    denied.search = `error=access_denied%00&error_description=x%00y&state=${begun.state}`;
    await expectRefused(await callback(denied, begun.cookie), 'denied', before);
    expect((await lastAudit()).reason).toBe('denied: the provider answered access_denied: xy');
    const again = await begin();
    const badState = new URL(REDIRECT_URI);
    badState.search = `code=abc&state=${again.state}%00`;
    // The state is read without its NUL; the made-up code is then what the provider refuses.
    await expectRefused(await callback(badState, again.cookie), 'token', before);
    // A claim holding NUL is read without it: here nobody has that e-mail.
    await expectRefused((await signIn('odd')).result, 'unknown_user', before);
    expect((await lastAudit()).reason).toBe('unknown_user: no rep has the e-mail odd@elsewhere.example');
  });

  for (const tamper of ['issuer', 'audience', 'nonce', 'expired', 'signature'] as Tamper[]) {
    it(`refuses an ID token with ${tamper === 'expired' ? 'an expiry in the past' : tamper === 'signature' ? 'a signature by an unpublished key' : `another ${tamper}`}`, async () => {
      const before = await sessionCount();
      const begun = await begin();
      const back = await signInAtProvider(begun.location.href, 'li', REDIRECT_URI);
      op.tamperNext(tamper);
      await expectRefused(await callback(back, begun.cookie), 'token', before);
    });
  }

  it('creates an unknown person with a verified e-mail as a rep when just-in-time creation is on', async () => {
    const jit = h.newApp({ sso: settings({ jit: { role: 'rep', teamId: 'sso-team' } }) });
    const { result } = await signIn('newbie', jit);
    expect(result.location).toBe('/ui/');
    const rep = await h.db.selectFrom('reps').selectAll().where('email', '=', 'new.bie@test.local').executeTakeFirstOrThrow();
    expect(rep).toMatchObject({ id: 'new-bie', name: 'New Bie', role: 'rep', team_id: 'sso-team', active: true });
    const me = await jit.request('/me', { headers: { cookie: result.sessionCookie! } });
    expect(await me.json()).toMatchObject({ id: 'new-bie', teamId: 'sso-team' });
    // The second sign-in finds the same rep.
    expect((await signIn('newbie', jit)).result.location).toBe('/ui/');
    expect(await h.db.selectFrom('reps').select('id').where('email', '=', 'new.bie@test.local').execute()).toHaveLength(1);
    // A team for new reps that does not exist creates nobody.
    const noTeam = h.newApp({ sso: settings({ jit: { role: 'rep', teamId: 'no-such-team' } }) });
    await expectRefused((await signIn('stranger', noTeam)).result, 'unknown_user', await sessionCount());
    expect(await h.db.selectFrom('reps').select('id').where('email', '=', 'stranger@elsewhere.example').execute()).toEqual([]);
  });

  it('matches by a claim the admin chose (the rep id or e-mail), and refuses when the claim is missing', async () => {
    // The subject is the rep's id: even the account with the unverified e-mail signs in as its subject.
    const bySubject = h.newApp({ sso: settings({ matchClaim: 'sub' }) });
    const li = (await signIn('li', bySubject)).result;
    expect(li.location).toBe('/ui/');
    expect(await (await bySubject.request('/me', { headers: { cookie: li.sessionCookie! } })).json()).toMatchObject({ id: 'li' });
    await expectRefused((await signIn('unverified', bySubject)).result, 'unknown_user', await sessionCount());
    const byMissing = h.newApp({ sso: settings({ matchClaim: 'employee_number' }) });
    await expectRefused((await signIn('li', byMissing)).result, 'no_identity', await sessionCount());
  });

  it('limits the sign-ins one client may begin (each keeps a row until it ends)', async () => {
    const limited = h.newApp({ sso: settings(), auth: { ...defaultAuthSettings, signInLimit: { perClient: 2, perAccount: 10, windowMs: 60_000 } } });
    for (let i = 0; i < 4; i++) expect((await limited.request('/auth/oidc/start')).status).toBe(302);
    const refused = await limited.request('/auth/oidc/start');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
  });

  it('answers an unreachable provider and an unconfigured method on the sign-in page', async () => {
    const before = await sessionCount();
    const down = h.newApp({ sso: settings({ issuer: 'http://127.0.0.1:9' }) });
    const res = await down.request('/auth/oidc/start');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/ui/sign-in?sso_error=provider&sso_method=oidc');
    const wecom = await app.request('/auth/wecom/start');
    expect(wecom.headers.get('location')).toBe('/ui/sign-in?sso_error=not_configured&sso_method=wecom');
    expect(await sessionCount()).toBe(before);
  });
});
