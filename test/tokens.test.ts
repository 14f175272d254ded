// API tokens (admin): listed without their secrets (with who issued them, when they were last used
// and when they expire), revoked with immediate effect, expired ones refused, unknown tokens and
// reps answered 404 NOT_FOUND, and only admins may list or revoke.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../server/tokens/tokens.js';
import { createHarness, type Harness } from './support/harness.js';

let h: Harness;
let rep: { id: string; token: string };
let other: { id: string; token: string };

beforeAll(async () => {
  h = await createHarness({ worker: false });
  rep = await h.createRep({ id: 'li' });
  other = await h.createRep({ id: 'wang', role: 'manager' });
});
afterAll(() => h?.close());

const issue = async (repId: string, name: string) => {
  const res = await h.call(h.adminToken, 'POST', `/reps/${repId}/tokens`, { name });
  expect(res.status).toBe(201);
  return res.body as { id: string; token: string };
};

describe('API tokens', () => {
  it("lists a rep's tokens newest first, without secrets or hashes", async () => {
    const laptop = await issue('li', 'laptop');
    const res = await h.call(h.adminToken, 'GET', '/reps/li/tokens');
    expect(res.status).toBe(200);
    expect(res.body.items.map((t: { name: string }) => t.name)).toEqual(['laptop', 'api']);
    expect(res.body.items[0]).toEqual({
      id: laptop.id,
      repId: 'li',
      name: 'laptop',
      createdAt: expect.any(String),
      revokedAt: null,
      issuedBy: 'admin',
      lastUsedAt: null,
      expiresAt: null,
      scopes: ['read', 'write', 'admin'],
    });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(laptop.token);
    expect(text).not.toContain(hashToken(laptop.token));
  });

  it('gives a token each scope implied by the one asked for: ["admin"] reads and writes too, ["write"] reads', async () => {
    const names = ['Alpha Scopes Ltd', 'Bravo Scopes Ltd', 'Charlie Scopes Ltd', 'Delta Scopes Ltd'];
    for (const [asked, granted] of [[['admin'], ['read', 'write', 'admin']], [['write'], ['read', 'write']], [['read'], ['read']], [['admin', 'read'], ['read', 'write', 'admin']]] as const) {
      const res = await h.call(h.adminToken, 'POST', '/reps/admin/tokens', { name: `implied-${asked.join('-')}`, scopes: asked });
      expect([res.status, res.body.scopes], asked.join()).toEqual([201, granted]);
      expect((await h.call(res.body.token, 'GET', '/me')).status).toBe(200);
      // A write every role may make; an admin-only one needs the admin scope as well.
      const write = await h.call(res.body.token, 'POST', '/customers', { companyName: names.shift(), assign: false });
      expect(write.status, `${asked.join()} ${JSON.stringify(write.body)}`).toBe((granted as readonly string[]).includes('write') ? 201 : 403);
      const adminWrite = await h.call(res.body.token, 'POST', '/teams', { id: `implied-${asked.join('-')}`, name: `Implied ${asked.join(' ')}` });
      expect(adminWrite.status, `${asked.join()} ${JSON.stringify(adminWrite.body)}`).toBe((granted as readonly string[]).includes('admin') ? 201 : 403);
    }
  });

  it('reads a token stored with one scope before scopes implied each other as having those it implies', async () => {
    const made = await h.call(h.adminToken, 'POST', '/reps/admin/tokens', { name: 'stored-admin-only' });
    await h.db.updateTable('api_tokens').set({ scopes: ['admin'] }).where('id', '=', made.body.id).execute();
    expect((await h.call(made.body.token, 'POST', '/customers', { companyName: 'Echo Scopes Ltd', assign: false })).status).toBe(201);
    expect((await h.call(made.body.token, 'POST', '/teams', { id: 'stored-admin', name: 'Stored admin' })).status).toBe(201);
  });

  it('revokes a token: it stops authenticating on the next request, the rep’s other tokens keep working', async () => {
    const phone = await issue('li', 'phone');
    expect((await h.call(phone.token, 'GET', '/me')).status).toBe(200);

    const revoked = await h.call(h.adminToken, 'DELETE', `/reps/li/tokens/${phone.id}`);
    expect(revoked.status).toBe(204);
    expect(revoked.body).toBeNull();

    const refused = await h.call(phone.token, 'GET', '/me');
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: 'This API token is unknown or revoked.' });
    expect((await h.call(rep.token, 'GET', '/me')).status).toBe(200);

    const listed = (await h.call(h.adminToken, 'GET', '/reps/li/tokens')).body.items.find((t: { id: string }) => t.id === phone.id);
    expect(Date.parse(listed.revokedAt)).toBeGreaterThan(Date.now() - 60_000);

    // Revoking again changes nothing, and keeps the first revocation time.
    expect((await h.call(h.adminToken, 'DELETE', `/reps/li/tokens/${phone.id}`)).status).toBe(204);
    const again = (await h.call(h.adminToken, 'GET', '/reps/li/tokens')).body.items.find((t: { id: string }) => t.id === phone.id);
    expect(again.revokedAt).toBe(listed.revokedAt);
    expect((await h.call(phone.token, 'GET', '/pool')).status).toBe(401);
  });

  it('answers 404 NOT_FOUND for an unknown token, another rep’s token and an unknown rep', async () => {
    const unknown = await h.call(h.adminToken, 'DELETE', '/reps/li/tokens/no-such-token');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'NOT_FOUND', details: { repId: 'li', tokenId: 'no-such-token' }, requestId: expect.any(String) });

    const wangs = (await h.call(h.adminToken, 'GET', '/reps/wang/tokens')).body.items[0].id;
    const crossed = await h.call(h.adminToken, 'DELETE', `/reps/li/tokens/${wangs}`);
    expect(crossed.status).toBe(404);
    expect(crossed.body.error.code).toBe('NOT_FOUND');
    expect((await h.call(other.token, 'GET', '/me')).status).toBe(200);

    const nobody = await h.call(h.adminToken, 'GET', '/reps/nobody/tokens');
    expect(nobody.status).toBe(404);
    expect(nobody.body.error.code).toBe('NOT_FOUND');
    expect((await h.call(h.adminToken, 'DELETE', `/reps/nobody/tokens/${wangs}`)).body.error.code).toBe('NOT_FOUND');
  });

  it('issues no token for a deactivated rep (every request with it would be refused), nor for an unknown one', async () => {
    const leaver = await h.createRep({ id: 'token-leaver' });
    expect((await h.call(h.adminToken, 'PATCH', '/reps/token-leaver', { active: false })).status).toBe(200);
    const before = (await h.call(h.adminToken, 'GET', '/reps/token-leaver/tokens')).body.items.length;
    const refused = await h.call(h.adminToken, 'POST', '/reps/token-leaver/tokens', { name: 'late' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'REP_INACTIVE', details: { repId: leaver.id } });
    expect(refused.body.error.message).toMatch(/Reactivate them first/);
    expect((await h.call(h.adminToken, 'GET', '/reps/token-leaver/tokens')).body.items).toHaveLength(before);
    expect((await h.call(h.adminToken, 'POST', '/reps/nobody/tokens', { name: 'x' })).status).toBe(404);
  });

  it('refuses anyone but an admin, and validates the ids', async () => {
    const tokenId = (await h.call(h.adminToken, 'GET', '/reps/li/tokens')).body.items.find((t: { revokedAt: string | null }) => t.revokedAt === null).id;
    for (const token of [rep.token, other.token]) {
      const list = await h.call(token, 'GET', '/reps/li/tokens');
      expect(list.status).toBe(403);
      expect(list.body.error.code).toBe('FORBIDDEN');
      const revoke = await h.call(token, 'DELETE', `/reps/li/tokens/${tokenId}`);
      expect(revoke.status).toBe(403);
      expect(revoke.body.error.code).toBe('FORBIDDEN');
    }
    expect((await h.call(null, 'DELETE', `/reps/li/tokens/${tokenId}`)).status).toBe(401);
    const bad = await h.call(h.adminToken, 'DELETE', '/reps/li/tokens/has%20space');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [expect.objectContaining({ pointer: '/tokenId' })] } });
    expect((await h.call(null, 'GET', '/reps/li/tokens')).status).toBe(401);
    // Nothing was revoked by the refused calls.
    const after = (await h.call(h.adminToken, 'GET', '/reps/li/tokens')).body.items.find((t: { id: string }) => t.id === tokenId);
    expect(after.revokedAt).toBeNull();
  });

  it('issues a token that expires, by date or in days; a past or doubled expiry is refused with its pointer', async () => {
    const inDays = await h.call(h.adminToken, 'POST', '/reps/li/tokens', { name: 'month', expiresInDays: 30 });
    expect(inDays.status).toBe(201);
    expect(Math.abs(Date.parse(inDays.body.expiresAt) - (Date.now() + 30 * 86_400_000))).toBeLessThan(60_000);
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const byDate = await h.call(h.adminToken, 'POST', '/reps/li/tokens', { name: 'hour', expiresAt: at });
    expect(byDate.status).toBe(201);
    expect(byDate.body.expiresAt).toBe(at);
    expect((await h.call(byDate.body.token, 'GET', '/me')).status).toBe(200);
    const listed = (await h.call(h.adminToken, 'GET', '/reps/li/tokens')).body.items;
    expect(listed.find((t: { id: string }) => t.id === inDays.body.id).expiresAt).toBe(inDays.body.expiresAt);
    expect(listed.find((t: { id: string }) => t.id === byDate.body.id)).toMatchObject({ expiresAt: at, issuedBy: 'admin' });

    const count = async () => (await h.db.selectFrom('api_tokens').select('id').where('rep_id', '=', 'li').execute()).length;
    const before = await count();
    const past = await h.call(h.adminToken, 'POST', '/reps/li/tokens', { expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect(past.status).toBe(400);
    expect(past.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [expect.objectContaining({ pointer: '/expiresAt' })] } });
    expect(past.body.error.message).toMatch(/future/);
    const both = await h.call(h.adminToken, 'POST', '/reps/li/tokens', { expiresAt: at, expiresInDays: 2 });
    expect(both.status).toBe(400);
    expect(both.body.error.details.issues[0].pointer).toMatch(/^\/expires/);
    expect((await h.call(h.adminToken, 'POST', '/reps/li/tokens', { expiresInDays: 0 })).status).toBe(400);
    expect(await count()).toBe(before);
  });

  it('refuses an expired token with 401 UNAUTHENTICATED saying it expired', async () => {
    const soon = await h.call(h.adminToken, 'POST', '/reps/li/tokens', { name: 'soon', expiresInDays: 1 });
    expect((await h.call(soon.body.token, 'GET', '/me')).status).toBe(200);
    const expiredAt = new Date(Date.now() - 1000);
    await h.db.updateTable('api_tokens').set({ expires_at: expiredAt }).where('id', '=', soon.body.id).execute();
    const refused = await h.call(soon.body.token, 'GET', '/me');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('UNAUTHENTICATED');
    expect(refused.body.error.message).toContain('expired');
    expect(refused.body.error.message).toContain(expiredAt.toISOString());
    expect((await h.call(rep.token, 'GET', '/me')).status).toBe(200);
  });

  it('records when a token was last used, writing at most about once a minute', async () => {
    const fresh = await h.call(h.adminToken, 'POST', '/reps/li/tokens', { name: 'usage' });
    const lastUsed = async () => (await h.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', fresh.body.id).executeTakeFirstOrThrow()).last_used_at;
    expect(await lastUsed()).toBeNull();
    expect((await h.call(fresh.body.token, 'GET', '/me')).status).toBe(200);
    const first = await lastUsed();
    expect(Math.abs(first!.getTime() - Date.now())).toBeLessThan(10_000);
    // Within the minute: no write.
    for (let i = 0; i < 3; i++) expect((await h.call(fresh.body.token, 'GET', '/pool')).status).toBe(200);
    expect((await lastUsed())!.getTime()).toBe(first!.getTime());
    // A minute and more later: written again.
    const old = new Date(Date.now() - 90_000);
    await h.db.updateTable('api_tokens').set({ last_used_at: old }).where('id', '=', fresh.body.id).execute();
    expect((await h.call(fresh.body.token, 'GET', '/me')).status).toBe(200);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(old.getTime() + 60_000);
    const shown = (await h.call(h.adminToken, 'GET', '/reps/li/tokens')).body.items.find((t: { id: string }) => t.id === fresh.body.id);
    expect(Date.parse(shown.lastUsedAt)).toBe((await lastUsed())!.getTime());
  });

  it('describes both routes in the OpenAPI document', async () => {
    const doc = (await h.call(null, 'GET', '/openapi.json')).body;
    expect(Object.keys(doc.paths['/reps/{id}/tokens'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.paths['/reps/{id}/tokens/{tokenId}'].delete.responses)).toEqual(expect.arrayContaining(['204', '401', '403', '404']));
  });
});
