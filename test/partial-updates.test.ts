// Partial updates (R13, issue 9 defect 4): every PATCH operation in the OpenAPI document, sent one
// field at a time, changes that field and nothing else, as the API shows it and as it is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness.js';

type Json = Record<string, unknown>;

interface PatchFixture {
  /** A fresh record; its fields hold non-default values (booleans: the one a field patch flips). */
  create(): Promise<string>;
  /** The record as the API shows it. */
  view(id: string): Promise<Json>;
  /** The record as stored: its row, and the rows it owns. */
  stored(id: string): Promise<Json>;
  /**
   * Per body field, in the order they are sent: a valid non-default value that differs from the
   * record's current one, and the stored keys it may change.
   */
  fields: Record<string, { value: unknown; stored: string[] }>;
  /** Keys of the view every change moves (a version, a time of change), besides the field sent. */
  bookkeeping?: string[];
}

let h: Harness;
let fixtures: Record<string, PatchFixture>;
let doc: Json;

beforeAll(async () => {
  h = await createHarness({ worker: false });
  for (const id of ['team-a', 'team-b']) await h.call(h.adminToken, 'POST', '/teams', { id, name: `Team ${id}` });
  const member = await h.createRep({ id: 'member' });
  const other = await h.createRep({ id: 'other-member' });
  // A manager of no team, who joins the team whose manager they are made.
  const nextManager = await h.createRep({ id: 'next-manager', role: 'manager' });
  let seq = 0;

  fixtures = {
    'PATCH /reps/{id}': {
      async create() {
        const id = `patched-${++seq}`;
        const res = await h.call(h.adminToken, 'POST', '/reps', {
          id,
          name: 'Before',
          email: `${id}@test.local`,
          role: 'manager',
          teamId: 'team-a',
          timeZone: 'Asia/Shanghai',
          active: true,
          hiredAt: '2021-02-03',
          tags: ['spanish'],
          mobile: '13800000000',
          wecomUserId: 'before-wecom',
          dingtalkUserId: 'before-ding',
          feishuUserId: 'ou_before',
        });
        expect(res.status).toBe(201);
        return id;
      },
      view: async (id) => (await h.call(h.adminToken, 'GET', `/reps/${id}`)).body,
      stored: async (id) => ({ ...(await h.db.selectFrom('reps').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) }),
      fields: {
        // First, while the rep is active: every later patch must leave it deactivated.
        active: { value: false, stored: ['active'] },
        name: { value: 'After', stored: ['name'] },
        role: { value: 'admin', stored: ['role'] },
        teamId: { value: 'team-b', stored: ['team_id'] },
        timeZone: { value: 'Europe/Berlin', stored: ['time_zone'] },
        hiredAt: { value: '2019-05-01', stored: ['hired_at'] },
        tags: { value: ['senior', 'german'], stored: ['tags'] },
        mobile: { value: '+8613911112222', stored: ['mobile'] },
        wecomUserId: { value: 'after-wecom', stored: ['wecom_user_id'] },
        dingtalkUserId: { value: 'after-ding', stored: ['dingtalk_user_id'] },
        feishuUserId: { value: 'ou_after', stored: ['feishu_user_id'] },
      },
    },
    'PATCH /pools/{id}': {
      async create() {
        const id = `pool-${++seq}`;
        const res = await h.call(h.adminToken, 'POST', '/pools', {
          id,
          name: `Pool ${id}`,
          description: 'Before',
          openToAll: true,
          teamIds: ['team-a'],
          repIds: [member.id],
        });
        expect(res.status).toBe(201);
        return id;
      },
      view: async (id) => (await h.call(h.adminToken, 'GET', '/pools')).body.items.find((p: { id: string }) => p.id === id),
      async stored(id) {
        const row = await h.db.selectFrom('pools').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        const members = await h.db.selectFrom('pool_members').selectAll().where('pool_id', '=', id).execute();
        return {
          ...row,
          teams: members.filter((m) => m.team_id).map((m) => m.team_id).sort(),
          reps: members.filter((m) => m.rep_id).map((m) => m.rep_id).sort(),
        };
      },
      fields: {
        // First, while the pool is open to all: every later patch must leave it closed.
        openToAll: { value: false, stored: ['open_to_all'] },
        name: { value: `Renamed pool ${Date.now()}`, stored: ['name'] },
        description: { value: 'After', stored: ['description'] },
        teamIds: { value: ['team-b'], stored: ['teams'] },
        repIds: { value: [other.id], stored: ['reps'] },
      },
    },
    'PATCH /customers/{id}': {
      async create() {
        const n = ++seq;
        const res = await h.call(h.adminToken, 'POST', '/customers', {
          companyName: `Patched Pumps ${n} GmbH`,
          contactName: 'Before',
          email: `before-${n}@patched.example`,
          phone: `+49 30 100${String(n).padStart(4, '0')}`,
          website: `before-${n}-patched.example`,
          country: 'DE',
          region: 'Berlin',
          source: 'website',
          productLine: 'pumps',
          language: 'de',
          assign: false,
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        return res.body.id;
      },
      view: async (id) => (await h.call(h.adminToken, 'GET', `/customers/${id}`)).body.customer,
      async stored(id) {
        // The similar-names key stands for its four columns (which of them a name moves depends on the name).
        const { name_trades: _t, name_places: _p, name_hanzi: _h, ...row } = await h.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        const identities = await h.db.selectFrom('customer_identities').select(['kind', 'value']).where('customer_id', '=', id).execute();
        return { ...row, identities: identities.map((i) => `${i.kind}:${i.value}`).sort() };
      },
      fields: {
        companyName: { value: `Renamed Valves ${Date.now()} Ltd`, stored: ['company_name', 'name_key', 'identities', 'version'] },
        contactName: { value: 'After', stored: ['contact_name', 'version'] },
        email: { value: `after-${Date.now()}@patched.example`, stored: ['email', 'identities', 'version'] },
        phone: { value: `+49 40 ${Date.now() % 10_000_000}`, stored: ['phone', 'identities', 'version'] },
        website: { value: `after-${Date.now()}-patched.example`, stored: ['website', 'identities', 'version'] },
        // The phone is international: its identity does not depend on the country.
        country: { value: 'AT', stored: ['country', 'version'] },
        region: { value: 'Wien', stored: ['region', 'version'] },
        source: { value: 'trade_show', stored: ['source', 'version'] },
        productLine: { value: 'valves', stored: ['product_line', 'version'] },
        language: { value: 'en', stored: ['language', 'version'] },
      },
      bookkeeping: ['version', 'updatedAt'],
    },
    'PATCH /teams/{id}': {
      async create() {
        const id = `team-${++seq}`;
        const manager = await h.createRep({ id: `${id}-manager`, role: 'manager' });
        const res = await h.call(h.adminToken, 'POST', '/teams', { id, name: `Team ${id}`, managerId: manager.id, language: 'zh' });
        expect(res.status).toBe(201);
        return id;
      },
      view: async (id) => (await h.call(h.adminToken, 'GET', '/teams')).body.items.find((t: { id: string }) => t.id === id),
      stored: async (id) => ({ ...(await h.db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) }),
      fields: {
        name: { value: `Renamed team ${Date.now()}`, stored: ['name'] },
        managerId: { value: nextManager.id, stored: ['manager_id'] },
        language: { value: 'en', stored: ['language'] },
      },
    },
  };
  doc = (await h.call(null, 'GET', '/openapi.json')).body;
}, 120_000);
afterAll(() => h?.close());

function resolve(schema: Json | undefined): Json | undefined {
  const ref = schema?.$ref;
  if (typeof ref !== 'string') return schema;
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (node as Json | undefined)?.[key], doc) as Json | undefined;
}

/** The PATCH operations of the document with their JSON body schemas. */
function patchOperations(): { name: string; body: Json }[] {
  const found: { name: string; body: Json }[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
    const op = item.patch;
    if (!op) continue;
    const content = (op.requestBody as Json | undefined)?.content as Record<string, { schema?: Json }> | undefined;
    found.push({ name: `PATCH ${path}`, body: resolve(content?.['application/json']?.schema) ?? {} });
  }
  return found;
}

/** Every `default` keyword anywhere in a schema, $refs followed, as JSON pointers. */
function defaultsIn(schema: unknown, at = '', seen = new Set<unknown>()): string[] {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return [];
  seen.add(schema);
  const node = resolve(schema as Json) as Json;
  const here = 'default' in node ? [at || '/'] : [];
  return [...here, ...Object.entries(node).flatMap(([k, v]) => (k === 'default' ? [] : defaultsIn(v, `${at}/${k}`, seen)))];
}

const changedKeys = (before: Json, after: Json) =>
  [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();

describe('partial updates', () => {
  it('every PATCH operation is covered here, field by field, and its body documents no defaults', () => {
    const ops = patchOperations();
    expect(ops.map((o) => o.name).sort()).toEqual(Object.keys(fixtures).sort());
    for (const op of ops) {
      expect(Object.keys((op.body.properties as Json | undefined) ?? {}).sort(), op.name).toEqual(Object.keys(fixtures[op.name]!.fields).sort());
      expect(op.body.required ?? [], `${op.name}: a partial update requires nothing`).toEqual([]);
      expect(defaultsIn(op.body), `${op.name}: defaults in the documented body`).toEqual([]);
    }
  });

  it('a one-field body changes that field and nothing else, in the API view and in the database', async () => {
    for (const op of patchOperations()) {
      const fixture = fixtures[op.name]!;
      const id = await fixture.create();
      const url = op.name.replace(/^PATCH /, '').replace('{id}', id);
      for (const [field, { value, stored }] of Object.entries(fixture.fields)) {
        const viewBefore = await fixture.view(id);
        const storedBefore = await fixture.stored(id);
        expect(viewBefore[field], `${op.name} ${field}: the test value must differ from the current one`).not.toEqual(value);

        const res = await h.call(h.adminToken, 'PATCH', url, { [field]: value });
        expect(res.status, `${op.name} {${field}} → ${JSON.stringify(res.body)}`).toBe(200);

        const viewAfter = await fixture.view(id);
        expect(viewAfter[field], `${op.name} {${field}}`).toEqual(value);
        expect(changedKeys(viewBefore, viewAfter).filter((k) => !fixture.bookkeeping?.includes(k)), `${op.name} {${field}} changed the view`).toEqual([field]);
        expect(res.body, `${op.name} {${field}}: the answer is the record as read back`).toEqual(viewAfter);
        const storedChanges = changedKeys(storedBefore, await fixture.stored(id)).filter((k) => k !== 'updated_at');
        expect(storedChanges, `${op.name} {${field}} changed the stored record`).toEqual([...stored].sort());
      }
    }
  });

  it('an empty body changes nothing', async () => {
    for (const op of patchOperations()) {
      const fixture = fixtures[op.name]!;
      const id = await fixture.create();
      const viewBefore = await fixture.view(id);
      const storedBefore = await fixture.stored(id);
      const res = await h.call(h.adminToken, 'PATCH', op.name.replace(/^PATCH /, '').replace('{id}', id), {});
      expect(res.status, `${op.name} {} → ${JSON.stringify(res.body)}`).toBe(200);
      expect(await fixture.view(id), op.name).toEqual(viewBefore);
      expect(changedKeys(storedBefore, await fixture.stored(id)).filter((k) => k !== 'updated_at'), op.name).toEqual([]);
    }
  });
});
