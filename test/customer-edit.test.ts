// Changing a customer's details (PATCH /customers/{id}): only the fields sent, null clears one; the
// identities move with the values (another customer's e-mail is a duplicate, a freed one is free);
// who may change what; the history tells the change; bad input changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness.js';

let h: Harness;
let owner: { id: string; token: string };
let mate: { id: string; token: string };
let other: { id: string; token: string };
let manager: { id: string; token: string };

beforeAll(async () => {
  h = await createHarness();
  await h.call(h.adminToken, 'POST', '/teams', { id: 'edit-a', name: 'Edit A' });
  await h.call(h.adminToken, 'POST', '/teams', { id: 'edit-b', name: 'Edit B' });
  manager = await h.createRep({ role: 'manager', teamId: 'edit-a' });
  await h.db.updateTable('teams').set({ manager_id: manager.id }).where('id', '=', 'edit-a').execute();
  owner = await h.createRep({ teamId: 'edit-a' });
  mate = await h.createRep({ teamId: 'edit-a' });
  other = await h.createRep({ teamId: 'edit-b' });
}, 120_000);
afterAll(() => h?.close());

async function owned(fields: Record<string, unknown> = {}) {
  const id = await h.createCustomer({ assign: false, ...fields });
  const claim = await h.call(owner.token, 'POST', `/customers/${id}/claim`);
  expect(claim.status, JSON.stringify(claim.body)).toBe(200);
  return id;
}

describe("changing a customer's details", () => {
  it('changes only the fields sent, clears a field sent as null, bumps the version once and tells the history', async () => {
    const id = await owned({ companyName: 'Rheinwerk Pumpen GmbH', contactName: 'Anna Berg', email: 'anna@rheinwerk.example', phone: '+49 30 1234567', region: 'Berlin' });
    const before = (await h.call(owner.token, 'GET', `/customers/${id}`)).body.customer;
    const res = await h.call(owner.token, 'PATCH', `/customers/${id}`, { phone: '+49 30 7654321', region: null });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ ...before, phone: '+49 30 7654321', region: null, version: before.version + 1, updatedAt: expect.any(String) });
    // The same values again: nothing changes, not even the version.
    const again = await h.call(owner.token, 'PATCH', `/customers/${id}`, { phone: '+49 30 7654321' });
    expect(again.body.version).toBe(before.version + 1);

    const history = async (lang: string) => {
      const r = await h.app.request(`/customers/${id}`, { headers: { authorization: `Bearer ${owner.token}`, 'accept-language': lang } });
      return ((await r.json()) as { history: { kind: string; note: string | null; repId: string }[] }).history.filter((e) => e.kind === 'details_changed');
    };
    expect((await history('en')).map((e) => [e.note, e.repId])).toEqual([['Details changed: phone +49 30 1234567 → +49 30 7654321; region Berlin → (empty)', owner.id]]);
    expect((await history('zh-CN')).map((e) => e.note)).toEqual(['修改了资料：电话 +49 30 1234567 → +49 30 7654321；区域 Berlin → （空）']);
  });

  it('moves the identities with the values: the old e-mail is free for another customer, the new one refuses a duplicate', async () => {
    const id = await owned({ email: 'old@hafen.example', website: 'hafen-trading.example' });
    expect((await h.call(owner.token, 'PATCH', `/customers/${id}`, { email: 'new@hafen.example' })).status).toBe(200);
    // The old address no longer names this customer; the new one does.
    expect((await h.call(h.adminToken, 'POST', '/customers', { companyName: 'Someone Else Ltd', email: 'old@hafen.example', assign: false })).status).toBe(201);
    const dup = await h.call(h.adminToken, 'POST', '/customers', { companyName: 'Another One Ltd', email: 'NEW@hafen.example', assign: false });
    expect([dup.status, dup.body.error.code, dup.body.error.details.existingId]).toEqual([409, 'DUPLICATE_CUSTOMER', id]);

    // Taking another customer's website is refused, and nothing of the request is written.
    const rival = await h.createCustomer({ website: 'https://www.rival-trade.example/about', assign: false });
    const before = await h.customerRow(id);
    const taken = await h.call(owner.token, 'PATCH', `/customers/${id}`, { contactName: 'Jan', website: 'rival-trade.example' });
    expect([taken.status, taken.body.error.code, taken.body.error.details.matchedOn]).toEqual([409, 'DUPLICATE_CUSTOMER', ['domain']]);
    // The rival is a pool customer open to the owner: named by its id.
    expect(taken.body.error.details.existingId).toBe(rival);
    expect(await h.customerRow(id)).toEqual(before);
    const identities = await h.db.selectFrom('customer_identities').select(['kind', 'value']).where('customer_id', '=', id).orderBy('kind').execute();
    expect(identities).toEqual(expect.arrayContaining([{ kind: 'email', value: 'new@hafen.example' }, { kind: 'domain', value: 'hafen-trading.example' }]));
    expect(identities.some((i) => i.value === 'old@hafen.example')).toBe(false);
  });

  it('renames: the company name is checked like a create, and the similar-names key follows', async () => {
    const id = await owned({ companyName: 'Old Name Trading Co' });
    const existing = await h.createCustomer({ companyName: 'Lindenhof Maschinenbau GmbH', assign: false });
    const dup = await h.call(owner.token, 'PATCH', `/customers/${id}`, { companyName: 'LINDENHOF MASCHINENBAU GMBH' });
    expect([dup.status, dup.body.error.code, dup.body.error.details.existingId]).toEqual([409, 'DUPLICATE_CUSTOMER', existing]);
    const renamed = await h.call(owner.token, 'PATCH', `/customers/${id}`, { companyName: 'Sonnenfeld Solar Technik GmbH' });
    expect(renamed.body.companyName).toBe('Sonnenfeld Solar Technik GmbH');
    const row = await h.customerRow(id);
    expect(row.name_key).not.toBe((await h.db.selectFrom('customers').select('name_key').where('id', '=', existing).executeTakeFirstOrThrow()).name_key);
    expect(row.name_key).toContain('sonnenfeld');
  });

  it('refuses bad input with a pointer and changes nothing', async () => {
    const id = await owned({ phone: '+49 30 555000' });
    const before = await h.customerRow(id);
    const cases: [unknown, string][] = [
      [{ companyName: null }, '/companyName'],
      [{ companyName: '   ' }, '/companyName'],
      [{ email: 'not an address' }, '/email'],
      [{ phone: 'call me' }, '/phone'],
      [{ country: 'Atlantis' }, '/country'],
      [{ contactName: 'A\u0000B' }, '/contactName'],
      [{ contactName: 'Lone \ud800 surrogate' }, '/contactName'],
      [{ status: 'won' }, '/status'],
      [{ ownerId: other.id }, '/ownerId'],
      [{ region: 'x'.repeat(61) }, '/region'],
    ];
    for (const [body, pointer] of cases) {
      const res = await h.call(owner.token, 'PATCH', `/customers/${id}`, body);
      expect([res.status, res.body.error.code], JSON.stringify(body)).toEqual([400, 'VALIDATION_FAILED']);
      expect(res.body.error.details.issues.map((i: { pointer: string }) => i.pointer), JSON.stringify(body)).toContain(pointer);
    }
    expect(await h.customerRow(id)).toEqual(before);
  });

  it('lets the owner, a collaborator, the team manager and admins change an owned customer; another rep, no; a pool customer: managers and admins', async () => {
    const id = await owned();
    expect((await h.call(owner.token, 'POST', `/customers/${id}/collaborators`, { repId: mate.id })).status).toBe(201);
    for (const [who, token] of [['owner', owner.token], ['collaborator', mate.token], ['manager', manager.token], ['admin', h.adminToken]] as const) {
      const res = await h.call(token, 'PATCH', `/customers/${id}`, { contactName: `Set by ${who}` });
      expect(res.status, who).toBe(200);
    }
    const refused = await h.call(other.token, 'PATCH', `/customers/${id}`, { contactName: 'Sneaky' });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'NOT_OWNER']);
    expect((await h.customerRow(id)).contact_name).toBe('Set by admin');

    const pooled = await h.createCustomer({ assign: false });
    const byRep = await h.call(owner.token, 'PATCH', `/customers/${pooled}`, { contactName: 'Rep' });
    expect([byRep.status, byRep.body.error.code]).toEqual([403, 'NOT_OWNER']);
    expect((await h.call(manager.token, 'PATCH', `/customers/${pooled}`, { contactName: 'Manager' })).status).toBe(200);
    expect((await h.call(owner.token, 'GET', `/customers/${pooled}`)).body.actions).not.toContain('edit');
    expect((await h.call(owner.token, 'GET', `/customers/${id}`)).body.actions).toContain('edit');
    expect((await h.call(other.token, 'PATCH', '/customers/no-such-customer', { contactName: 'x' })).status).toBe(404);
    expect((await h.call(null, 'PATCH', `/customers/${id}`, { contactName: 'x' })).status).toBe(401);
  });

  it('refuses a merged customer: its survivor is the one to change', async () => {
    const survivor = await owned();
    const absorbed = await owned();
    const merged = await h.call(h.adminToken, 'POST', `/customers/${absorbed}/merge`, { into: survivor });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    const res = await h.call(h.adminToken, 'PATCH', `/customers/${absorbed}`, { contactName: 'x' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect((await h.customerRow(absorbed)).contact_name).toBeNull();
  });

  it('two changes of one customer at once: both land, one after the other, each version once', async () => {
    const id = await owned();
    const before = await h.customerRow(id);
    const [a, b] = await Promise.all([
      h.call(owner.token, 'PATCH', `/customers/${id}`, { region: 'Nord' }),
      h.call(manager.token, 'PATCH', `/customers/${id}`, { source: 'trade_show' }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const after = await h.customerRow(id);
    expect([after.region, after.source, after.version]).toEqual(['Nord', 'trade_show', before.version + 2]);
  });
});
