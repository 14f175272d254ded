// Rate limits (issue 9 defect 11): failed authentication per client address and per presented
// token, and imports per client and per token, answered 429 RATE_LIMITED with Retry-After; valid
// requests neither count nor wait. The client address is injected (x-test-client) so one test
// process can act as many clients.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness.js';

let h: Harness;
const WINDOW_MS = 60_000;

beforeAll(async () => {
  h = await createHarness({
    worker: false,
    rateLimits: {
      authFailures: { perClient: 5, perToken: 3, windowMs: WINDOW_MS },
      imports: { perClient: 3, perToken: 2, windowMs: WINDOW_MS },
    },
    clientKey: (c) => c.req.header('x-test-client') ?? 'test',
  });
}, 120_000);
afterAll(() => h?.close());

async function send(client: string, authorization: string | null, path = '/me') {
  const res = await h.app.request(path, { headers: { 'x-test-client': client, ...(authorization ? { authorization } : {}) } });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any };
}
const bearer = (token: string) => `Bearer ${token}`;

function expectLimited(res: Awaited<ReturnType<typeof send>>) {
  expect(res.status, JSON.stringify(res.body)).toBe(429);
  expect(res.body.error.code).toBe('RATE_LIMITED');
  expect(res.body.error.message).toMatch(/try again in \d+ s/);
  const seconds = Number(res.retryAfter);
  expect(Number.isInteger(seconds)).toBe(true);
  expect(seconds).toBeGreaterThan(0);
  expect(seconds).toBeLessThanOrEqual(WINDOW_MS / 1000);
  expect(res.body.error.details.retryAfterSeconds).toBe(seconds);
}

describe('failed authentication', () => {
  it('is limited per client: a burst of bad tokens gets 429 with Retry-After, another client’s valid token still works', async () => {
    for (let i = 0; i < 5; i++) expect((await send('burst', bearer(`hs_guess_${i}`))).status).toBe(401);
    expectLimited(await send('burst', bearer('hs_guess_5')));
    // While limited, the client's requests are refused before any token is looked up.
    expectLimited(await send('burst', bearer(h.adminToken)));
    expect((await send('elsewhere', bearer(h.adminToken))).status).toBe(200);
    expect((await send('elsewhere', bearer('hs_guess_6'))).status).toBe(401);
  });

  it('counts missing and malformed headers per client', async () => {
    for (let i = 0; i < 3; i++) expect((await send('headers', null)).status).toBe(401);
    for (let i = 0; i < 2; i++) expect((await send('headers', `Basic ${i}`)).status).toBe(401);
    expectLimited(await send('headers', null));
  });

  it('is limited per presented token, across clients; the rep’s other tokens keep working', async () => {
    const rep = await h.createRep();
    const revoked = (await h.call(h.adminToken, 'POST', `/reps/${rep.id}/tokens`, { name: 'old' })).body;
    await h.call(h.adminToken, 'DELETE', `/reps/${rep.id}/tokens/${revoked.id}`);
    for (let i = 0; i < 3; i++) expect((await send(`roaming-${i}`, bearer(revoked.token))).status).toBe(401);
    expectLimited(await send('roaming-3', bearer(revoked.token)));
    expect((await send('roaming-4', bearer(rep.token))).status).toBe(200);
  });

  it('counts expired tokens as failures', async () => {
    const rep = await h.createRep();
    const issued = (await h.call(h.adminToken, 'POST', `/reps/${rep.id}/tokens`, { name: 'short', expiresInDays: 1 })).body;
    await h.db.updateTable('api_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', issued.id).execute();
    for (let i = 0; i < 3; i++) expect((await send(`expired-${i}`, bearer(issued.token))).body.error.message).toContain('expired');
    expectLimited(await send('expired-3', bearer(issued.token)));
  });

  it('does not count or slow valid requests, even many at once from one client', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, () => send('busy', bearer(h.adminToken), '/pool')));
    expect(results.map((r) => r.status)).toEqual(Array(40).fill(200));
    for (let i = 0; i < 5; i++) expect((await send('busy', bearer(`hs_typo_${i}`))).status).toBe(401);
    expect((await send('busy', bearer('hs_typo_5'))).status).toBe(429);
  });
});

describe('imports', () => {
  async function upload(client: string, token: string) {
    const form = new FormData();
    form.set('file', new Blob([`Company\nRate Limited ${Math.random()} Ltd\n`]), 'x.csv');
    form.set('assign', 'false');
    const res = await h.app.request('/imports', { method: 'POST', headers: { 'x-test-client': client, authorization: bearer(token) }, body: form });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any };
  }

  it('are limited per token: 429 with Retry-After after the limit; another token from another client still imports', async () => {
    const [a, b] = [await h.createRep(), await h.createRep()];
    for (let i = 0; i < 2; i++) expect((await upload(`importer-${i}`, a.token)).status).toBe(202);
    expectLimited(await upload('importer-2', a.token));
    expect((await upload('importer-3', b.token)).status).toBe(202);
  });

  it('are limited per client, whichever token it uses', async () => {
    const reps = [await h.createRep(), await h.createRep(), await h.createRep(), await h.createRep()];
    for (const rep of reps.slice(0, 3)) expect((await upload('office', rep.token)).status).toBe(202);
    expectLimited(await upload('office', reps[3]!.token));
    expect((await upload('home', reps[3]!.token)).status).toBe(202);
    // Only imports are limited: the same client still reads.
    expect((await send('office', bearer(reps[3]!.token), '/pool')).status).toBe(200);
  });

  it('count every request that starts a job over a whole file: a remapped preview and a commit as an upload', async () => {
    const rep = await h.createRep();
    const first = await upload('remapper', rep.token);
    expect(first.status).toBe(202);
    const remapped = await h.app.request(`/imports/${first.body.id}/remap`, { method: 'POST', headers: { 'x-test-client': 'remapper', authorization: bearer(rep.token), 'content-type': 'application/json' }, body: JSON.stringify({ mapping: { Company: 'companyName' } }) });
    expect(remapped.status).toBe(202);
    const job = ((await remapped.json()) as { id: string }).id;
    // The token's two job starts are spent: a commit is the third.
    const commit = await h.app.request(`/imports/${job}/commit`, { method: 'POST', headers: { 'x-test-client': 'remapper', authorization: bearer(rep.token) } });
    expect(commit.status).toBe(429);
    expect(commit.headers.get('retry-after')).toMatch(/^\d+$/);
    // Reading a job is not a start.
    expect((await send('remapper', bearer(rep.token), `/imports/${job}`)).status).toBe(200);
  });

  it('documents 429 on the import and on authenticated operations', async () => {
    const doc = (await h.call(null, 'GET', '/openapi.json')).body;
    expect(Object.keys(doc.paths['/imports'].post.responses)).toContain('429');
    expect(Object.keys(doc.paths['/me'].get.responses)).toContain('429');
  });
});
