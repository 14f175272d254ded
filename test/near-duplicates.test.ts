// The duplicate look-up for reps (查重) and near-duplicate company names (issue 14 §2, §3), on real
// Postgres and Temporal: where each match is (pool claimable or why not, owned by a named rep with
// nothing else of it, won, merged → the survivor), the per-rep rate limit and audit, similar names
// on create, and the admins' pairs with dismissal and merge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness.js';

let h: Harness;
const LOOKUPS_PER_MINUTE = 12;

beforeAll(async () => {
  h = await createHarness({ rateLimits: { lookups: { perRep: LOOKUPS_PER_MINUTE, windowMs: 60_000 } } });
}, 120_000);
afterAll(() => h?.close());

const lookup = (token: string, q: string) => h.call(token, 'GET', `/customers/lookup?q=${encodeURIComponent(q)}`);
const create = (body: Record<string, unknown>) => h.call(h.adminToken, 'POST', '/customers', { assign: false, ...body });

describe('GET /customers/lookup', () => {
  it('a pool customer: claimable by the rep, with its id; or why not (cap reached, pool closed), with no id for a closed pool', async () => {
    const rep = await h.createRep({ privateCap: 1 });
    const open = (await create({ companyName: 'Qingdao Haibin Marine Hardware Co., Ltd.', email: 'sales@haibin-marine.example' })).body;
    let res = await lookup(rep.token, 'Qingdao Haibin Marine Hardware Co., Ltd.');
    expect(res.status).toBe(200);
    expect(res.body.readAs).toEqual(['name']);
    expect(res.body.matches).toEqual([
      { companyName: 'Qingdao Haibin Marine Hardware Co., Ltd.', matchedOn: ['name'], score: null, mergedInto: null, location: { status: 'pool', poolId: 'default', poolName: 'Public pool', claimable: true, refusal: null, customerId: open.id } },
    ]);
    // By e-mail too, and the private pool full: not claimable, and why.
    const other = await h.createCustomer();
    expect((await h.call(rep.token, 'POST', `/customers/${other}/claim`)).status).toBe(200);
    res = await lookup(rep.token, 'SALES@haibin-marine.example');
    expect(res.body.readAs).toEqual(['email']);
    // With the claim's own details, so the UI words it as it words the claim's refusal.
    expect(res.body.matches[0].location).toMatchObject({ status: 'pool', claimable: false, refusal: { code: 'CAP_REACHED', details: { count: 1, cap: 1 } }, customerId: open.id });

    const pool = await h.call(h.adminToken, 'POST', '/pools', { id: 'vip-east', name: 'VIP East', openToAll: false, teamIds: [], repIds: [] });
    expect(pool.status).toBe(201);
    const closed = (await create({ companyName: 'Harbin Northstar Tractor Parts Co., Ltd.', poolId: 'vip-east' })).body;
    res = await lookup(rep.token, 'Harbin Northstar Tractor Parts');
    expect(res.body.matches).toHaveLength(1);
    expect(res.body.matches[0].location).toEqual({ status: 'pool', poolId: 'vip-east', poolName: 'VIP East', claimable: false, refusal: { code: 'POOL_CLOSED', message: expect.stringContaining('vip-east'), details: { poolId: 'vip-east' } } });
    expect(JSON.stringify(res.body)).not.toContain(closed.id);
  });

  it("another rep's customer: owned by that named rep, and nothing else of it (no id, contacts or history)", async () => {
    const owner = await h.createRep();
    const asker = await h.createRep();
    const c = (await create({ companyName: 'Foshan Lianxing Ceramics Co., Ltd.', contactName: 'Ms. Chen Li', email: 'chen.li@lianxing.example', phone: '+86 757 8123 4567', website: 'https://www.lianxing.example' })).body;
    expect((await h.call(owner.token, 'POST', `/customers/${c.id}/claim`)).status).toBe(200);
    await h.call(owner.token, 'POST', `/customers/${c.id}/follow-ups`, { kind: 'email', note: 'sent price list' });
    for (const q of ['Foshan Lianxing Ceramics', 'chen.li@lianxing.example', '+86 757 8123 4567', 'lianxing.example']) {
      const res = await lookup(asker.token, q);
      expect(res.status, q).toBe(200);
      expect(res.body.matches, q).toEqual([
        { companyName: 'Foshan Lianxing Ceramics Co., Ltd.', matchedOn: [expect.any(String)], score: null, mergedInto: null, location: { status: 'owned', owner: { id: owner.id, name: expect.any(String) }, yours: false } },
      ]);
      const text = JSON.stringify(res.body);
      for (const secret of [c.id, 'Chen Li', 'chen.li@', '8123', 'www.lianxing', 'price list']) {
        if (q.includes(secret)) continue;
        expect(text, `${q} leaks ${secret}`).not.toContain(secret);
      }
      expect(Object.keys(res.body.matches[0])).toEqual(['companyName', 'matchedOn', 'score', 'mergedInto', 'location']);
    }
    // The owner sees it as theirs, with the id.
    const mine = await lookup(owner.token, 'Foshan Lianxing Ceramics');
    expect(mine.body.matches[0].location).toEqual({ status: 'owned', owner: { id: owner.id, name: expect.any(String) }, yours: true, customerId: c.id });
  });

  it('a won customer, and a merged one as the customer it was merged into', async () => {
    const rep = await h.createRep();
    const won = (await create({ companyName: 'Xiamen Bluewave Outdoor Products Co., Ltd.' })).body;
    await h.db.updateTable('customers').set({ status: 'won', owner_id: rep.id, won_at: new Date() }).where('id', '=', won.id).execute();
    const asker = await h.createRep();
    let res = await lookup(asker.token, 'Xiamen Bluewave Outdoor Products');
    expect(res.body.matches[0].location).toEqual({ status: 'won', owner: { id: rep.id, name: expect.any(String) }, yours: false });

    const survivor = (await create({ companyName: 'Ningbo Goldenport Stationery Co., Ltd.' })).body;
    const absorbed = (await create({ companyName: 'Yuyao Brightpen Office Supplies Factory', email: 'info@brightpen.example' })).body;
    expect((await h.call(h.adminToken, 'POST', `/customers/${absorbed.id}/merge`, { into: survivor.id })).status).toBe(200);
    for (const q of ['Yuyao Brightpen Office Supplies Factory', 'Brightpen Office Supplies']) {
      res = await lookup(asker.token, q);
      expect(res.body.matches, q).toHaveLength(1);
      expect(res.body.matches[0], q).toMatchObject({
        companyName: 'Yuyao Brightpen Office Supplies Factory',
        mergedInto: 'Ningbo Goldenport Stationery Co., Ltd.',
        location: { status: 'pool', claimable: true, customerId: survivor.id },
      });
    }
    // Its e-mail moved to the survivor with the merge.
    res = await lookup(asker.token, 'info@brightpen.example');
    expect(res.body.matches[0]).toMatchObject({ companyName: 'Ningbo Goldenport Stationery Co., Ltd.', matchedOn: ['email'], location: { customerId: survivor.id } });
  });

  it('finds similar names, Chinese and English, at most 10 matches', async () => {
    const zh = (await create({ companyName: '深圳市艾克美贸易有限公司' })).body;
    const rep = await h.createRep();
    const res = await lookup(rep.token, 'Shenzhen Aikemei Trading Co., Ltd.');
    expect(res.body.matches).toEqual([expect.objectContaining({ companyName: '深圳市艾克美贸易有限公司', matchedOn: ['similar_name'], score: 1, location: expect.objectContaining({ customerId: zh.id }) })]);
    for (let i = 0; i < 12; i++) await create({ companyName: `Tianjin Evergreen Valve ${String.fromCharCode(65 + i)}${String.fromCharCode(65 + i)} Co., Ltd.` });
    const many = await lookup(rep.token, 'Tianjin Evergreen Valve Co., Ltd.');
    expect(many.body.matches.length).toBeLessThanOrEqual(10);
    expect(many.body.truncated).toBe(true);
  });

  it('refuses hostile and empty queries with 400, never 5xx', async () => {
    const rep = await h.createRep();
    for (const q of ['', 'a', 'x'.repeat(201)]) expect((await lookup(rep.token, q)).status).toBe(400);
    for (const q of ["'; drop table customers; --", '%%%___', '\\\\', '＠＠', '+++', '...', '(((', '𝔄𝔠𝔪𝔢 😀']) {
      const res = await lookup(rep.token, q);
      expect(res.status, q).toBe(200);
    }
  });

  it('is rate-limited per rep (429 RATE_LIMITED with Retry-After) and audited per rep; admins read the audit', async () => {
    const rep = await h.createRep();
    const other = await h.createRep();
    for (let i = 0; i < LOOKUPS_PER_MINUTE; i++) expect((await lookup(rep.token, `Probe Company ${i}`)).status).toBe(200);
    const res = await h.app.request(`/customers/lookup?q=${encodeURIComponent('one more')}`, { headers: { authorization: `Bearer ${rep.token}` } });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await res.json()) as any).error.code).toBe('RATE_LIMITED');
    // Another token of the same rep is the same rep.
    const second = await h.call(h.adminToken, 'POST', `/reps/${rep.id}/tokens`, {});
    expect((await lookup(second.body.token, 'still me')).status).toBe(429);
    expect((await lookup(other.token, 'Probe Company 1')).status).toBe(200);

    const rows = await h.db.selectFrom('customer_lookups').selectAll().where('rep_id', '=', rep.id).orderBy('at').execute();
    expect(rows).toHaveLength(LOOKUPS_PER_MINUTE);
    expect(rows[0]).toMatchObject({ query: 'Probe Company 0', kinds: ['name'], matches: 0 });
    expect((await h.call(rep.token, 'GET', '/customers/lookup/audit')).status).toBe(403);
    const audit = await h.call(h.adminToken, 'GET', `/customers/lookup/audit?repId=${rep.id}&limit=5`);
    expect(audit.status).toBe(200);
    expect(audit.body.items).toHaveLength(5);
    expect(audit.body.items[0]).toMatchObject({ repId: rep.id, query: `Probe Company ${LOOKUPS_PER_MINUTE - 1}`, readAs: ['name'], matches: 0 });
    const next = await h.call(h.adminToken, 'GET', `/customers/lookup/audit?repId=${rep.id}&limit=5&cursor=${audit.body.nextCursor}`);
    expect(next.body.items[0].query).toBe(`Probe Company ${LOOKUPS_PER_MINUTE - 6}`);
  });
});

describe('near-duplicates', () => {
  it('lists customers with similar names on create (never refused), and remembers the pair', async () => {
    const first = (await create({ companyName: 'Shenzhen Acme Trading Co., Ltd.' })).body;
    const second = await create({ companyName: 'Acme Trading (Shenzhen) Limited' });
    expect(second.status).toBe(201);
    expect(second.body.possibleDuplicates).toEqual([{ customerId: first.id, companyName: 'Shenzhen Acme Trading Co., Ltd.', score: 1 }]);
    const unrelated = await create({ companyName: 'Hamburg Elbe Logistik GmbH' });
    expect(unrelated.body.possibleDuplicates).toEqual([]);
    const pair = await h.db.selectFrom('duplicate_pairs').selectAll().where('customer_a', 'in', [first.id, second.body.id]).executeTakeFirstOrThrow();
    expect([pair.customer_a, pair.customer_b].sort()).toEqual([first.id, second.body.id].sort());
  });

  it('admins list likely pairs by score, dismiss one, merge another; a rescan finds pairs and keeps dismissals', async () => {
    const a = (await create({ companyName: 'Wenzhou Starlight Shoes Co., Ltd.' })).body;
    const b = (await create({ companyName: 'Starlight Shoes (Wenzhou) Limited' })).body;
    const c = (await create({ companyName: 'Hangzhou Greenleaf Textile Co., Ltd.' })).body;
    const d = (await create({ companyName: 'Hangzhou Green Leaf Textiles Limited' })).body;
    const rep = await h.createRep();
    expect((await h.call(rep.token, 'GET', '/customers/duplicate-pairs')).status).toBe(403);
    const all: any[] = [];
    for (let cursor: string | null = null, n = 0; n < 50; n++) {
      const page: any = await h.call(h.adminToken, 'GET', `/customers/duplicate-pairs?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      all.push(...page.body.items);
      cursor = page.body.nextCursor;
      if (!cursor) break;
    }
    const scores = all.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    const has = (x: string, y: string) => all.some((p) => [p.a.id, p.b.id].sort().join() === [x, y].sort().join());
    expect(has(a.id, b.id) && has(c.id, d.id)).toBe(true);

    expect((await h.call(h.adminToken, 'POST', '/customers/duplicate-pairs/dismissals', { customerIds: [b.id, a.id] })).status).toBe(200);
    expect((await h.call(h.adminToken, 'POST', '/customers/duplicate-pairs/dismissals', { customerIds: [a.id, a.id] })).status).toBe(400);
    expect((await h.call(h.adminToken, 'POST', `/customers/${d.id}/merge`, { into: c.id })).status).toBe(200);
    const scan = await h.call(h.adminToken, 'POST', '/customers/duplicate-pairs/scan');
    expect(scan.status).toBe(202);
    expect(scan.body.status).toBe('running');
    const done = await h.waitFor(async () => {
      const state = await h.call(h.adminToken, 'GET', '/customers/duplicate-pairs/scan');
      return state.body.status === 'completed' && state.body;
    });
    expect(done.customers).toBeGreaterThan(4);
    expect(done.pairs).toBeGreaterThan(0);
    expect((await h.call(rep.token, 'POST', '/customers/duplicate-pairs/scan')).status).toBe(403);
    const after = await h.call(h.adminToken, 'GET', '/customers/duplicate-pairs?limit=200');
    const ids = after.body.items.map((p: any) => [p.a.id, p.b.id].sort().join());
    expect(ids).not.toContain([a.id, b.id].sort().join());
    expect(ids).not.toContain([c.id, d.id].sort().join());
  });
});
