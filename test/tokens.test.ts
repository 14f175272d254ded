// API tokens (admin): listed without their secrets, revoked with immediate effect, unknown tokens
// and reps answered 404 NOT_FOUND, and only admins may list or revoke.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../server/auth/tokens.js';
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
    expect(res.body.items[0]).toEqual({ id: laptop.id, repId: 'li', name: 'laptop', createdAt: expect.any(String), revokedAt: null });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(laptop.token);
    expect(text).not.toContain(hashToken(laptop.token));
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

  it('describes both routes in the OpenAPI document', async () => {
    const doc = (await h.call(null, 'GET', '/openapi.json')).body;
    expect(Object.keys(doc.paths['/reps/{id}/tokens'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.paths['/reps/{id}/tokens/{tokenId}'].delete.responses)).toEqual(expect.arrayContaining(['204', '401', '403', '404']));
  });
});
