// Pools over HTTP on real Postgres: a listed team or rep that is unknown or listed twice is refused
// at its own place in the body, like every list of ids the API takes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ worker: false });
  for (const id of ['pl-a', 'pl-b']) await h.call(h.adminToken, 'POST', '/teams', { id, name: id });
  await h.createRep({ id: 'pl-rep', teamId: 'pl-a' });
  expect((await h.call(h.adminToken, 'POST', '/pools', { id: 'pl-desk', name: 'Desk', openToAll: false, teamIds: ['pl-a'] })).status).toBe(201);
});
afterAll(() => h?.close());

const issues = (res: { body: { error?: { code: string; details?: { issues?: unknown } } } }) => [res.body.error?.code, res.body.error?.details?.issues];

describe('pool names', () => {
  it('calls the shipped default pool 公海 in Chinese while nobody renamed it; a name an admin gave is shown as written', async () => {
    const zh = await h.app.request('/pools', { headers: { authorization: `Bearer ${h.adminToken}`, 'accept-language': 'zh-CN' } });
    const items = ((await zh.json()) as { items: { id: string; name: string }[] }).items;
    expect(items.find((p) => p.id === 'default')?.name).toBe('公海');
    expect(items.find((p) => p.id === 'pl-desk')?.name).toBe('Desk');
    expect((await h.call(h.adminToken, 'GET', '/pools')).body.items.find((p: { id: string }) => p.id === 'default').name).toBe('Public pool');
    // The duplicate look-up names the pool a customer is in the same way.
    await h.createCustomer({ companyName: 'Pool Name Lookup Trading Ltd', assign: false });
    const lookup = await h.app.request(`/customers/lookup?q=${encodeURIComponent('Pool Name Lookup Trading')}`, { headers: { authorization: `Bearer ${h.adminToken}`, 'accept-language': 'zh' } });
    expect(((await lookup.json()) as { matches: { location: { poolName?: string } }[] }).matches[0]?.location.poolName).toBe('公海');
  });
});

describe('pool members', () => {
  it('refuses a team or rep listed twice at the second mention, on create and on change', async () => {
    const cases: [string, string, unknown, string][] = [
      ['POST', '/pools', { name: 'Twice a', teamIds: ['pl-a', 'pl-a'] }, '/teamIds/1'],
      ['POST', '/pools', { name: 'Twice r', repIds: ['pl-rep', 'pl-rep'] }, '/repIds/1'],
      ['PATCH', '/pools/pl-desk', { teamIds: ['pl-b', 'pl-a', 'pl-b'] }, '/teamIds/2'],
      ['PATCH', '/pools/pl-desk', { repIds: ['pl-rep', 'pl-rep'] }, '/repIds/1'],
    ];
    for (const [method, path, body, pointer] of cases) {
      const res = await h.call(h.adminToken, method, path, body);
      expect([method, path, res.status, ...issues(res)]).toEqual([method, path, 400, 'VALIDATION_FAILED', [{ pointer, message: expect.stringMatching(/twice/) }]]);
    }
    expect((await h.call(h.adminToken, 'GET', '/pools')).body.items.find((p: { id: string }) => p.id === 'pl-desk').teamIds).toEqual(['pl-a']);
  });

  it('points at the unknown team or rep itself', async () => {
    const cases: [string, string, unknown, string][] = [
      ['PATCH', '/pools/pl-desk', { repIds: ['nope'] }, '/repIds/0'],
      ['PATCH', '/pools/pl-desk', { teamIds: ['pl-a', 'nope'] }, '/teamIds/1'],
      ['POST', '/pools', { name: 'Unknown', teamIds: ['pl-a'], repIds: ['pl-rep', 'nope'] }, '/repIds/1'],
    ];
    for (const [method, path, body, pointer] of cases) {
      const res = await h.call(h.adminToken, method, path, body);
      expect([method, path, res.status, ...issues(res)]).toEqual([method, path, 400, 'VALIDATION_FAILED', [{ pointer, code: 'unknown', params: expect.objectContaining({ id: 'nope' }), message: expect.stringMatching(/unknown/) }]]);
    }
  });
});

describe('every list of ids', () => {
  it('refuses an id listed twice at the second mention (bulk moves, subscriptions)', async () => {
    const moved = await h.call(h.adminToken, 'POST', '/bulk-moves', { action: 'release', customerIds: ['c-1', 'c-2', 'c-1'] });
    expect([moved.status, ...issues(moved)]).toEqual([400, 'VALIDATION_FAILED', [{ pointer: '/customerIds/2', message: expect.stringMatching(/twice/) }]]);
    const hook = await h.call(h.adminToken, 'POST', '/webhooks', { url: 'https://hooks.example/x', events: ['*', '*'] });
    expect([hook.status, ...issues(hook)]).toEqual([400, 'VALIDATION_FAILED', [{ pointer: '/events/1', message: expect.stringMatching(/twice/) }]]);
  });
});

describe('a pool’s id and name', () => {
  it('refuses an id or a name another pool has with CONFLICT at the field, as teams do, and changes nothing', async () => {
    expect((await h.call(h.adminToken, 'POST', '/pools', { id: 'pl-back', name: 'Back office' })).status).toBe(201);
    const sameId = await h.call(h.adminToken, 'POST', '/pools', { id: 'pl-desk', name: 'Another desk' });
    expect([sameId.status, sameId.body.error.code, sameId.body.error.details?.pointer]).toEqual([409, 'CONFLICT', '/id']);
    expect(sameId.body.error.message).toMatch(/pl-desk/);
    const sameName = await h.call(h.adminToken, 'POST', '/pools', { id: 'pl-desk-2', name: 'Desk' });
    expect([sameName.status, sameName.body.error.code, sameName.body.error.details?.pointer]).toEqual([409, 'CONFLICT', '/name']);
    expect(sameName.body.error.message).toMatch(/Desk/);
    const renamed = await h.call(h.adminToken, 'PATCH', '/pools/pl-back', { name: 'Desk' });
    expect([renamed.status, renamed.body.error.code, renamed.body.error.details?.pointer]).toEqual([409, 'CONFLICT', '/name']);
    const pools = (await h.call(h.adminToken, 'GET', '/pools')).body.items as { id: string; name: string }[];
    expect(pools.find((p) => p.id === 'pl-back')?.name).toBe('Back office');
    expect(pools.find((p) => p.id === 'pl-desk-2')).toBeUndefined();
  });

  it('takes ids and names as one whatever their case, as teams and reps do: CONFLICT at the field, and nothing changes', async () => {
    expect((await h.call(h.adminToken, 'POST', '/pools', { id: 'pl-vip', name: 'VIP desk' })).status).toBe(201);
    const sameId = await h.call(h.adminToken, 'POST', '/pools', { id: 'PL-VIP', name: 'Other VIP desk' });
    expect([sameId.status, sameId.body.error?.code, sameId.body.error?.details?.pointer]).toEqual([409, 'CONFLICT', '/id']);
    const sameName = await h.call(h.adminToken, 'POST', '/pools', { id: 'pl-vip-2', name: 'vip DESK' });
    expect([sameName.status, sameName.body.error?.code, sameName.body.error?.details?.pointer]).toEqual([409, 'CONFLICT', '/name']);
    const renamed = await h.call(h.adminToken, 'PATCH', '/pools/pl-back', { name: 'PUBLIC POOL' });
    expect([renamed.status, renamed.body.error?.code, renamed.body.error?.details?.pointer]).toEqual([409, 'CONFLICT', '/name']);
    const pools = (await h.call(h.adminToken, 'GET', '/pools')).body.items as { id: string; name: string }[];
    expect(pools.filter((p) => p.id.toLowerCase().startsWith('pl-vip')).map((p) => p.id)).toEqual(['pl-vip']);
    expect(pools.find((p) => p.id === 'pl-back')?.name).toBe('Back office');
    // A pool may change the case of its own name.
    expect((await h.call(h.adminToken, 'PATCH', '/pools/pl-vip', { name: 'VIP DESK' })).status).toBe(200);
  });
});

describe('a country as people write it', () => {
  it('reads a code in any case or a name in English or Chinese as the code, on create and in the pool filter, and refuses what names no country at /country', async () => {
    const written = ['de', 'Germany', '德国', ' 德国 '];
    const ids: string[] = [];
    for (const country of written) {
      const made = await h.call(h.adminToken, 'POST', '/customers', { companyName: `Country Reader ${ids.length} Ltd`, country, assign: false });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      expect(made.body.country).toBe('DE');
      ids.push(made.body.id);
    }
    const america = await h.call(h.adminToken, 'POST', '/customers', { companyName: 'Country Reader America Inc', country: '美国', assign: false });
    expect([america.status, america.body.country]).toEqual([201, 'US']);
    for (const filter of ['DE', 'germany', '德国']) {
      const found = await h.call(h.adminToken, 'GET', `/pool?q=${encodeURIComponent('Country Reader')}&country=${encodeURIComponent(filter)}`);
      expect(found.body.items.map((c: { id: string }) => c.id).sort(), filter).toEqual([...ids].sort());
    }
    for (const country of ['Atlantis', 'XX', '']) {
      const refused = await h.call(h.adminToken, 'POST', '/customers', { companyName: 'Nowhere Ltd', country, assign: false });
      expect([refused.status, refused.body.error?.code, refused.body.error?.details.issues.map((i: { pointer: string }) => i.pointer)], country).toEqual([400, 'VALIDATION_FAILED', ['/country']]);
    }
    expect(await h.db.selectFrom('customers').select('id').where('company_name', '=', 'Nowhere Ltd').execute()).toHaveLength(0);
  });
});
