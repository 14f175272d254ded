// Every refusal is a 4xx in the one error shape with a stable code, and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness.js';
import { fastReclaim } from './support/rule-sets.js';

let h: Harness;
let rep: { id: string; token: string };
beforeAll(async () => {
  h = await createHarness({ reclaim: fastReclaim({ firstFollowUp: '10m' }) });
  rep = await h.createRep();
});
afterAll(() => h?.close());

function expectError(res: { status: number; body: any }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.body).toMatchObject({ error: { code, message: expect.any(String), requestId: expect.any(String) } });
  expect(res.body.error.message.length).toBeGreaterThan(10);
}

const counts = async () => {
  const tables = ['customers', 'customer_identities', 'customer_activities', 'ownership_events', 'reps', 'api_tokens', 'cooldowns'] as const;
  const out: Record<string, number> = {};
  for (const t of tables) {
    const r = await h.db.selectFrom(t).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
};

describe('bad request bodies', () => {
  it('a name or a profile field that hides or reverses text, or an e-mail or website that is none, is refused at its field, and nothing is kept', async () => {
    const profile = await h.call(h.adminToken, 'PUT', '/company-profile', { name: '\u202eAcme Trading', email: 'not-an-email', website: 'javascript:alert(1)', address: 'No. 1 Harbour Road\nNingbo' });
    expectError(profile, 400, 'VALIDATION_FAILED');
    expect(profile.body.error.details.issues.map((i: { pointer: string }) => i.pointer).sort()).toEqual(['/email', '/name', '/website']);
    expect((await h.call(h.adminToken, 'GET', '/company-profile')).body.profile.name ?? '').not.toContain('\u202e');
    const team = await h.call(h.adminToken, 'POST', '/teams', { id: 'look-alike', name: 'East\u200b' });
    expectError(team, 400, 'VALIDATION_FAILED');
    expect(team.body.error.details.issues.map((i: { pointer: string }) => i.pointer)).toEqual(['/name']);
    const ok = await h.call(h.adminToken, 'PUT', '/company-profile', { name: 'Acme Trading', email: 'sales@acme.example', website: 'www.acme.example', address: 'No. 1 Harbour Road\nNingbo' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });

  it('a date in a year the database keeps no day of (0000) is refused at its pointer, and a date without its time says what it lacks', async () => {
    const holidays = await h.call(h.adminToken, 'PUT', '/holidays/Y0', { days: [{ day: '2027-01-01', name: 'ok' }, { day: '0000-01-01', name: 'x' }] });
    expectError(holidays, 400, 'VALIDATION_FAILED');
    expect(holidays.body.error.details.issues.map((i: { pointer: string }) => i.pointer)).toEqual(['/days/1/day']);
    const leave = await h.call(h.adminToken, 'POST', `/reps/${rep.id}/leave`, { startsOn: '0000-01-01', endsOn: '0000-01-02' });
    expectError(leave, 400, 'VALIDATION_FAILED');
    expect(leave.body.error.details.issues.map((i: { pointer: string }) => i.pointer).sort()).toEqual(['/endsOn', '/startsOn']);
    expect(leave.body.error.details.issues[0].message).toBe('a date from the year 1900 to 9999');
    const period = await h.call(h.adminToken, 'GET', '/reports/funnel?from=2026-01-01&to=2026-12-31');
    expectError(period, 400, 'VALIDATION_FAILED');
    expect(period.body.error.details.issues.map((i: { pointer: string; message: string }) => [i.pointer, i.message])).toEqual([
      ['/from', expect.stringContaining('such as "2026-12-01T09:00:00+08:00"')],
      ['/to', expect.stringContaining('such as "2026-12-01T09:00:00+08:00"')],
    ]);
    expect(await h.db.selectFrom('holidays').select('day').where('calendar', '=', 'Y0').execute()).toEqual([]);
  });

  it('every body the API takes (JSON or a form) refuses a field it does not name, so a typo is never ignored', async () => {
    type Schema = { $ref?: string; type?: string; additionalProperties?: unknown; anyOf?: Schema[]; oneOf?: Schema[] };
    const doc = (await (await h.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>;
      components: { schemas: Record<string, Schema> };
    };
    const deref = (s: Schema): Schema => (s.$ref ? doc.components.schemas[s.$ref.split('/').pop()!]! : s);
    const seen = new Set<string>();
    const loose: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const [type, { schema }] of Object.entries(op.requestBody?.content ?? {})) {
          const top = deref(schema);
          for (const v of (top.anyOf ?? top.oneOf ?? [top]).map(deref)) {
            if (v.type !== 'object') continue;
            seen.add(type);
            if (v.additionalProperties !== false) loose.push(`${method.toUpperCase()} ${path} (${type})`);
          }
        }
      }
    }
    expect([...seen].sort()).toEqual(['application/json', 'multipart/form-data']);
    expect(loose).toEqual([]);
  });

  it('every GET and DELETE refuses a query parameter it does not name, at its pointer, so a mistyped filter never returns the unfiltered list', async () => {
    const doc = (await (await h.app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    // An identity provider's callback takes the provider's own parameters too.
    const providerCallbacks = new Set(['/auth/{method}/callback', '/auth/{method}/start']);
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => (m === 'get' || m === 'delete') && !providerCallbacks.has(path))
        .map((m) => ({ method: m.toUpperCase(), url: path.replaceAll(/\{[^}]+\}/g, 'x') })),
    );
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(expect.arrayContaining(['GET /imports', 'GET /reps', 'GET /channels', 'GET /teams', 'GET /me/sessions']));
    // Each route asked by a role it serves (a route's role check comes before its query).
    const tokens = [h.adminToken, (await h.createRep({ role: 'manager' })).token, (await h.createRep()).token];
    const before = await counts();
    for (const { method, url } of routes) {
      let res = await h.call(tokens[0]!, method, `${url}?stauts=failed`);
      for (const token of tokens.slice(1)) if (res.status === 403) res = await h.call(token, method, `${url}?stauts=failed`);
      expect([res.status, res.body?.error?.code, res.body?.error?.details?.location], `${method} ${url}`).toEqual([400, 'VALIDATION_FAILED', 'query']);
      // (Beside the issue of a parameter the route requires, such as the look-up's q.)
      expect(res.body.error.details.issues, `${method} ${url}`).toEqual(expect.arrayContaining([expect.objectContaining({ pointer: '/stauts', message: 'unknown field "stauts"' })]));
    }
    expect(await counts()).toEqual(before);
  });

  it("words the server's own issues (past the schema) in the reader's language too, with their codes", async () => {
    const body = { companyName: '!!!', website: 'not a site', poolId: 'no-such-pool' };
    const ask = async (language: string) =>
      ((await (await h.app.request('/customers', { method: 'POST', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/json', 'accept-language': language }, body: JSON.stringify(body) })).json()) as {
        error: { code: string; message: string; details: { issues: { pointer: string; code: string; message: string }[] } };
      }).error;
    const [en, zh] = [await ask('en'), await ask('zh-CN')];
    expect(en.details.issues.map((i) => [i.pointer, i.code])).toEqual([['/companyName', 'company_name_no_letters'], ['/website', 'invalid_website'], ['/poolId', 'unknown']]);
    expect(zh.details.issues.map((i) => [i.pointer, i.code])).toEqual(en.details.issues.map((i) => [i.pointer, i.code]));
    expect(en.message).toBe('Invalid request body: /companyName the company name needs at least one letter or digit (and 2 more)');
    expect(zh.message).toBe('请求体无效：/companyName 公司名称至少需要一个字母或数字（另有 2 处）');
    expect(zh.details.issues.map((i) => i.message)).toEqual(['公司名称至少需要一个字母或数字', '不是网站地址；应类似 acme.com 或 https://www.acme.co.uk', '公海池 "no-such-pool" 不存在']);
  });

  it("words zod's own issues in the reader's language (a schema's own message as written), pointers and codes alike", async () => {
    const body = { companyName: 5, email: 'not-an-email', country: 'DE', grade: 'Z', extra: 1 };
    const ask = (language: string) =>
      h.app.request('/customers', { method: 'POST', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/json', 'accept-language': language }, body: JSON.stringify(body) });
    const en = (await (await ask('en')).json()) as { error: { code: string; message: string; details: { issues: { pointer: string; message: string }[] } } };
    const zh = (await (await ask('zh-CN')).json()) as typeof en;
    expect(en.error.code).toBe('VALIDATION_FAILED');
    expect(zh.error.code).toBe('VALIDATION_FAILED');
    // The same issues at the same pointers.
    expect(zh.error.details.issues.map((i) => i.pointer)).toEqual(en.error.details.issues.map((i) => i.pointer));
    const byPointer = (r: typeof en) => Object.fromEntries(r.error.details.issues.map((i) => [i.pointer, i.message]));
    expect(byPointer(en)).toMatchObject({ '/companyName': 'Invalid input: expected string, received number', '/extra': 'unknown field "extra"' });
    expect(byPointer(zh)).toMatchObject({ '/companyName': '无效输入：期望 string，实际接收 数字', '/extra': '未知字段 "extra"' });
    for (const m of Object.values(byPointer(zh))) expect(m).not.toMatch(/Invalid|expected|unknown field/);
    expect(zh.error.message).toMatch(/^请求体无效：\/\S+ .+（另有 \d+ 处）$/);
    expect(en.error.message).toMatch(/^Invalid request body: \/\S+ .+ \(and \d+ more\)$/);
  });

  it('malformed JSON is MALFORMED_JSON', async () => {
    const cut = await h.call(h.adminToken, 'POST', '/customers', '{"companyName": "x",');
    expectError(cut, 400, 'MALFORMED_JSON');
    // Where it breaks off: the whole body, at its line and column.
    expect(cut.body.error.details).toEqual({ pointer: '', line: 1, column: 21 });
    const twoLines = await h.call(h.adminToken, 'POST', '/customers', '{\n  "companyName": "x" "country": "DE"}');
    expect(twoLines.body.error).toMatchObject({ code: 'MALFORMED_JSON', details: { pointer: '', line: 2, column: 22 } });
    expect(twoLines.body.error.message).toContain('line 2, column 22');
  });

  it('a body that is not JSON is UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await h.app.request('/customers', {
      method: 'POST',
      headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'text/plain' },
      body: 'companyName=x',
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('unknown and wrongly typed fields are listed with a JSON pointer each', async () => {
    const res = await h.call(h.adminToken, 'POST', '/customers', { companyName: 42, grade: 'Z', owner: 'me', country: 'Atlantis' });
    expectError(res, 400, 'VALIDATION_FAILED');
    const pointers = res.body.error.details.issues.map((i: { pointer: string }) => i.pointer).sort();
    expect(pointers).toEqual(['/companyName', '/country', '/grade', '/owner']);
    expect(res.body.error.details.location).toBe('body');
  });

  it('values the schema accepts but cannot be normalised point at their field', async () => {
    const res = await h.call(h.adminToken, 'POST', '/customers', { companyName: '!!!', phone: '12', website: 'not a site', poolId: 'nope' });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.details.issues.map((i: { pointer: string }) => i.pointer).sort()).toEqual(['/companyName', '/phone', '/poolId', '/website']);
  });

  it('a customer field with a line break, a control character or a direction override is refused at its pointer, and nothing is written', async () => {
    const before = (await h.db.selectFrom('customers').select('id').execute()).length;
    for (const [field, value] of [['companyName', 'Acme\nLtd'], ['companyName', '\u202eAcme Ltd'], ['contactName', 'Ann\u2028Lee'], ['region', 'EMEA\tSouth'], ['companyName', 'Acme\u0085Ltd']] as const) {
      const res = await h.call(h.adminToken, 'POST', '/customers', { companyName: 'Control Chars Ltd', [field]: value, assign: false });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.error.details.issues, JSON.stringify(value)).toEqual([expect.objectContaining({ pointer: `/${field}`, message: 'one line of text, without control characters' })]);
    }
    expect((await h.db.selectFrom('customers').select('id').execute()).length).toBe(before);
    // Right-to-left names need no override characters, and are taken as typed.
    expect((await h.call(h.adminToken, 'POST', '/customers', { companyName: 'شركة النور للتجارة', assign: false })).status).toBe(201);
  });

  it('a value outside a union of allowed values (an unknown event type) lists what is allowed', async () => {
    const bodies: [string, Record<string, unknown>][] = [
      ['/webhooks', { url: 'https://hooks.example/x', events: ['customer.assigned', 'customer.exploded'] }],
      ['/channels', { name: 'Sales', kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', events: ['customer.exploded'] }],
    ];
    for (const [path, body] of bodies) {
      const res = await h.call(h.adminToken, 'POST', path, body);
      expectError(res, 400, 'VALIDATION_FAILED');
      const issue = res.body.error.details.issues[0];
      expect(issue.pointer).toBe(path === '/webhooks' ? '/events/1' : '/events/0');
      expect(issue.message).toMatch(/expected one of .*"customer\.assigned".*"\*"/);
      expect(res.body.error.message).toContain('"deadline.warning"');
    }
  });

  it('a follow-up in the future, before the claim or of an unknown kind is refused', async () => {
    const id = await h.createCustomer();
    await h.call(rep.token, 'POST', `/customers/${id}/claim`);
    const future = await h.call(rep.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call', occurredAt: new Date(Date.now() + 86_400_000).toISOString() });
    expectError(future, 400, 'VALIDATION_FAILED');
    expect(future.body.error.details.issues[0].pointer).toBe('/occurredAt');
    // Dated before the claim (the tenure it would count for) or before the customer existed.
    const claimedAt = (await h.customerRow(id)).claimed_at!;
    for (const before of ['1900-01-01T00:00:00Z', new Date(claimedAt.getTime() - 60_000).toISOString()]) {
      const early = await h.call(rep.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call', occurredAt: before });
      expectError(early, 400, 'VALIDATION_FAILED');
      expect(early.body.error.details.issues[0]).toMatchObject({ pointer: '/occurredAt', code: 'before_work' });
      expect(early.body.error.details.issues[0].message).toContain('before the customer was claimed');
    }
    // An inquiry may predate the claim (the buyer's asking is often why the rep claimed it), not the customer.
    const createdAt = (await h.customerRow(id)).created_at;
    const tooEarly = await h.call(rep.token, 'POST', `/customers/${id}/inquiry`, { occurredAt: new Date(createdAt.getTime() - 60_000).toISOString() });
    expect(tooEarly.body.error.details.issues[0]).toMatchObject({ pointer: '/occurredAt', code: 'before_work', message: expect.stringContaining('before the customer was created') });
    expect((await h.customerRow(id)).last_follow_up_at).toBeNull();
    const kind = await h.call(rep.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'telepathy' });
    expectError(kind, 400, 'VALIDATION_FAILED');
    expect(kind.body.error.details.issues[0].pointer).toBe('/kind');
    expect(await h.db.selectFrom('customer_activities').select('id').where('customer_id', '=', id).execute()).toHaveLength(0);
    expect((await h.call(rep.token, 'POST', `/customers/${id}/inquiry`, { occurredAt: new Date(claimedAt.getTime() - 1).toISOString() })).status).toBe(200);
  });

  it("tells a Chinese reader a schema's own message in Chinese (an id, a country), and everyone else in English", async () => {
    const post = (path: string, body: unknown, language: string) =>
      h.app.request(path, { method: 'POST', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/json', 'accept-language': language }, body: JSON.stringify(body) });
    const pool = (await (await post('/pools', { id: '华东公海', name: '华东公海', openToAll: true }, 'zh-CN')).json()) as { error: { details: { issues: { pointer: string; message: string }[] } } };
    expect(pool.error.details.issues[0]).toMatchObject({ pointer: '/id', message: expect.stringMatching(/^ID 只能包含字母、数字/) });
    const customer = (await (await post('/customers', { companyName: 'Country Words Ltd', country: '亚特兰蒂斯', assign: false }, 'zh-CN')).json()) as typeof pool;
    expect(customer.error.details.issues[0]).toMatchObject({ pointer: '/country', message: expect.stringMatching(/^应为国家：两位国家代码/) });
    const en = (await (await post('/pools', { id: '华东公海', name: 'East', openToAll: true }, 'en')).json()) as typeof pool;
    expect(en.error.details.issues[0]!.message).toBe('ids are letters, digits, "_" and "-"');
  });

  it('bad query parameters are refused with their pointer', async () => {
    const res = await h.call(rep.token, 'GET', '/pool?limit=0&grade=Q&colour=red');
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.details.location).toBe('query');
    expect(res.body.error.details.issues.map((i: { pointer: string }) => i.pointer).sort()).toEqual(['/colour', '/grade', '/limit']);
    expectError(await h.call(rep.token, 'GET', '/pool?cursor=garbage'), 400, 'VALIDATION_FAILED');
  });

  it('every paginated list refuses a cursor it did not write at /cursor, before the database sees it', async () => {
    const doc = (await (await h.app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>> };
    const lists = Object.entries(doc.paths).flatMap(([path, ops]) =>
      (ops.get?.parameters ?? []).some((p) => p.in === 'query' && p.name === 'cursor') ? [path.replaceAll(/\{[^}]+\}/g, 'x')] : [],
    );
    expect(lists).toEqual(expect.arrayContaining(['/pool', '/notifications', '/imports', '/me/customers', '/customers/duplicate-pairs']));
    const cursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
    const tampered = [
      cursor(['2026-12-04T21:55:39.121Z', '\u0000']),
      cursor(['2026-12-04T21:55:39.121Z', 'a\ud800']),
      cursor(['2026-12-04T21:55:39.121Z', "x' or '1'='1"]),
      cursor(['+275760-09-13T00:00:00.000Z', 'x']),
      cursor(['-000001-01-01T00:00:00.000Z', 'x']),
      cursor(['2026-12-04', 'x']),
      cursor([1e308, 'a', 'b']),
      cursor({ a: 1 } as never),
      'garbage',
    ];
    // The keyset cursors' refusal carries its code (the import rows' cursor is a row number, refused as one).
    const keyset = await h.call(h.adminToken, 'GET', `/pool?cursor=${tampered[0]}`);
    expect(keyset.body.error.details.issues).toEqual([{ pointer: '/cursor', code: 'invalid_cursor', message: 'invalid cursor' }]);
    const tokens = [h.adminToken, (await h.createRep({ role: 'manager' })).token, (await h.createRep()).token];
    for (const url of lists) {
      for (const c of tampered) {
        let res = await h.call(tokens[0]!, 'GET', `${url}?cursor=${c}`);
        for (const token of tokens.slice(1)) if (res.status === 403) res = await h.call(token, 'GET', `${url}?cursor=${c}`);
        expect([res.status, res.body?.error?.code], `${url} ${Buffer.from(c, 'base64url').toString()}`).toEqual([400, 'VALIDATION_FAILED']);
        expect(res.body.error.details?.issues, `${url} ${JSON.stringify(res.body)}`).toEqual(expect.arrayContaining([expect.objectContaining({ pointer: "/cursor" })]));
      }
    }
  });

  it('a NUL character (which PostgreSQL text cannot hold) is refused where it is, writing nothing', async () => {
    const before = await counts();
    const query = await h.call(rep.token, 'GET', '/pool?source=%00&region=emea');
    expectError(query, 400, 'VALIDATION_FAILED');
    expect(query.body.error.details).toEqual({ location: 'query', issues: [{ pointer: '/source', code: 'text_nul', message: 'contains a NUL character (U+0000)' }] });
    const body = await h.call(h.adminToken, 'POST', '/customers', { companyName: 'Nul\u0000 GmbH', contacts: [{ name: 'ok' }, { name: '\u0000' }] });
    expectError(body, 400, 'VALIDATION_FAILED');
    expect(body.body.error.details.issues.map((i: { pointer: string }) => i.pointer)).toEqual(['/companyName', '/contacts/1/name']);
    const key = await h.call(h.adminToken, 'POST', '/customers', { companyName: 'Key GmbH', 'odd\u0000key': 1 });
    expect(key.body.error.details.issues[0].pointer).toBe('/odd\u0000key');
    expectError(await h.call(rep.token, 'GET', '/customers/a%00b'), 400, 'VALIDATION_FAILED');
    expect(await counts()).toEqual(before);
  });

  /** Sends `bytes` as the body, as they are. */
  const rawBody = async (method: string, url: string, bytes: Uint8Array, type = 'application/json') => {
    const res = await h.app.request(url, { method, headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': type }, body: bytes });
    return { status: res.status, body: (await res.json()) as any };
  };
  const bytesOf = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

  it('a body that is not valid UTF-8 is refused with the byte where it stops being UTF-8, writing nothing', async () => {
    const teams = async () => Number((await h.db.selectFrom('teams').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await teams();
    const profile = await h.db.selectFrom('company_profile').selectAll().execute();
    const cases: [string, string, Uint8Array, number][] = [
      ['POST', '/teams', bytesOf('{"name":"', [0xff, 0xfe], '"}'), 9],
      ['POST', '/pools', bytesOf('{"name":"Pool ', [0xed, 0xa0, 0x80], '"}'), 15],
      ['PUT', '/company-profile', bytesOf('{"name":"Acme', [0xc3], '"}'), 14],
      // Cut short at the end: the unfinished sequence's first byte.
      ['POST', '/teams', bytesOf('{"name":"x"}', [0xe4, 0xb8]), 12],
    ];
    for (const [method, url, bytes, offset] of cases) {
      const res = await rawBody(method, url, bytes);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.error.message).toMatch(new RegExp(`not valid UTF-8 \\(byte ${offset}\\)`));
      expect(res.body.error.details).toMatchObject({ location: 'body', byteOffset: offset, issues: [{ pointer: '', message: `not valid UTF-8 at byte ${offset}` }] });
    }
    expect(await teams()).toBe(before);
    expect(await h.db.selectFrom('company_profile').selectAll().execute()).toEqual(profile);
    // Well-formed UTF-8, U+FFFD itself included, is taken as it is.
    const fine = await rawBody('POST', '/teams', bytesOf('{"name":"广交会 \ufffd team"}'));
    expect(fine.status).toBe(201);
    expect(fine.body.name).toBe('广交会 \ufffd team');
  });

  it('a JSON body declared in a charset other than UTF-8 is UNSUPPORTED_MEDIA_TYPE', async () => {
    for (const charset of ['utf-16', 'UTF-16LE', '"iso-8859-1"', 'gbk']) {
      const res = await rawBody('POST', '/teams', bytesOf('{"name":"charset team"}'), `application/json; charset=${charset}`);
      expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(res.body.error.message).toMatch(/UTF-8/);
    }
    // (Team names are one whatever their case: each its own number.)
    for (const [i, charset] of ['utf-8', 'UTF-8', 'utf8'].entries()) {
      const res = await rawBody('POST', '/teams', bytesOf(`{"name":"charset ${charset} team ${i}"}`), `application/json; charset=${charset}`);
      expect(res.status).toBe(201);
    }
  });

  it('every command that takes no body refuses a malformed or unexpected one, and accepts none, an empty one or {}', async () => {
    const doc = (await h.call(null, 'GET', '/openapi.json')).body as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
    const bodyless = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).flatMap(([method, op]) => (['post', 'put', 'patch'].includes(method) && !op.requestBody ? [{ method: method.toUpperCase(), url: path.replaceAll(/\{[^}]+\}/g, 'x') }] : [])),
    );
    expect(bodyless.map((o) => `${o.method} ${o.url}`)).toEqual(expect.arrayContaining(['POST /notifications/read-all', 'POST /customers/x/claim', 'POST /auth/sign-out']));
    const before = await counts();
    const unread = async () => Number((await h.db.selectFrom('notifications').select((eb) => eb.fn.countAll<string>().as('n')).where('read_at', 'is', null).executeTakeFirstOrThrow()).n);
    const unreadBefore = await unread();
    for (const { method, url } of bodyless) {
      const malformed = await h.call(h.adminToken, method, url, '{"a":');
      expect(malformed.body?.error?.code, `${method} ${url}`).toBe('MALFORMED_JSON');
      const unexpected = await h.call(h.adminToken, method, url, { a: 1 });
      expect(unexpected.body?.error?.code, `${method} ${url}`).toBe('VALIDATION_FAILED');
      expect(unexpected.body.error.message).toMatch(/takes no body; send none or \{\}/);
      for (const body of [undefined, '', ' {} ']) {
        const fine = await h.call(h.adminToken, method, url, body);
        expect(['MALFORMED_JSON', 'VALIDATION_FAILED'].includes(fine.body?.error?.code) && fine.body.error.details?.location === 'body', `${method} ${url} ${body}`).toBe(false);
      }
    }
    expect(await counts()).toEqual(before);
    expect(await unread()).toBe(unreadBefore);
  });

  it('every command whose body is optional takes an empty body sent as JSON as none, as a body-less command does', async () => {
    const doc = (await h.call(null, 'GET', '/openapi.json')).body as { paths: Record<string, Record<string, { requestBody?: { required?: boolean } }>> };
    const optional = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).flatMap(([method, op]) => (['post', 'put', 'patch'].includes(method) && op.requestBody && !op.requestBody.required ? [{ method: method.toUpperCase(), url: path.replaceAll(/\{[^}]+\}/g, 'x') }] : [])),
    );
    expect(optional.map((o) => `${o.method} ${o.url}`)).toEqual(expect.arrayContaining(['POST /customers/x/release', 'POST /imports/x/commit']));
    const before = await counts();
    for (const { method, url } of optional) {
      for (const body of ['', '  ']) {
        const res = await h.call(h.adminToken, method, url, body);
        expect(res.body?.error?.code, `${method} ${url} ${JSON.stringify(body)}`).not.toBe('MALFORMED_JSON');
      }
    }
    expect(await counts()).toEqual(before);
  });

  it('every pattern in the OpenAPI document is an ECMAScript regex with the u flag, without a flag suffix', async () => {
    const doc = (await h.call(null, 'GET', '/openapi.json')).body;
    const patterns: string[] = [];
    const walk = (node: unknown) => {
      if (node === null || typeof node !== 'object') return;
      for (const [k, v] of Object.entries(node)) (k === 'pattern' && typeof v === 'string' ? patterns.push(v) : walk(v));
    };
    walk(doc);
    expect(patterns.length).toBeGreaterThan(0);
    expect(patterns).toContain('^[\\p{L}\\p{N}_:.-]+$');
    for (const p of patterns) {
      expect(() => new RegExp(p, 'u'), p).not.toThrow();
      expect(p, p).not.toMatch(/(^|[^\\])(\\\\)*\/[dgimsuvy]+$/);
    }
  });

  it('an oversized body is PAYLOAD_TOO_LARGE', async () => {
    const res = await h.call(h.adminToken, 'POST', '/customers', { companyName: 'x'.repeat(2 * 1024 * 1024) });
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('none of these wrote anything', async () => {
    const before = await counts();
    await h.call(h.adminToken, 'POST', '/customers', '{oops');
    await h.call(h.adminToken, 'POST', '/customers', { companyName: 1 });
    await h.call(h.adminToken, 'POST', '/reps', { name: 'x', email: 'not-an-email' });
    await h.call(h.adminToken, 'POST', '/reps', { name: 'x', email: 'x@y.z', teamId: 'no-such-team' });
    await h.call(h.adminToken, 'POST', '/reps/nobody/tokens', {});
    expect(await counts()).toEqual(before);
  });
});

describe('unknown ids and refused commands', () => {
  it('unknown customers and reps are NOT_FOUND', async () => {
    expectError(await h.call(rep.token, 'GET', '/customers/does-not-exist'), 404, 'NOT_FOUND');
    expectError(await h.call(rep.token, 'POST', '/customers/does-not-exist/claim'), 404, 'NOT_FOUND');
    expectError(await h.call(rep.token, 'POST', '/customers/does-not-exist/follow-ups', { kind: 'call' }), 404, 'NOT_FOUND');
    expectError(await h.call(rep.token, 'POST', '/customers/does-not-exist/release'), 404, 'NOT_FOUND');
    expectError(await h.call(h.adminToken, 'GET', '/reps/nobody'), 404, 'NOT_FOUND');
    expectError(await h.call(h.adminToken, 'PATCH', '/reps/nobody', { tags: ['x'] }), 404, 'NOT_FOUND');
    // A time zone typed in another case is stored as the zone's own name.
    const zone = await h.call(h.adminToken, 'PATCH', `/reps/${rep.id}`, { timeZone: 'asia/shanghai' });
    expect([zone.status, zone.body.timeZone]).toEqual([200, 'Asia/Shanghai']);
    // A tag listed twice, as any list the API takes, at its second place.
    const twice = await h.call(h.adminToken, 'PATCH', `/reps/${rep.id}`, { tags: ['a', 'b', 'a'] });
    expectError(twice, 400, 'VALIDATION_FAILED');
    expect(twice.body.error.details.issues[0].pointer).toBe('/tags/2');
    expectError(await h.call(h.adminToken, 'POST', '/reps/nobody/tokens', {}), 404, 'NOT_FOUND');
    expectError(await h.call(rep.token, 'GET', '/no/such/route'), 404, 'ROUTE_NOT_FOUND');
    expectError(await h.call(rep.token, 'GET', '/customers/bad%20id!'), 400, 'VALIDATION_FAILED');
  });

  it('claiming an owned customer is CUSTOMER_OWNED, saying whose it is', async () => {
    const other = await h.createRep();
    const id = await h.createCustomer();
    await h.call(rep.token, 'POST', `/customers/${id}/claim`);
    const mine = await h.call(rep.token, 'POST', `/customers/${id}/claim`);
    expectError(mine, 409, 'CUSTOMER_OWNED');
    expect(mine.body.error.details.ownedByYou).toBe(true);
    const theirs = await h.call(other.token, 'POST', `/customers/${id}/claim`);
    expectError(theirs, 409, 'CUSTOMER_OWNED');
    expect(theirs.body.error.details.ownedByYou).toBe(false);
  });

  it('a claim over the private cap is CAP_REACHED with cap and count, and the customer stays in the pool', async () => {
    const capped = await h.createRep({ privateCap: 1 });
    const first = await h.createCustomer();
    const second = await h.createCustomer();
    expect((await h.call(capped.token, 'POST', `/customers/${first}/claim`)).status).toBe(200);
    const res = await h.call(capped.token, 'POST', `/customers/${second}/claim`);
    expectError(res, 409, 'CAP_REACHED');
    expect(res.body.error.details).toMatchObject({ cap: 1, count: 1, kind: 'private', rule: { name: 'caps-1-100-10' } });
    expect(res.body.error.message).toMatch(/caps rule "caps-1-100-10"/);
    expect((await h.customerRow(second)).status).toBe('pool');
  });

  it('a claim by an inactive rep is REP_INACTIVE', async () => {
    const leaving = await h.createRep();
    expect((await h.call(h.adminToken, 'PATCH', `/reps/${leaving.id}`, { active: false })).status).toBe(200);
    expectError(await h.call(leaving.token, 'POST', `/customers/${await h.createCustomer()}/claim`), 403, 'REP_INACTIVE');
  });

  it('a duplicate customer is DUPLICATE_CUSTOMER with the existing id, matched on every kind of identity', async () => {
    const original = await h.call(h.adminToken, 'POST', '/customers', {
      companyName: 'Shenzhen Bright Lighting Co., Ltd.',
      email: 'Sales@BrightLight.cn',
      phone: '+86 755 8888 1234',
      website: 'https://www.brightlight.cn/en/',
      country: 'CN',
    });
    expect(original.status).toBe(201);
    const tries = [
      { companyName: 'SHENZHEN BRIGHT LIGHTING CO LTD' },
      { companyName: 'Other name', email: 'sales@brightlight.cn' },
      { companyName: 'Other name 2', phone: '0755 8888 1234', country: 'CN' },
      { companyName: 'Other name 3', website: 'brightlight.cn' },
    ];
    for (const [i, body] of tries.entries()) {
      const res = await h.call(h.adminToken, 'POST', '/customers', body);
      expectError(res, 409, 'DUPLICATE_CUSTOMER');
      expect(res.body.error.details.existingId).toBe(original.body.id);
      expect(res.body.error.details.matchedOn).toEqual([['name', 'email', 'phone', 'domain'][i]]);
    }
  });

  it("a duplicate the creator may not open is DUPLICATE_CUSTOMER without its id (another rep's customer, a pool closed to them)", async () => {
    const owner = await h.createRep();
    const other = await h.createRep();
    const owned = await h.call(owner.token, 'POST', '/customers', { companyName: 'Private Lighting GmbH', email: 'buyer@private-lighting.example', claim: true });
    expect(owned.status).toBe(201);
    expect((await h.call(h.adminToken, 'POST', '/pools', { id: 'dup-closed', name: 'Closed', openToAll: false, teamIds: [], repIds: [] })).status).toBe(201);
    const closed = await h.call(h.adminToken, 'POST', '/customers', { companyName: 'Closed Desk Trading', assign: false, poolId: 'dup-closed' });
    expect(closed.status).toBe(201);
    for (const [body, id] of [
      [{ companyName: 'Anything', email: 'buyer@private-lighting.example' }, owned.body.id],
      [{ companyName: 'CLOSED DESK TRADING' }, closed.body.id],
    ] as const) {
      const res = await h.call(other.token, 'POST', '/customers', body);
      expectError(res, 409, 'DUPLICATE_CUSTOMER');
      expect(res.body.error.details).toMatchObject({ existingId: null, visibility: 'restricted' });
      expect(JSON.stringify(res.body)).not.toContain(id);
      // Whoever may open it gets its id.
      expect((await h.call(h.adminToken, 'POST', '/customers', body)).body.error.details.existingId).toBe(id);
    }
  });

  it('refuses a hire date more than a year ahead or before 1950 at /hiredAt, on create and on change', async () => {
    for (const hiredAt of ['9999-12-31', '1949-12-31', `${new Date().getUTCFullYear() + 2}-01-01`]) {
      const made = await h.call(h.adminToken, 'POST', '/reps', { name: 'Hired', email: `hired-${hiredAt}@test.local`, hiredAt });
      expect([hiredAt, made.status, made.body.error?.details?.issues?.[0]?.pointer]).toEqual([hiredAt, 400, '/hiredAt']);
      const changed = await h.call(h.adminToken, 'PATCH', `/reps/${rep.id}`, { hiredAt });
      expect([hiredAt, changed.status, changed.body.error?.details?.issues?.[0]?.pointer]).toEqual([hiredAt, 400, '/hiredAt']);
    }
    expect((await h.call(h.adminToken, 'POST', '/reps', { name: 'Hired', email: 'hired-ok@test.local', hiredAt: '1990-05-01' })).status).toBe(201);
  });

  it('a duplicate rep e-mail is DUPLICATE_REP', async () => {
    expectError(await h.call(h.adminToken, 'POST', '/reps', { name: 'Again', email: `${rep.id}@test.local` }), 409, 'DUPLICATE_REP');
  });

  it('a rep made or invited without an id gets a readable one from their e-mail, counted when taken', async () => {
    const first = await h.call(h.adminToken, 'POST', '/reps', { name: '王芳', email: 'Wang.Fang@east.example' });
    expect([first.status, first.body.id]).toEqual([201, 'wang-fang']);
    const second = await h.call(h.adminToken, 'POST', '/reps', { name: '王芳', email: 'wang.fang@west.example' });
    expect([second.status, second.body.id]).toEqual([201, 'wang-fang-2']);
    const invited = await h.call(h.adminToken, 'POST', '/invitations', { rep: { name: '王芳', email: 'wang_fang+sales@south.example' } });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    expect(invited.body.repId).toBe('wang_fang-sales');
    // Nothing of the address can be an id: one is generated.
    const chinese = await h.call(h.adminToken, 'POST', '/reps', { name: '李伟', email: '--@north.example' });
    expect(chinese.status, JSON.stringify(chinese.body)).toBe(201);
    expect(chinese.body.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('an invitation names neither an existing rep nor a new one: refused as such, in the reader’s language, at /repId', async () => {
    const send = async (body: unknown, language = 'en') =>
      (await (await h.app.request('/invitations', { method: 'POST', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/json', 'accept-language': language }, body: JSON.stringify(body) })).json()) as any;
    const neither = await send({});
    expect(neither.error.code).toBe('VALIDATION_FAILED');
    expect(neither.error.details.issues).toEqual([expect.objectContaining({ pointer: '/repId', message: 'give repId (an existing rep) or rep (a new one)' })]);
    expect(neither.error.message).not.toMatch(/not both/);
    expect((await send({}, 'zh')).error.details.issues[0].message).toMatch(/[\u4e00-\u9fff]/);
    const both = await send({ repId: rep.id, rep: { name: 'Both', email: 'both-ways@test.local' } });
    expect(both.error.details.issues).toEqual([expect.objectContaining({ pointer: '/repId', message: 'give repId or rep, not both' })]);
    expect((await send({ repId: rep.id, rep: { name: 'Both', email: 'both-ways@test.local' } }, 'zh')).error.details.issues[0].message).toMatch(/[\u4e00-\u9fff]/);
    expect((await h.call(h.adminToken, 'GET', '/reps')).body.items.some((r: { email: string }) => r.email === 'both-ways@test.local')).toBe(false);
  });

  it('a duplicate rep id or e-mail is DUPLICATE_REP at the field that conflicts, whether made or invited', async () => {
    const sameId = await h.call(h.adminToken, 'POST', '/reps', { id: rep.id, name: 'Again', email: 'unused-dup-id@test.local' });
    expectError(sameId, 409, 'DUPLICATE_REP');
    expect(sameId.body.error.details).toEqual({ pointer: '/id', id: rep.id });
    expect(sameId.body.error.message).toContain(rep.id);
    const otherCase = await h.call(h.adminToken, 'POST', '/reps', { id: rep.id.toUpperCase(), name: 'Again', email: 'unused-dup-case@test.local' });
    expectError(otherCase, 409, 'DUPLICATE_REP');
    expect(otherCase.body.error.details).toEqual({ pointer: '/id', id: rep.id.toUpperCase() });
    const sameEmail = await h.call(h.adminToken, 'POST', '/reps', { id: 'unused-dup-rep', name: 'Again', email: `${rep.id.toUpperCase()}@test.local` });
    expectError(sameEmail, 409, 'DUPLICATE_REP');
    expect(sameEmail.body.error.details).toMatchObject({ pointer: '/email' });
    const invitedId = await h.call(h.adminToken, 'POST', '/invitations', { rep: { id: rep.id, name: 'Again', email: 'unused-dup-inv@test.local' } });
    expectError(invitedId, 409, 'DUPLICATE_REP');
    expect(invitedId.body.error.details).toMatchObject({ pointer: '/rep/id' });
    const invitedEmail = await h.call(h.adminToken, 'POST', '/invitations', { rep: { name: 'Again', email: `${rep.id}@test.local` } });
    expectError(invitedEmail, 409, 'DUPLICATE_REP');
    expect(invitedEmail.body.error.details).toMatchObject({ pointer: '/rep/email' });
    expect((await h.call(h.adminToken, 'GET', '/reps/unused-dup-rep')).status).toBe(404);
  });
});

describe('authentication and roles', () => {
  it('a missing, malformed, unknown or revoked token is UNAUTHENTICATED', async () => {
    expectError(await h.call(null, 'GET', '/pool'), 401, 'UNAUTHENTICATED');
    const basic = await h.app.request('/pool', { headers: { authorization: 'Basic abc' } });
    expect(basic.status).toBe(401);
    expectError(await h.call('hs_not-a-real-token', 'GET', '/pool'), 401, 'UNAUTHENTICATED');
    const revoked = await h.createRep();
    await h.db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('rep_id', '=', revoked.id).execute();
    expectError(await h.call(revoked.token, 'GET', '/pool'), 401, 'UNAUTHENTICATED');
  });

  it('every protected route refuses a request without a token', async () => {
    const routes: [string, string][] = [
      ['GET', '/me'], ['GET', '/reps'], ['POST', '/reps'], ['GET', '/reps/x'], ['PATCH', '/reps/x'], ['POST', '/reps/x/tokens'],
      ['GET', '/teams'], ['POST', '/teams'], ['POST', '/customers'], ['GET', '/customers/x'], ['GET', '/pool'],
      ['GET', '/me/customers'], ['GET', '/reps/x/customers'], ['POST', '/customers/x/claim'],
      ['POST', '/customers/x/follow-ups'], ['POST', '/customers/x/release'],
      ['GET', '/me/sessions'], ['DELETE', '/me/sessions/x'], ['POST', '/me/sessions/revoke-all'], ['POST', '/me/password'],
      ['POST', '/invitations'], ['POST', '/reps/x/password-reset'], ['POST', '/reps/x/unlock'], ['GET', '/auth/audit'],
    ];
    for (const [method, path] of routes) {
      const res = await h.call(null, method, path, method === 'GET' ? undefined : {});
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    // Public: liveness, readiness and the API description.
    expect((await h.call(null, 'GET', '/health')).status).toBe(200);
    expect((await h.call(null, 'GET', '/openapi.json')).status).toBe(200);
    expect((await h.call(null, 'GET', '/docs')).status).toBe(200);
  });

  it('admin-only routes refuse reps and managers with FORBIDDEN', async () => {
    const manager = await h.createRep({ role: 'manager' });
    for (const token of [rep.token, manager.token]) {
      expectError(await h.call(token, 'POST', '/reps', { name: 'x', email: 'x@x.io' }), 403, 'FORBIDDEN');
      expectError(await h.call(token, 'PATCH', `/reps/${rep.id}`, { tags: ['boss'] }), 403, 'FORBIDDEN');
      expectError(await h.call(token, 'POST', `/reps/${rep.id}/tokens`, {}), 403, 'FORBIDDEN');
      expectError(await h.call(token, 'POST', '/teams', { name: 'x' }), 403, 'FORBIDDEN');
    }
    expectError(await h.call(rep.token, 'GET', '/reps'), 403, 'FORBIDDEN');
    expect((await h.call(h.adminToken, 'GET', `/reps/${rep.id}`)).body.caps).toMatchObject({ privateMax: 50, rule: { name: 'everyone else' } });
  });

  it('admins do not claim customers (they own none), and a create that asks to claim writes nothing', async () => {
    expectError(await h.call(h.adminToken, 'POST', `/customers/${await h.createCustomer()}/claim`), 403, 'FORBIDDEN');
    expectError(await h.call(h.adminToken, 'POST', '/customers', { companyName: 'Admin Claim Trading', email: 'desk@admin-claim.example', claim: true }), 403, 'FORBIDDEN');
    expect(await h.db.selectFrom('customers').select('id').where('company_name', '=', 'Admin Claim Trading').executeTakeFirst()).toBeUndefined();
    // Without "claim" the same create succeeds: the refusal left no duplicate behind.
    expect((await h.call(h.adminToken, 'POST', '/customers', { companyName: 'Admin Claim Trading', email: 'desk@admin-claim.example', assign: false })).status).toBe(201);
  });
});

describe('visibility (R9)', () => {
  it("a rep sees the pool and their own customers in full, another rep's customer only as owned", async () => {
    await h.call(h.adminToken, 'POST', '/teams', { id: 'team-vis', name: 'Visibility team' });
    const manager = await h.createRep({ role: 'manager', teamId: 'team-vis' });
    const owner = await h.createRep({ teamId: 'team-vis' });
    const outsider = await h.createRep();
    const outsiderManager = await h.createRep({ role: 'manager' });
    const id = await h.createCustomer({ email: `buyer-${Date.now()}@vis.example`, contactName: 'Ms Buyer' });

    expect((await h.call(outsider.token, 'GET', `/customers/${id}`)).body.customer.email).toMatch(/@vis\.example$/);
    await h.call(owner.token, 'POST', `/customers/${id}/claim`);

    const own = await h.call(owner.token, 'GET', `/customers/${id}`);
    expect(own.body.customer).toMatchObject({ visibility: 'full', contactName: 'Ms Buyer' });
    expect(own.body.history.length).toBe(1);

    const restricted = await h.call(outsider.token, 'GET', `/customers/${id}`);
    expect(restricted.status).toBe(200);
    expect(restricted.body).toEqual({ visibility: 'restricted', id, companyName: expect.any(String), country: 'DE', status: 'owned' });
    expect((await h.call(outsiderManager.token, 'GET', `/customers/${id}`)).body.visibility).toBe('restricted');

    expect((await h.call(manager.token, 'GET', `/customers/${id}`)).body.customer.contactName).toBe('Ms Buyer');
    expect((await h.call(h.adminToken, 'GET', `/customers/${id}`)).body.customer.contactName).toBe('Ms Buyer');

    // Lists: a rep's own list, and another rep's list only for their manager or an admin.
    expect((await h.call(owner.token, 'GET', '/me/customers')).body.items.map((c: { id: string }) => c.id)).toContain(id);
    expect((await h.call(manager.token, 'GET', `/reps/${owner.id}/customers`)).status).toBe(200);
    expectError(await h.call(outsider.token, 'GET', `/reps/${owner.id}/customers`), 404, 'NOT_FOUND');
    expectError(await h.call(outsiderManager.token, 'GET', `/reps/${owner.id}/customers`), 404, 'NOT_FOUND');
    // The pool lists only pool customers.
    const pool = await h.call(outsider.token, 'GET', '/pool?limit=200');
    expect(pool.body.items.map((c: { id: string }) => c.id)).not.toContain(id);
  });
});

describe('the pool list', () => {
  it('filters and pages through every pool customer exactly once', async () => {
    const region = `r-${Date.now()}`;
    const ids = new Set<string>();
    for (let i = 0; i < 7; i++) ids.add(await h.createCustomer({ region, grade: i % 2 ? 'A' : 'B', source: 'alibaba' }));
    await h.createCustomer({ region: 'elsewhere' });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: any } = await h.call(rep.token, 'GET', `/pool?region=${region}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((c: { id: string }) => c.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...ids].sort());

    const gradeA = await h.call(rep.token, 'GET', `/pool?region=${region}&grade=A&source=alibaba`);
    expect(gradeA.body.items).toHaveLength(3);
    const byName = await h.call(rep.token, 'GET', `/pool?q=${encodeURIComponent('%')}`);
    expect(byName.status).toBe(200);
    expect(byName.body.items).toHaveLength(0);
  });
});
