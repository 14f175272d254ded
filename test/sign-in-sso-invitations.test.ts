// A rep who signs in only through single sign-on (here WeCom, against the local fake of its OAuth
// endpoints) has signed up like one with a password: an invitation cannot give someone else a
// password for them, an invitation made before their first sign-in stops working, the reps list
// offers a reset rather than an invitation, and a reset link used after they signed in ends their
// sessions. Over HTTP against real Postgres.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_SSO, type SsoSettings } from '../server/sso/sso-settings.js';
import { createHarness, type Harness } from './support/harness.js';
import { type FakePlatform, startFakePlatform } from './support/fake-sso-platforms.js';
import { cookieCall } from './support/sessions.js';

const PUBLIC_URL = 'http://highseas.test';
const PASSWORD = 'harbour-lantern-kite-42';
const REPS = ['lan', 'mo', 'nie'] as const;

let h: Harness;
let fake: FakePlatform;
let app: Harness['app'];
let manager: { id: string; token: string };

const tokenOf = (link: string) => link.split('#')[1]!;

beforeAll(async () => {
  h = await createHarness({ worker: false });
  const redirectUri = `${PUBLIC_URL}/auth/wecom/callback`;
  fake = await startFakePlatform('wecom', redirectUri, Object.fromEntries(REPS.map((id) => [id, { userId: `wecom-${id}`, otherId: `union-${id}`, name: id }])));
  const sso: SsoSettings = { ...NO_SSO, wecom: { corpId: fake.appId, agentId: fake.agentId, secret: fake.secret, redirectUri, loginUrl: fake.url, apiUrl: fake.url } };
  app = h.newApp({ sso });
  await h.call(h.adminToken, 'POST', '/teams', { id: 'north', name: 'North' });
  manager = await h.createRep({ id: 'boss-north', role: 'manager', teamId: 'north' });
  await h.db.updateTable('teams').set({ manager_id: manager.id }).where('id', '=', 'north').execute();
  for (const id of REPS) {
    await h.createRep({ id, teamId: 'north' });
    expect((await h.call(h.adminToken, 'PATCH', `/reps/${id}`, { wecomUserId: `wecom-${id}` })).status).toBe(200);
  }
}, 60_000);
afterAll(async () => {
  await fake?.close();
  await h?.close();
});

/** The rep scans the WeCom QR code and lands signed in; the session cookie. */
async function signInByWecom(as: string): Promise<string> {
  fake.signInAs = as;
  const start = await app.request('/auth/wecom/start');
  const state = start.headers.getSetCookie().find((c) => c.startsWith('hs_sso_state='))!.split(';')[0]!;
  const atVendor = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  const back = new URL(atVendor.headers.get('location')!);
  const landed = await app.request(`${back.pathname}${back.search}`, { headers: { cookie: state } });
  expect(landed.headers.get('location')).toBe('/ui/');
  const cookie = landed.headers.getSetCookie().find((c) => c.startsWith('hs_session='))!.split(';')[0]!;
  return cookie.slice('hs_session='.length);
}

describe('a rep who signs in only through single sign-on', () => {
  it('cannot be invited by a manager or an admin (409 ALREADY_SIGNED_UP): no link is made, their session stays, and the list offers a reset', async () => {
    const session = await signInByWecom('lan');
    const view = await h.call(h.adminToken, 'GET', '/reps/lan');
    expect(view.body).toMatchObject({ signedUp: true });
    expect((await h.call(manager.token, 'GET', '/reps')).body.items.find((r: { id: string }) => r.id === 'lan')).toMatchObject({ signedUp: true });
    for (const token of [manager.token, h.adminToken]) {
      const res = await h.call(token, 'POST', '/invitations', { repId: 'lan' });
      expect([res.status, res.body.error?.code]).toEqual([409, 'ALREADY_SIGNED_UP']);
      expect(res.body.error.message).toMatch(/password-reset/);
    }
    expect(await h.db.selectFrom('invitations').select('id').where('rep_id', '=', 'lan').execute()).toEqual([]);
    expect((await cookieCall(app, session, 'GET', '/me')).body).toMatchObject({ id: 'lan' });
  });

  it('makes an invitation issued before their first sign-in stop working (410), so its holder cannot set a password for them', async () => {
    const inv = await h.call(manager.token, 'POST', '/invitations', { repId: 'mo' });
    expect(inv.status).toBe(201);
    const session = await signInByWecom('mo');
    for (const res of [await h.call(null, 'GET', `/invitations/${tokenOf(inv.body.link)}`), await h.call(null, 'POST', `/invitations/${tokenOf(inv.body.link)}/accept`, { password: PASSWORD })]) {
      expect([res.status, res.body.error.code]).toEqual([410, 'INVITATION_INVALID']);
      expect(res.body.error.message).toMatch(/signed in already/);
    }
    expect((await h.db.selectFrom('rep_credentials').select('password_hash').where('rep_id', '=', 'mo').executeTakeFirst())?.password_hash ?? null).toBeNull();
    expect((await cookieCall(app, session, 'GET', '/me')).status).toBe(200);
  });

  it("gets a password only through an admin's forced reset, and a reset link used after they signed in again ends their sessions", async () => {
    const before = await signInByWecom('nie');
    const reset = await h.call(h.adminToken, 'POST', '/reps/nie/password-reset');
    expect(reset.status).toBe(201);
    expect((await cookieCall(app, before, 'GET', '/me')).status).toBe(401);
    // They sign in through WeCom again before the link is used: whoever uses it, their sessions end.
    const after = await signInByWecom('nie');
    expect((await cookieCall(app, after, 'GET', '/me')).status).toBe(200);
    expect((await h.call(null, 'POST', `/invitations/${tokenOf(reset.body.link)}/accept`, { password: PASSWORD })).status).toBe(204);
    expect((await cookieCall(app, after, 'GET', '/me')).status).toBe(401);
    const signedIn = await app.request('/auth/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'nie@test.local', password: PASSWORD }) });
    expect(signedIn.status).toBe(200);
  });
});
