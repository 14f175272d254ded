// Sign-in end to end over HTTP against real Postgres (issue 16 §1–2): invitations (valid, expired,
// reused), password rules, sign-in success and failure without account enumeration, lockout and an
// admin's unlock, the sign-in rate limits, session cookies (tampered, expired, idle, revoked), CSRF
// from another origin, my sessions, deactivation, forced reset, changing one's password, token
// scopes, and the audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAuthSettings } from '../server/auth/auth-settings.js';
import { createInvitation } from '../server/auth/credentials.repository.js';
import type { Clock } from '../server/clock.js';
import { defaultRateLimits } from '../server/http/rate-limits.js';
import { createRepJustInTime, findRepFor } from '../server/sso/rep-match.js';
import { createHarness, type Harness } from './support/harness.js';
import { cookieCall, cookieValue, sessionSecretFor } from './support/sessions.js';

let h: Harness;
const PASSWORD = 'harbour-lantern-kite-42';

beforeAll(async () => {
  h = await createHarness({ worker: false });
  await h.call(h.adminToken, 'POST', '/teams', { id: 'east', name: 'East' });
  await h.call(h.adminToken, 'POST', '/teams', { id: 'west', name: 'West' });
});
afterAll(() => h?.close());

type App = ReturnType<Harness['newApp']>;

const tokenOf = (link: string) => link.split('#')[1]!;

async function invite(body: unknown, token = h.adminToken) {
  const res = await h.call(token, 'POST', '/invitations', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; repId: string; link: string; expiresAt: string };
}

async function signIn(app: App, email: string, password: string, headers: Record<string, string> = {}) {
  const res = await app.request('/auth/sign-in', { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'vitest', ...headers }, body: JSON.stringify({ email, password }) });
  const body: any = await res.json().catch(() => null);
  return { status: res.status, body, setCookie: res.headers.get('set-cookie'), secret: cookieValue(res.headers.get('set-cookie')), headers: res.headers };
}

/** A rep with a password, through an invitation. */
async function repWithPassword(id: string, extra: Record<string, unknown> = {}) {
  const inv = await invite({ rep: { id, name: `Rep ${id}`, email: `${id}@example.com`, ...extra } });
  expect((await h.call(null, 'POST', `/invitations/${tokenOf(inv.link)}/accept`, { password: PASSWORD })).status).toBe(204);
  return { id, email: `${id}@example.com` };
}

const audit = async (repId: string) => (await h.call(h.adminToken, 'GET', `/auth/audit?repId=${repId}`)).body.items as { outcome: string; reason: string | null; actorId: string | null }[];

describe('invitations and password rules', () => {
  it('takes the secret in the body, as the accept page sends it, so no request path carries it', async () => {
    const inv = await invite({ rep: { id: 'body-token', name: 'Body Token', email: 'body-token@example.com' } });
    const token = tokenOf(inv.link);
    const shown = await h.call(null, 'POST', '/invitations/lookup', { token });
    expect(shown).toMatchObject({ status: 200, body: { repId: 'body-token', kind: 'invitation' } });
    const weak = await h.call(null, 'POST', '/invitations/accept', { token, password: 'k7#Qz' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details.issues[0].pointer).toBe('/password');
    expect((await h.call(null, 'POST', '/invitations/accept', { token, password: PASSWORD })).status).toBe(204);
    expect((await h.call(null, 'POST', '/invitations/lookup', { token })).status).toBe(410);
    expect((await h.call(null, 'POST', '/invitations/accept', { token, password: PASSWORD })).status).toBe(410);
    expect((await signIn(h.app, 'body-token@example.com', PASSWORD)).status).toBe(200);
    // A secret no link has, or none at all.
    const unknown = await h.call(null, 'POST', '/invitations/lookup', { token: 'x'.repeat(43) });
    expect([unknown.status, unknown.body.error.details]).toEqual([410, { reason: 'unknown' }]);
    expect((await h.call(null, 'POST', '/invitations/lookup', {})).status).toBe(400);
  });

  it('invites a new rep with a one-time link that sets a password, then refuses the link again', async () => {
    const inv = await invite({ rep: { id: 'mei', name: 'Mei Lin', email: 'mei@example.com', mobile: '13800001111' } });
    // Invited, not signed up yet: the list offers an invitation, not a reset.
    expect((await h.call(h.adminToken, 'GET', '/reps/mei')).body).toMatchObject({ signedUp: false, lockedUntil: null });
    expect(inv.link).toMatch(/^http:\/\/localhost\/ui\/accept-invitation#[A-Za-z0-9_-]{40,}$/);
    const token = tokenOf(inv.link);
    const shown = await h.call(null, 'GET', `/invitations/${token}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ repId: 'mei', name: 'Mei Lin', email: 'mei@example.com', kind: 'invitation', passwordRules: { minLength: 10 } });

    const short = await h.call(null, 'POST', `/invitations/${token}/accept`, { password: 'k7#Qz' });
    expect(short.status).toBe(400);
    expect(short.body.error.details.issues).toEqual([{ pointer: '/password', code: 'password_too_short', params: { min: 10 }, message: 'must be at least 10 characters long' }]);
    for (const common of ['password1234', 'qwertyuiop', 'iloveyou12']) {
      const res = await h.call(null, 'POST', `/invitations/${token}/accept`, { password: common });
      expect(res.status, common).toBe(400);
      expect(res.body.error.details.issues[0].message).toMatch(/too easy to guess/);
    }
    const own = await h.call(null, 'POST', `/invitations/${token}/accept`, { password: 'mei@example.com' });
    expect(own.body.error.details.issues[0].message).toMatch(/your own name or e-mail/);
    expect((await h.call(null, 'POST', `/invitations/${token}/accept`, { password: PASSWORD })).status).toBe(204);
    const again = await h.call(null, 'POST', `/invitations/${token}/accept`, { password: 'another-long-pass-99' });
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('INVITATION_INVALID');
    expect(again.body.error.message).toMatch(/already used; sign in with your password/);
    expect(again.body.error.details).toEqual({ reason: 'used' });
    expect((await h.call(null, 'GET', `/invitations/${token}`)).status).toBe(410);

    // The hash is argon2id; nothing returns it.
    const stored = await h.db.selectFrom('rep_credentials').select('password_hash').where('rep_id', '=', 'mei').executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    const me = await h.call(h.adminToken, 'GET', '/reps/mei');
    expect(JSON.stringify(me.body)).not.toMatch(/argon|password/i);
    expect(me.body.signedUp).toBe(true);
    expect((await audit('mei')).map((a) => a.outcome)).toEqual(['invitation_used', 'invitation']);
  });

  it('refuses an expired link and an unknown one with 410, and a newer link replaces an older one', async () => {
    const first = await invite({ rep: { id: 'ken', name: 'Ken', email: 'ken@example.com' } });
    const second = await invite({ repId: 'ken' });
    const replaced = await h.call(null, 'GET', `/invitations/${tokenOf(first.link)}`);
    expect(replaced.status).toBe(410);
    expect(replaced.body.error.message).toMatch(/replaced/);
    expect(replaced.body.error.details).toEqual({ reason: 'replaced' });
    await h.db.updateTable('invitations').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', second.id).execute();
    const expired = await h.call(null, 'POST', `/invitations/${tokenOf(second.link)}/accept`, { password: PASSWORD });
    expect(expired.status).toBe(410);
    expect(expired.body.error.message).toMatch(/expired at/);
    expect(expired.body.error.details).toEqual({ reason: 'expired', expiredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect((await h.call(null, 'GET', '/invitations/not-a-real-token')).status).toBe(410);
    expect((await h.db.selectFrom('rep_credentials').select('password_hash').where('rep_id', '=', 'ken').executeTakeFirst())?.password_hash ?? null).toBeNull();
  });

  it('says a link was replaced when the request that replaced it read the clock first and took the lock second', async () => {
    // Two links issued at once: each request reads the clock, then waits for the rep's lock. The one
    // that read the clock first can win the lock second; its link is then the newer one although its
    // created_at is earlier, and the link it revoked must still answer "replaced".
    await h.createRep({ id: 'late-lock' });
    const at = Date.now();
    const issue = (ms: number) => h.db.transaction().execute((tx) => createInvitation(tx, { repId: 'late-lock', kind: 'invitation', createdBy: 'admin', now: new Date(at + ms), validMs: 3_600_000 }));
    const first = await issue(10_000);
    const second = await issue(0);
    const shown = await h.call(null, 'GET', `/invitations/${first.token}`);
    expect(shown.status).toBe(410);
    expect(shown.body.error.details).toEqual({ reason: 'replaced' });
    expect((await h.call(null, 'GET', `/invitations/${second.token}`)).status).toBe(200);
  });

  it('leaves exactly one working link of two invitations or two resets issued at once, and the other answers that it was replaced', async () => {
    for (let round = 0; round < 4; round++) {
      await h.createRep({ id: `twin-inv${round}` });
      await repWithPassword(`twin-reset${round}`);
      const issued = [
        ...(await Promise.all([0, 1].map(() => h.call(h.adminToken, 'POST', '/invitations', { repId: `twin-inv${round}` })))),
        ...(await Promise.all([0, 1].map(() => h.call(h.adminToken, 'POST', `/reps/twin-reset${round}/password-reset`)))),
      ];
      for (const pair of [issued.slice(0, 2), issued.slice(2)]) {
        expect(pair.map((r) => r.status)).toEqual([201, 201]);
        const shown = await Promise.all(pair.map((r) => h.call(null, 'GET', `/invitations/${tokenOf(r.body.link)}`)));
        expect(shown.map((r) => r.status).sort()).toEqual([200, 410]);
        expect(shown.find((r) => r.status === 410)!.body.error.message).toMatch(/replaced/);
        const repId = shown.find((r) => r.status === 200)!.body.repId;
        expect(await h.db.selectFrom('invitations').select('id').where('rep_id', '=', repId).where('used_at', 'is', null).where('revoked_at', 'is', null).execute()).toHaveLength(1);
      }
    }
  });

  it('lets a manager invite reps of their own team only', async () => {
    const manager = await h.createRep({ id: 'boss-east', role: 'manager', teamId: 'east' });
    await h.db.updateTable('teams').set({ manager_id: 'boss-east' }).where('id', '=', 'east').execute();
    await h.createRep({ id: 'westie', teamId: 'west' });
    const made = await invite({ rep: { id: 'newbie', name: 'Newbie', email: 'newbie@example.com' } }, manager.token);
    expect((await h.db.selectFrom('reps').select('team_id').where('id', '=', made.repId).executeTakeFirstOrThrow()).team_id).toBe('east');
    expect((await h.call(manager.token, 'POST', '/invitations', { repId: 'westie' })).status).toBe(404);
    expect((await h.call(manager.token, 'POST', '/invitations', { rep: { name: 'X', email: 'x@example.com', role: 'admin' } })).status).toBe(403);
    const rep = await h.createRep({ teamId: 'east' });
    expect((await h.call(rep.token, 'POST', '/invitations', { repId: rep.id })).status).toBe(403);
  });
});

describe('invitations cannot take over an account', () => {
  it('refuses to invite a rep who has a password (409 ALREADY_SIGNED_UP, pointing to a reset); their password and sessions stay', async () => {
    const manager = await h.createRep({ id: 'boss-west', role: 'manager', teamId: 'west' });
    await h.db.updateTable('teams').set({ manager_id: manager.id }).where('id', '=', 'west').execute();
    const rep = await repWithPassword('repe1', { teamId: 'west' });
    const { secret } = await signIn(h.app, rep.email, PASSWORD);
    const linksBefore = await h.db.selectFrom('invitations').select('id').where('rep_id', '=', 'repe1').execute();
    for (const token of [manager.token, h.adminToken]) {
      const res = await h.call(token, 'POST', '/invitations', { repId: 'repe1' });
      expect([res.status, res.body.error?.code]).toEqual([409, 'ALREADY_SIGNED_UP']);
      expect(res.body.error.message).toMatch(/password-reset/);
    }
    expect(await h.db.selectFrom('invitations').select('id').where('rep_id', '=', 'repe1').execute()).toEqual(linksBefore);
    expect((await cookieCall(h.app, secret, 'GET', '/me')).status).toBe(200);
    expect((await signIn(h.app, rep.email, PASSWORD)).status).toBe(200);
  });

  it('refuses an invitation made before its rep got a password and signed in (410); their password and sessions stay', async () => {
    const inv = await invite({ rep: { id: 'raced', name: 'Raced', email: 'raced@example.com' } });
    // The rep got a password after the link was made (e.g. another link used in between) and signed in with it.
    const older = (await h.call(null, 'POST', `/invitations/${tokenOf((await h.call(h.adminToken, 'POST', '/reps/raced/password-reset')).body.link)}/accept`, { password: PASSWORD }));
    expect(older.status).toBe(204);
    await h.db.updateTable('invitations').set({ revoked_at: null }).where('id', '=', inv.id).execute();
    const { secret } = await signIn(h.app, 'raced@example.com', PASSWORD);
    expect((await cookieCall(h.app, secret, 'GET', '/me')).status).toBe(200);
    const late = await h.call(null, 'POST', `/invitations/${tokenOf(inv.link)}/accept`, { password: 'copper-willow-finch-31' });
    expect([late.status, late.body.error.code]).toEqual([410, 'INVITATION_INVALID']);
    expect(late.body.error.message).toMatch(/signed in already/);
    expect(late.body.error.details).toEqual({ reason: 'signed_up' });
    expect((await cookieCall(h.app, secret, 'GET', '/me')).status).toBe(200);
    expect((await signIn(h.app, 'raced@example.com', PASSWORD)).status).toBe(200);
  });

  it('says a link was withdrawn, not replaced, when its rep was deactivated', async () => {
    const inv = await invite({ rep: { id: 'gone', name: 'Gone', email: 'gone@example.com' } });
    expect((await h.call(h.adminToken, 'PATCH', '/reps/gone', { active: false })).status).toBe(200);
    for (const res of [await h.call(null, 'GET', `/invitations/${tokenOf(inv.link)}`), await h.call(null, 'POST', `/invitations/${tokenOf(inv.link)}/accept`, { password: PASSWORD })]) {
      expect([res.status, res.body.error.code]).toEqual([410, 'INVITATION_INVALID']);
      expect(res.body.error.message).toMatch(/withdrawn: the account is deactivated/);
      expect(res.body.error.message).not.toMatch(/replaced/);
      expect(res.body.error.details).toEqual({ reason: 'deactivated' });
    }
  });
});

describe('password sign-in', () => {
  it('signs in with an HTTP-only SameSite=Lax cookie (Secure only over HTTPS) and the cookie authenticates', async () => {
    const rep = await repWithPassword('ana');
    const res = await signIn(h.app, 'ANA@example.com', PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rep: { id: 'ana', role: 'rep' } });
    expect(res.setCookie).toMatch(/^hs_session=[A-Za-z0-9_-]{40,}; Max-Age=604800; Path=\/; HttpOnly; SameSite=Lax$/);
    const me = await cookieCall(h.app, res.secret, 'GET', '/me');
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(rep.id);
    const https = await h.app.request('https://crm.example.com/auth/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: rep.email, password: PASSWORD }) });
    expect(https.headers.get('set-cookie')).toMatch(/; Secure/);
    // Behind a trusted proxy the forwarded scheme decides.
    const proxied = h.newApp({ auth: { ...defaultAuthSettings, sessions: { ...defaultAuthSettings.sessions, trustProxy: true } } });
    expect((await signIn(proxied, rep.email, PASSWORD, { 'x-forwarded-proto': 'https' })).setCookie).toMatch(/; Secure/);
    expect((await signIn(h.app, rep.email, PASSWORD, { 'x-forwarded-proto': 'https' })).setCookie).not.toMatch(/Secure/);
    // An https PUBLIC_URL makes it Secure whatever the proxy says.
    const public_ = h.newApp({ auth: { ...defaultAuthSettings, sessions: { ...defaultAuthSettings.sessions, publicUrl: 'https://crm.example.com' } } });
    expect((await signIn(public_, rep.email, PASSWORD)).setCookie).toMatch(/; Secure/);
  });

  it('answers an unknown e-mail exactly as a wrong password, and audits both', async () => {
    await repWithPassword('bo');
    const unknown = await signIn(h.app, 'nobody@example.com', PASSWORD);
    const wrong = await signIn(h.app, 'bo@example.com', 'not-the-password-1');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual({ error: { ...wrong.body.error, requestId: unknown.body.error.requestId } });
    expect(unknown.body.error.code).toBe('SIGN_IN_FAILED');
    expect(unknown.setCookie).toBeNull();
    const rows = await h.db.selectFrom('auth_audit').select(['rep_id', 'email', 'outcome', 'reason']).where('outcome', '=', 'failure').where('email', 'in', ['nobody@example.com', 'bo@example.com']).orderBy('at').execute();
    expect(rows).toEqual([
      { rep_id: null, email: 'nobody@example.com', outcome: 'failure', reason: 'unknown e-mail' },
      { rep_id: 'bo', email: 'bo@example.com', outcome: 'failure', reason: 'wrong password' },
    ]);
  });

  it('spends about the same time on an unknown e-mail as on a wrong password (argon2 either way)', async () => {
    const app = h.newApp();
    await repWithPassword('tim');
    const nobody = `nobody-${Date.now()}@example.com`;
    const took = { wrong: [] as number[], unknown: [] as number[] };
    const timed = async (email: string, password: string) => {
      const started = performance.now();
      expect((await signIn(app, email, password)).status).toBe(401);
      return performance.now() - started;
    };
    // Three tries each (a fourth and fifth wrong password would lock the account), taken in turn so
    // that a change in the machine's load falls on both.
    for (let i = 0; i < 3; i++) {
      took.wrong.push(await timed('tim@example.com', `not-the-password-${i}`));
      took.unknown.push(await timed(nobody, `not-the-password-${i}`));
    }
    // The fastest of each: a busy machine only ever adds time (a median of three failed once at
    // 42 against 86 ms under a load average of 9, the wrong password's writes waiting their turn).
    const wrong = Math.min(...took.wrong);
    const unknown = Math.min(...took.unknown);
    // Without the stand-in hash an unknown e-mail would answer in about a millisecond.
    expect(unknown).toBeGreaterThan(wrong * 0.5);
    expect(wrong).toBeGreaterThan(5);
  });

  it('locks an account after repeated wrong passwords until an admin unlocks it', async () => {
    const app = h.newApp({ auth: { ...defaultAuthSettings, lockoutAfter: 3 } });
    const rep = await repWithPassword('cy');
    expect((await signIn(app, rep.email, 'wrong-password-1a')).status).toBe(401);
    expect((await signIn(app, rep.email, 'wrong-password-1b')).status).toBe(401);
    const third = await signIn(app, rep.email, 'wrong-password-1c');
    expect(third.status).toBe(423);
    expect(third.body.error.code).toBe('ACCOUNT_LOCKED');
    // The rep's view says so (the admin UI shows Unlock from it), and that the rep has signed up (no Invite).
    const locked = await h.call(h.adminToken, 'GET', '/reps/cy');
    expect(locked.body).toMatchObject({ signedUp: true, lockedUntil: expect.any(String) });
    expect(new Date(locked.body.lockedUntil).getTime()).toBeGreaterThan(Date.now());
    const right = await signIn(app, rep.email, PASSWORD);
    expect(right.status).toBe(423);
    expect(right.setCookie).toBeNull();
    // Only admins unlock.
    const other = await h.createRep();
    expect((await h.call(other.token, 'POST', '/reps/cy/unlock')).status).toBe(403);
    const unlocked = await h.call(h.adminToken, 'POST', '/reps/cy/unlock');
    expect(unlocked.body).toEqual({ wasLocked: true });
    expect((await h.call(h.adminToken, 'GET', '/reps')).body.items.find((r: { id: string }) => r.id === 'cy')).toMatchObject({ signedUp: true, lockedUntil: null });
    expect((await signIn(app, rep.email, PASSWORD)).status).toBe(200);
    expect((await audit('cy')).map((a) => a.outcome)).toEqual(['success', 'unlock', 'failure', 'lockout', 'failure', 'failure', 'failure', 'invitation_used', 'invitation']);
  });

  it('checks no more than the lockout count of passwords sent at once, for an account and for an unknown e-mail alike', async () => {
    const app = h.newApp({ auth: { ...defaultAuthSettings, lockoutAfter: 5, signInLimit: { perClient: 1000, perAccount: 1000, windowMs: 60_000 } } });
    const rep = await repWithPassword('burst');
    for (const email of [rep.email, `nobody-burst-${Date.now()}@example.com`]) {
      const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(app, email, `wrong-burst-password-${i}`)));
      const statuses = answers.map((a) => a.status).sort();
      // Five guesses checked (four wrong, the fifth locks); the rest refused as locked, unchecked.
      expect([email, statuses]).toEqual([email, [401, 401, 401, 401, ...Array.from({ length: 8 }, () => 423)]]);
      const outcomes = await h.db.selectFrom('auth_audit').select(['outcome', 'reason']).where('email', '=', email).execute();
      expect(outcomes.filter((o) => o.outcome === 'lockout')).toHaveLength(1);
      expect(outcomes.filter((o) => o.outcome === 'failure' && o.reason !== 'locked')).toHaveLength(5);
    }
    // Locked: the right password too, until an admin unlocks.
    expect((await signIn(app, rep.email, PASSWORD)).status).toBe(423);
    expect((await h.call(h.adminToken, 'POST', '/reps/burst/unlock')).body).toEqual({ wasLocked: true });
    expect((await signIn(app, rep.email, PASSWORD)).status).toBe(200);
  });

  it("does not count a deactivated rep's right password as a wrong one: reactivated, they sign in", async () => {
    const app = h.newApp({ auth: { ...defaultAuthSettings, lockoutAfter: 3, signInLimit: { perClient: 1000, perAccount: 1000, windowMs: 60_000 } } });
    const rep = await repWithPassword('gone-for-a-while');
    expect((await h.call(h.adminToken, 'PATCH', `/reps/${rep.id}`, { active: false })).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await signIn(app, rep.email, PASSWORD)).body.error.code).toBe('REP_INACTIVE');
    expect((await h.call(h.adminToken, 'PATCH', `/reps/${rep.id}`, { active: true })).status).toBe(200);
    expect((await signIn(app, rep.email, PASSWORD)).status).toBe(200);
  });

  it("an admin's unlock lifts the account's rate limit too, and a sign-in forgives the account's attempts", async () => {
    const app = h.newApp({ auth: { ...defaultAuthSettings, lockoutAfter: 3, signInLimit: { perClient: 100, perAccount: 5, windowMs: 60_000 } } });
    const rep = await repWithPassword('kept-trying');
    const statuses = [];
    for (const p of ['wrong-password-3a', 'wrong-password-3b', 'wrong-password-3c', PASSWORD, 'wrong-password-3d', PASSWORD]) statuses.push((await signIn(app, rep.email, p)).status);
    // Locked at the third wrong password; the sixth attempt in the window is over the account's limit.
    expect(statuses).toEqual([401, 401, 423, 423, 423, 429]);
    expect((await h.call(h.adminToken, 'POST', `/reps/${rep.id}/unlock`, undefined, app)).body).toEqual({ wasLocked: true });
    expect((await signIn(app, rep.email, PASSWORD)).status).toBe(200);
    // Signed in: the account starts afresh (five more attempts before 429).
    for (let i = 0; i < 4; i++) expect((await signIn(app, rep.email, PASSWORD)).status).toBe(200);
    expect((await signIn(app, rep.email, 'wrong-password-3e')).status).toBe(401);
  });

  it('locks an unknown e-mail after as many wrong passwords as an account, so a lockout does not tell that an account exists', async () => {
    const app = h.newApp({ auth: { ...defaultAuthSettings, lockoutAfter: 3 } });
    const rep = await repWithPassword('lockme');
    const stranger = `nobody-${Date.now()}@example.com`;
    const tries = async (email: string) => {
      const answers = [];
      for (const p of ['wrong-password-2a', 'wrong-password-2b', 'wrong-password-2c', 'wrong-password-2d']) answers.push(await signIn(app, email, p));
      return answers;
    };
    const shape = (a: { status: number; body: any }) => ({ status: a.status, code: a.body.error.code, message: String(a.body.error.message).replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/, '<time>'), details: Object.keys(a.body.error.details ?? {}) });
    const known = await tries(rep.email);
    const unknown = await tries(stranger);
    expect(known.map((a) => a.status)).toEqual([401, 401, 423, 423]);
    expect(unknown.map(shape)).toEqual(known.map(shape));
    // Upper case and spaces are the same e-mail.
    expect((await signIn(app, ` ${stranger.toUpperCase()} `, 'wrong-password-2e')).status).toBe(423);
    const outcomes = await h.db.selectFrom('auth_audit').select(['rep_id', 'outcome', 'reason']).where('email', '=', stranger).orderBy('at').orderBy('id').execute();
    expect(outcomes.map((o) => [o.rep_id, o.outcome])).toEqual([
      [null, 'failure'],
      [null, 'failure'],
      [null, 'failure'],
      [null, 'lockout'],
      [null, 'failure'],
    ]);
    // The lock ends by itself, as an account's does.
    const later = h.newApp({ auth: { ...defaultAuthSettings, lockoutAfter: 3 }, clock: { now: () => new Date(Date.now() + defaultAuthSettings.lockoutMs + 1000) } });
    expect((await signIn(later, stranger, 'wrong-password-2f')).status).toBe(401);
  });

  it('rate-limits sign-in per account and per client address with 429 and Retry-After', async () => {
    const byAccount = h.newApp({ auth: { ...defaultAuthSettings, signInLimit: { perClient: 100, perAccount: 3, windowMs: 60_000 } } });
    for (let i = 0; i < 3; i++) expect((await signIn(byAccount, 'limited@example.com', 'whatever-wrong-1')).status).toBe(401);
    const limited = await signIn(byAccount, 'Limited@Example.com', 'whatever-wrong-1');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const byClient = h.newApp({ auth: { ...defaultAuthSettings, signInLimit: { perClient: 2, perAccount: 100, windowMs: 60_000 } } });
    await signIn(byClient, 'a@example.com', 'whatever-wrong-1');
    await signIn(byClient, 'b@example.com', 'whatever-wrong-1');
    expect((await signIn(byClient, 'c@example.com', 'whatever-wrong-1')).status).toBe(429);
  });
});

describe('e-mail addresses match whatever their case', () => {
  it('signs in with the e-mail in another case, and refuses a second rep whose e-mail differs only in case', async () => {
    await repWithPassword('case-rep', { email: 'Case.Rep@Example.com' });
    const signedIn = await signIn(h.app, 'CASE.REP@EXAMPLE.COM', PASSWORD);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.rep.id).toBe('case-rep');
    for (const email of ['case.rep@example.com', 'CASE.REP@example.COM']) {
      const made = await h.call(h.adminToken, 'POST', '/reps', { id: `other-${email.length}-${email[0]}`, name: 'Someone Else', email });
      expect([email, made.status, made.body.error?.code]).toEqual([email, 409, 'DUPLICATE_REP']);
      const invited = await h.call(h.adminToken, 'POST', '/invitations', { rep: { name: 'Someone Else', email } });
      expect([email, invited.status, invited.body.error?.code]).toEqual([email, 409, 'DUPLICATE_REP']);
    }
  });

  it('stores a rep made at a first OpenID Connect sign-in with the e-mail in lower case, and the database keeps e-mails unique whatever their case', async () => {
    const made = await createRepJustInTime(h.db, { match: 'email', email: 'Jit.Person@Example.COM', name: 'Jit Person' }, { role: 'rep', teamId: null }, new Date());
    expect(made.email).toBe('jit.person@example.com');
    expect((await findRepFor(h.db, { match: 'email', email: 'JIT.PERSON@example.com', name: null }))?.id).toBe(made.id);
    const again = await h.call(h.adminToken, 'POST', '/reps', { name: 'Jit Twin', email: 'jit.person@example.com' });
    expect([again.status, again.body.error?.code]).toEqual([409, 'DUPLICATE_REP']);
    const now = new Date();
    const direct = h.db.insertInto('reps').values({ id: 'upper-twin', name: 'Upper Twin', email: 'JIT.PERSON@EXAMPLE.COM', role: 'rep', team_id: null, hired_at: '2026-01-01', tags: [], created_at: now, updated_at: now }).execute();
    await expect(direct).rejects.toMatchObject({ code: '23505' });
  });
});

describe('session cookies', () => {
  it('refuses a tampered, an expired, an idle and a revoked session with 401', async () => {
    const rep = await repWithPassword('dee');
    const { secret } = await signIn(h.app, rep.email, PASSWORD);
    expect((await cookieCall(h.app, `${secret!.slice(0, -2)}xx`, 'GET', '/me')).status).toBe(401);
    const later = (ms: number): Clock => ({ now: () => new Date(Date.now() + ms) });
    const settings = defaultAuthSettings;
    const expired = await cookieCall(h.newApp({ clock: later(settings.sessions.maxAgeMs + 1000) }), secret, 'GET', '/me');
    expect(expired.status).toBe(401);
    expect(expired.body.error.details.reason).toBe('expired');
    const idle = await cookieCall(h.newApp({ clock: later(settings.sessions.idleMs + 1000) }), secret, 'GET', '/me');
    expect(idle.body.error.details.reason).toBe('idle');
    expect((await cookieCall(h.app, secret, 'GET', '/me')).status).toBe(200);
    const out = await cookieCall(h.app, secret, 'POST', '/auth/sign-out');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^hs_session=; Max-Age=0/);
    const revoked = await cookieCall(h.app, secret, 'GET', '/me');
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.details.reason).toBe('revoked');
  });

  it('refuses cookie writes from another origin (403 CSRF_REFUSED) while same-origin and bearer writes pass', async () => {
    // The harness's admin has no password: a session made as a sign-in would make it.
    const secret = await sessionSecretFor(h.db, 'admin');
    const body = { companyName: `Csrf Trading ${Date.now()}`, country: 'DE', assign: false };
    const counts = async () => Number((await h.db.selectFrom('customers').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await counts();
    for (const [origin, headers] of [
      ['https://evil.example', {}],
      [null, {}],
      [null, { 'sec-fetch-site': 'cross-site' }],
      ['http://localhost.evil.example', {}],
    ] as const) {
      const res = await cookieCall(h.app, secret, 'POST', '/customers', body, { origin, headers });
      expect(res.status, `${origin} ${JSON.stringify(headers)}`).toBe(403);
      expect(res.body.error.code).toBe('CSRF_REFUSED');
    }
    // A cross-origin form upload (multipart, the classic CSRF) is refused by Hono's csrf middleware.
    const form = await cookieCall(h.app, secret, 'POST', '/imports', '--x\r\nContent-Disposition: form-data; name="source"\r\n\r\nmanual\r\n--x--\r\n', {
      origin: 'https://evil.example',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
    });
    expect(form.body.error.code).toBe('CSRF_REFUSED');
    expect(await counts()).toBe(before);
    // Reads need no origin; same-origin writes (Origin or Sec-Fetch-Site) and bearer writes pass.
    expect((await cookieCall(h.app, secret, 'GET', '/me', undefined, { origin: 'https://evil.example' })).status).toBe(200);
    expect((await cookieCall(h.app, secret, 'POST', '/customers', { ...body, companyName: `${body.companyName} A` })).status).toBe(201);
    expect((await cookieCall(h.app, secret, 'POST', '/customers', { ...body, companyName: `${body.companyName} B` }, { origin: null, headers: { 'sec-fetch-site': 'same-origin' } })).status).toBe(201);
    expect((await h.call(h.adminToken, 'POST', '/customers', { ...body, companyName: `${body.companyName} C` })).status).toBe(201);
    // PUBLIC_URL is an allowed origin (the UI behind a proxy).
    const behind = h.newApp({ auth: { ...defaultAuthSettings, sessions: { ...defaultAuthSettings.sessions, publicUrl: 'https://crm.example.com' } } });
    expect((await cookieCall(behind, secret, 'POST', '/customers', { ...body, companyName: `${body.companyName} D` }, { origin: 'https://crm.example.com' })).status).toBe(201);
  });

  it('answers whether a browser is signed in without counting a missing session as a failed authentication', async () => {
    const app = h.newApp({ rateLimits: { ...defaultRateLimits, authFailures: { perClient: 3, perToken: 3, windowMs: 60_000 } } });
    for (let i = 0; i < 10; i++) expect((await cookieCall(app, null, 'GET', '/auth/session')).body).toEqual({ signedIn: false });
    expect((await cookieCall(app, 'tampered-secret', 'GET', '/auth/session')).body).toEqual({ signedIn: false });
    const secret = await sessionSecretFor(h.db, 'admin');
    expect((await cookieCall(app, secret, 'GET', '/auth/session')).body).toEqual({ signedIn: true });
    // The address is not limited: the signed-in browser still gets through.
    expect((await cookieCall(app, secret, 'GET', '/me')).status).toBe(200);
  });

  it("lists my sessions, ends one, and signs out everywhere", async () => {
    const rep = await repWithPassword('eve');
    const laptop = (await signIn(h.app, rep.email, PASSWORD, { 'user-agent': 'Laptop' })).secret!;
    const phone = (await signIn(h.app, rep.email, PASSWORD, { 'user-agent': 'Phone' })).secret!;
    const third = (await signIn(h.app, rep.email, PASSWORD, { 'user-agent': 'Tablet' })).secret!;
    const list = await cookieCall(h.app, laptop, 'GET', '/me/sessions');
    expect(list.body.items).toHaveLength(3);
    const current = list.body.items.filter((s: { current: boolean }) => s.current);
    expect(current).toHaveLength(1);
    expect(current[0]).toMatchObject({ method: 'password', userAgent: 'Laptop', ip: 'unknown-client' });
    const phoneId = list.body.items.find((s: { userAgent: string }) => s.userAgent === 'Phone').id;
    expect((await cookieCall(h.app, laptop, 'DELETE', `/me/sessions/${phoneId}`)).status).toBe(204);
    expect((await cookieCall(h.app, phone, 'GET', '/me')).status).toBe(401);
    expect((await cookieCall(h.app, laptop, 'DELETE', `/me/sessions/${phoneId}`)).status).toBe(404);
    // Someone else's session is not mine to end.
    const mine = (await cookieCall(h.app, laptop, 'GET', '/me/sessions')).body.items.map((s: { id: string }) => s.id);
    const other = await h.createRep();
    expect((await h.call(other.token, 'DELETE', `/me/sessions/${mine[0]}`)).status).toBe(404);
    const all = await cookieCall(h.app, laptop, 'POST', '/me/sessions/revoke-all');
    expect(all.body).toEqual({ ended: 2 });
    expect(all.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    for (const s of [laptop, third]) expect((await cookieCall(h.app, s, 'GET', '/me')).status).toBe(401);
  });

  it('ends every session of a rep the moment an admin deactivates them', async () => {
    const rep = await repWithPassword('fay');
    const { secret } = await signIn(h.app, rep.email, PASSWORD);
    expect((await h.call(h.adminToken, 'PATCH', '/reps/fay', { active: false })).status).toBe(200);
    expect((await cookieCall(h.app, secret, 'GET', '/me')).status).toBe(401);
    const open = await h.db.selectFrom('sessions').select('id').where('rep_id', '=', 'fay').where('revoked_at', 'is', null).execute();
    expect(open).toEqual([]);
    expect((await signIn(h.app, rep.email, PASSWORD)).status).toBe(403);
  });
});

describe("passwords made of the rep's own name or e-mail", () => {
  it('are refused at /password when accepting an invitation or a reset, and at /new when changing it', async () => {
    const inv = await invite({ rep: { id: 'ra1', name: 'Rep ra1', email: 'Ra1.Harbour@example.com' } });
    const token = tokenOf(inv.link);
    for (const password of ['Rep ra1 Rep ra1', 'REPRA1REPRA1', 'rep ra1 2024 rep ra1', 'ra1.harbour ra1.harbour', 'Ra1.Harbour@example.com!', 'my name is rep ra1']) {
      const res = await h.call(null, 'POST', `/invitations/${token}/accept`, { password });
      expect([password, res.status, res.body?.error?.code, res.body?.error?.details.issues[0].pointer]).toEqual([password, 400, 'VALIDATION_FAILED', '/password']);
      expect(res.body.error.details.issues[0].message).toMatch(/your own name or e-mail/);
    }
    expect((await h.call(null, 'POST', `/invitations/${token}/accept`, { password: PASSWORD })).status).toBe(204);
    const reset = await h.call(h.adminToken, 'POST', '/reps/ra1/password-reset');
    const viaReset = await h.call(null, 'POST', `/invitations/${tokenOf(reset.body.link)}/accept`, { password: 'rep-ra1-rep-ra1' });
    expect([viaReset.status, viaReset.body.error.details.issues[0].pointer]).toEqual([400, '/password']);
    expect((await h.call(null, 'POST', `/invitations/${tokenOf(reset.body.link)}/accept`, { password: PASSWORD })).status).toBe(204);
    const here = (await signIn(h.app, 'ra1.harbour@example.com', PASSWORD)).secret!;
    const changed = await cookieCall(h.app, here, 'POST', '/me/password', { current: PASSWORD, new: 'Rep Ra1 rep RA1' });
    expect([changed.status, changed.body.error.details.issues[0].pointer]).toEqual([400, '/new']);
    expect(changed.body.error.details.issues[0].message).toMatch(/your own name or e-mail/);
    // The same password again changes nothing: refused at /new, and no session ends.
    const same = await cookieCall(h.app, here, 'POST', '/me/password', { current: PASSWORD, new: PASSWORD });
    expect([same.status, same.body.error.details.issues]).toEqual([400, [{ pointer: '/new', code: 'password_unchanged', message: 'is your current password; choose a new one' }]]);
    expect((await cookieCall(h.app, here, 'GET', '/me')).status).toBe(200);
  });
});

describe('resets and password changes', () => {
  it("an admin's forced reset makes the old password unusable, ends sessions and returns a new link", async () => {
    const rep = await repWithPassword('gus');
    const { secret } = await signIn(h.app, rep.email, PASSWORD);
    const reset = await h.call(h.adminToken, 'POST', '/reps/gus/password-reset');
    expect(reset.status).toBe(201);
    expect(reset.body.kind).toBe('reset');
    expect((await cookieCall(h.app, secret, 'GET', '/me')).status).toBe(401);
    expect((await signIn(h.app, rep.email, PASSWORD)).status).toBe(401);
    expect((await h.call(null, 'POST', `/invitations/${tokenOf(reset.body.link)}/accept`, { password: 'fresh-meadow-otter-17' })).status).toBe(204);
    expect((await signIn(h.app, rep.email, 'fresh-meadow-otter-17')).status).toBe(200);
    expect((await audit('gus')).map((a) => a.outcome).slice(0, 4)).toEqual(['success', 'invitation_used', 'failure', 'reset']);
  });

  it("refuses an admin's forced reset of their own password (it would end the asking session before the link is seen), and changes nothing", async () => {
    const admin = await repWithPassword('ida', { role: 'admin' });
    const { secret } = await signIn(h.app, admin.email, PASSWORD);
    const own = await cookieCall(h.app, secret!, 'POST', '/reps/ida/password-reset');
    expect([own.status, own.body.error.code]).toEqual([403, 'OWN_PASSWORD_RESET']);
    expect(own.body.error.message).toMatch(/My account/);
    expect((await cookieCall(h.app, secret!, 'GET', '/me')).status).toBe(200);
    expect((await signIn(h.app, admin.email, PASSWORD)).status).toBe(200);
    expect((await audit('ida')).map((a) => a.outcome)).not.toContain('reset');
  });

  it('counts each wrong current password at /me/password as a wrong sign-in: the account locks (423 ACCOUNT_LOCKED) and the right one is refused until an admin unlocks it', async () => {
    const app = h.newApp({ auth: { ...defaultAuthSettings, lockoutAfter: 3, signInLimit: { perClient: 1000, perAccount: 1000, windowMs: 60_000 } } });
    const rep = await repWithPassword('kit');
    const here = (await signIn(app, rep.email, PASSWORD)).secret!;
    const change = (current: string) => cookieCall(app, here, 'POST', '/me/password', { current, new: 'quiet-river-stone-88' });
    for (const current of ['guess-number-one-1', 'guess-number-two-2']) {
      const res = await change(current);
      expect([res.status, res.body.error.code]).toEqual([403, 'WRONG_PASSWORD']);
    }
    // The same count as sign-in's: a third wrong password, here at sign-in, locks the account.
    expect((await signIn(app, rep.email, 'guess-number-three-3')).status).toBe(423);
    const locked = await change(PASSWORD);
    expect([locked.status, locked.body.error.code]).toEqual([423, 'ACCOUNT_LOCKED']);
    expect(locked.body.error.details.lockedUntil).toEqual(expect.any(String));
    expect((await signIn(app, rep.email, 'quiet-river-stone-88')).status).toBe(423);
    expect((await h.call(h.adminToken, 'POST', '/reps/kit/unlock')).body).toEqual({ wasLocked: true });
    // Guesses sent at once, all at /me/password: no more than the count are checked, then it locks.
    const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => change(`burst-guess-${i}-wrong`)));
    expect(burst.filter((r) => r.status === 403)).toHaveLength(2);
    expect(burst.filter((r) => r.status === 423)).toHaveLength(6);
    expect((await audit('kit')).filter((a) => a.reason === 'wrong current password')).toHaveLength(5);
    expect((await h.call(h.adminToken, 'POST', '/reps/kit/unlock')).body).toEqual({ wasLocked: true });
    // The right one resets the count: two wrong ones after it do not lock.
    expect((await change(PASSWORD)).status).toBe(204);
    for (const current of ['guess-number-four-4', 'guess-number-five-5']) expect((await cookieCall(app, here, 'POST', '/me/password', { current, new: 'amber-falcon-drift-61' })).status).toBe(403);
    expect((await cookieCall(app, here, 'POST', '/me/password', { current: 'quiet-river-stone-88', new: 'amber-falcon-drift-61' })).status).toBe(204);
  });

  it('changes my own password with the current one; my other sessions end, this one stays', async () => {
    const rep = await repWithPassword('hal');
    const here = (await signIn(h.app, rep.email, PASSWORD)).secret!;
    const there = (await signIn(h.app, rep.email, PASSWORD)).secret!;
    const wrong = await cookieCall(h.app, here, 'POST', '/me/password', { current: 'not-it-at-all-1', new: 'quiet-river-stone-88' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('WRONG_PASSWORD');
    const weak = await cookieCall(h.app, here, 'POST', '/me/password', { current: PASSWORD, new: 'short' });
    expect(weak.body.error.details.issues[0].pointer).toBe('/new');
    expect((await cookieCall(h.app, here, 'POST', '/me/password', { current: PASSWORD, new: 'quiet-river-stone-88' })).status).toBe(204);
    expect((await cookieCall(h.app, here, 'GET', '/me')).status).toBe(200);
    expect((await cookieCall(h.app, there, 'GET', '/me')).status).toBe(401);
    expect((await signIn(h.app, rep.email, PASSWORD)).status).toBe(401);
    expect((await signIn(h.app, rep.email, 'quiet-river-stone-88')).status).toBe(200);
  });
});

describe('API token scopes and the audit', () => {
  it('refuses writes with a read-only token and admin-only routes without the admin scope (403 INSUFFICIENT_SCOPE)', async () => {
    const read = await h.call(h.adminToken, 'POST', '/reps/admin/tokens', { name: 'reporting', scopes: ['read'] });
    expect(read.body.scopes).toEqual(['read']);
    expect((await h.call(read.body.token, 'GET', '/me')).status).toBe(200);
    const write = await h.call(read.body.token, 'POST', '/customers', { companyName: 'Scope Ltd', country: 'DE' });
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('INSUFFICIENT_SCOPE');
    const rw = await h.call(h.adminToken, 'POST', '/reps/admin/tokens', { name: 'crm-sync', scopes: ['read', 'write'] });
    expect((await h.call(rw.body.token, 'POST', '/customers', { companyName: `Scope Ltd ${Date.now()}`, country: 'DE', assign: false })).status).toBe(201);
    const admin = await h.call(rw.body.token, 'POST', '/reps', { name: 'Z', email: 'z@example.com' });
    expect(admin.body.error.code).toBe('INSUFFICIENT_SCOPE');
    const listed = (await h.call(h.adminToken, 'GET', '/reps/admin/tokens')).body.items.find((t: { name: string }) => t.name === 'reporting');
    expect(listed.scopes).toEqual(['read']);
    expect((await h.call(h.adminToken, 'POST', '/reps/admin/tokens', { scopes: [] })).status).toBe(400);
  });

  it("refuses an admin's token without the admin scope on every write the admin role opens, admin-only or admin-and-manager alike; a manager's token needs no admin scope", async () => {
    const rw = (await h.call(h.adminToken, 'POST', '/reps/admin/tokens', { name: 'rw-no-admin', scopes: ['read', 'write'] })).body.token as string;
    const target = await h.createRep({ id: 'scoped-target', teamId: 'east' });
    const attempts: [string, string, unknown][] = [
      ['POST', '/invitations', { rep: { id: 'evil2', name: 'Evil', email: 'evil2@example.com', role: 'admin' } }],
      ['POST', '/invitations', { repId: 'admin' }],
      ['POST', `/reps/${target.id}/handover`, { to: { kind: 'pool' } }],
      ['POST', `/reps/${target.id}/leave`, { startsOn: '2030-01-07', endsOn: '2030-01-08' }],
      ['POST', '/bulk-moves', { action: 'release', customerIds: ['nobody'] }],
      ['POST', '/rule-sets/validate', { decision: 'grading', rules: [] }],
      ['PATCH', `/reps/${target.id}`, { name: 'Renamed' }],
    ];
    for (const [method, path, body] of attempts) {
      const res = await h.call(rw, method, path, body);
      expect([method, path, res.status, res.body?.error?.code]).toEqual([method, path, 403, 'INSUFFICIENT_SCOPE']);
      expect(res.body.error.details).toMatchObject({ requiredScope: 'admin' });
    }
    // Nothing happened: no admin invited, no link for the admin, the rep still active and on no leave.
    expect(await h.db.selectFrom('reps').select('id').where('id', '=', 'evil2').executeTakeFirst()).toBeUndefined();
    expect(await h.db.selectFrom('invitations').select('id').where('rep_id', '=', 'admin').where('created_by', '=', 'admin').where('created_at', '>', new Date(Date.now() - 60_000)).execute()).toEqual([]);
    expect((await h.db.selectFrom('reps').select(['active', 'name']).where('id', '=', target.id).executeTakeFirstOrThrow())).toEqual({ active: true, name: expect.not.stringMatching(/Renamed/) });
    // Reading (also a route admins share with managers), and what every rep may do, still works with it.
    expect((await h.call(rw, 'GET', '/me')).status).toBe(200);
    expect((await h.call(rw, 'GET', '/reps')).status).toBe(200);
    expect((await h.call(rw, 'POST', '/customers', { companyName: `Scoped Write ${Date.now()}`, country: 'DE', assign: false })).status).toBe(201);
    // The same routes with the admin scope, and a manager's token without it.
    expect((await h.call(h.adminToken, 'GET', '/reps')).status).toBe(200);
    const manager = await h.createRep({ id: 'boss-scoped', role: 'manager', teamId: 'east' });
    const managerRw = (await h.call(h.adminToken, 'POST', `/reps/${manager.id}/tokens`, { name: 'rw', scopes: ['read', 'write'] })).body.token as string;
    expect((await h.call(managerRw, 'POST', '/invitations', { rep: { id: 'east-new', name: 'East New', email: 'east-new@example.com' } })).status).toBe(201);
  });

  it('shows admins the audit, newest first, and nobody else', async () => {
    const res = await h.call(h.adminToken, 'GET', '/auth/audit?limit=500');
    const outcomes = new Set(res.body.items.map((a: { outcome: string }) => a.outcome));
    for (const o of ['success', 'failure', 'lockout', 'unlock', 'reset', 'invitation', 'invitation_used', 'password_changed', 'sign_out', 'sessions_revoked']) expect(outcomes).toContain(o);
    const ats = res.body.items.map((a: { at: string }) => a.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    const rep = await h.createRep();
    expect((await h.call(rep.token, 'GET', '/auth/audit')).status).toBe(403);
  });
});
