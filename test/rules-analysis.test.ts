// Analysis over the API: POST /rule-sets/validate answers a valid grading rule set with its gap and
// its shadowed rule as warnings, in the caller's language, at the line of the source text that
// wrote them (or at their JSON pointer), with the decision table; warnings block neither saving
// nor publishing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationReport } from '../schemas/rule-sets-api.js';
import { createHarness, type Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ worker: false });
});
afterAll(() => h?.close());

const source = `decision grading
hit policy first

rule "Samples: A" priority 90
  when customer.stage = "sample"
  then grade A reason "samples sent"

rule "Late samples: B" priority 50
  when customer.stage = "sample" and customer.expectedCloseDays > 100
  then grade B

rule "Close within 3 months: B" priority 40
  when customer.expectedCloseDays <= 90
  then grade B
`;

async function validate(language: string, body: unknown) {
  const res = await h.app.request('/rule-sets/validate', {
    method: 'POST',
    headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/json', 'accept-language': language },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('analysis warnings on validate', () => {
  it('reports the gap and the shadowed rule of source text in English, at their lines', async () => {
    const res = await validate('en-US,en;q=0.9', { format: 'dsl', source });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ valid: true, issues: [] });
    expect(res.body.warnings).toEqual([
      {
        pointer: '/rules/1',
        code: 'analysis.shadowed',
        message: 'Rule "Late samples: B" can never fire: "Samples: A" comes first and covers every case it covers',
        line: 8,
        column: 6,
        endLine: 8,
        endColumn: 23,
      },
      {
        pointer: '/rules',
        code: 'analysis.gap',
        message: 'No rule for customer.stage != "sample" and 91 <= customer.expectedCloseDays; then: The grade stays as it is.',
        line: 1,
        column: 10,
        endLine: 1,
        endColumn: 17,
      },
    ]);
  });

  it('says the same in Chinese', async () => {
    const res = await validate('zh-CN,zh;q=0.9', { format: 'dsl', source });
    expect(res.body.warnings.map((w: any) => [w.code, w.line, w.message])).toEqual([
      ['analysis.shadowed', 8, '规则 "Late samples: B" 永远不会触发：排在它前面的 "Samples: A" 已覆盖它的所有情况'],
      ['analysis.gap', 1, '没有规则适用于 customer.stage（跟进阶段） != "sample" 且 91 <= customer.expectedCloseDays（预计成交天数）；此时：等级保持不变。'],
    ]);
  });

  it('gives a JSON document its warnings by pointer, and its decision table', async () => {
    const doc = (await validate('en', { format: 'dsl', source })).body.document;
    const res = await validate('en', { document: doc });
    expect(res.body.warnings.map((w: any) => [w.pointer, w.code, w.line])).toEqual([
      ['/rules/1', 'analysis.shadowed', undefined],
      ['/rules', 'analysis.gap', undefined],
    ]);
    // The answer is what the OpenAPI document says (warnings and table included).
    expect(ValidationReport.strict().parse(res.body)).toEqual(res.body);
    expect(res.body.table).toEqual({
      decision: 'grading',
      hitPolicy: 'first',
      columns: {
        conditions: [
          { fact: 'customer', path: '$.stage', operator: 'equal', type: 'string' },
          { fact: 'customer', path: '$.expectedCloseDays', operator: 'greaterThan', type: 'number' },
          { fact: 'customer', path: '$.expectedCloseDays', operator: 'lessThanInclusive', type: 'number' },
        ],
        outputs: [
          { type: 'grade', param: 'grade' },
          { type: 'grade', param: 'reason' },
        ],
      },
      rows: [
        { index: 0, name: 'Samples: A', priority: 90, cells: [{ value: 'sample' }, null, null], event: 'grade', outputs: [{ value: 'A' }, { value: 'samples sent' }] },
        { index: 1, name: 'Late samples: B', priority: 50, cells: [{ value: 'sample' }, { value: 100 }, null], event: 'grade', outputs: [{ value: 'B' }, null] },
        { index: 2, name: 'Close within 3 months: B', priority: 40, cells: [null, null, { value: 90 }], event: 'grade', outputs: [{ value: 'B' }, null] },
      ],
    });
  });

  it('answers an invalid document with no warnings and no table', async () => {
    const res = await validate('en', { document: { decision: 'grading', hitPolicy: 'first', rules: [{ conditions: { all: [] }, event: { type: 'nope' } }] } });
    expect(res.body).toMatchObject({ valid: false, warnings: [] });
    expect(res.body.table).toBeUndefined();
  });

  it('lets a rule set with warnings be saved and published', async () => {
    const draft = await h.call(h.adminToken, 'POST', '/rule-sets', { format: 'dsl', source });
    expect(draft.status).toBe(201);
    const published = await h.call(h.adminToken, 'POST', `/rule-sets/${draft.body.id}/publish`, {});
    expect(published.status).toBe(200);
  });
});

describe('the reps, teams and pools a rule set names', () => {
  const assign = (target: string) =>
    `decision assignment\nhit policy first\n\nrule "Germany" priority 10\n  when customer.country = "DE"\n  then assign ${target}\n\nrule "Everyone else"\n  when always\n  then assign pool default\n`;
  const columnOf = (source: string, text: string) => source.split('\n')[5]!.indexOf(text) + 1;

  beforeAll(async () => {
    await h.call(h.adminToken, 'POST', '/teams', { id: 'dach', name: 'DACH' });
    await h.createRep({ id: 'li-wei' });
    await h.createRep({ id: 'chen' });
    await h.call(h.adminToken, 'PATCH', '/reps/chen', { active: false });
  });

  it('refuses an unknown rep, team or pool at its line and column when validating and saving, with the id meant', async () => {
    const cases: [string, string, string, string][] = [
      ['rep "li-wie" strategy direct', '"li-wie"', 'rules.unknown-rep', '没有 ID 为 "li-wie" 的业务员（是不是要写 "li-wei"？）；规则只能指定已存在的业务员'],
      ['team dahc', 'dahc', 'rules.unknown-team', '没有 ID 为 "dahc" 的团队（是不是要写 "dach"？）；规则只能指定已存在的团队'],
      ['pool emea', 'emea', 'rules.unknown-pool', '没有 ID 为 "emea" 的公海；规则只能指定已存在的公海'],
    ];
    for (const [target, id, code, zh] of cases) {
      const source = assign(target);
      const res = await validate('zh-CN', { format: 'dsl', source });
      expect(res.body).toMatchObject({ valid: false, warnings: [] });
      expect(res.body.issues).toEqual([{ pointer: '/source', code, message: zh, line: 6, column: columnOf(source, id), endLine: 6, endColumn: columnOf(source, id) + id.length }]);
      const saved = await h.call(h.adminToken, 'POST', '/rule-sets', { format: 'dsl', source });
      expect(saved.status).toBe(400);
      expect(saved.body.error.details.issues[0]).toMatchObject({ code, line: 6 });
    }
    const fixed = await validate('en', { format: 'dsl', source: assign('rep "li-wei" strategy direct') });
    expect(fixed.body).toMatchObject({ valid: true, issues: [] });
  });

  it('refuses to publish a stored draft that names a pool that does not exist', async () => {
    const draft = await h.call(h.adminToken, 'POST', '/rule-sets', { format: 'dsl', source: assign('team dach') });
    expect(draft.status).toBe(201);
    const stored = structuredClone(draft.body.document);
    stored.rules[1].event.params.pool = 'gone';
    await h.db.updateTable('rule_sets').set({ document: JSON.stringify(stored) }).where('id', '=', draft.body.id).execute();
    const res = await h.call(h.adminToken, 'POST', `/rule-sets/${draft.body.id}/publish`, {});
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues).toEqual([expect.objectContaining({ pointer: '/rules/1/event/params/pool', code: 'rules.unknown-pool' })]);
    expect((await h.call(h.adminToken, 'GET', `/rule-sets/${draft.body.id}`)).body.status).toBe('draft');
  });

  it('refuses to roll back to a version that names a rep, team or pool deleted since, as a publish refuses it; a deactivated rep does not stop it', async () => {
    await h.call(h.adminToken, 'POST', '/teams', { id: 'benelux', name: 'Benelux' });
    await h.call(h.adminToken, 'POST', '/pools', { id: 'nordics', name: 'Nordics', openToAll: true });
    await h.db.insertInto('reps').values({ id: 'gone-rep', name: 'Gone', email: 'gone@test.local', role: 'rep', team_id: null, created_at: new Date(), updated_at: new Date() }).execute();
    await h.createRep({ id: 'wang' });
    const publish = async (source: string) => {
      const draft = await h.call(h.adminToken, 'POST', '/rule-sets', { format: 'dsl', source });
      expect(draft.status).toBe(201);
      expect((await h.call(h.adminToken, 'POST', `/rule-sets/${draft.body.id}/publish`, {})).status).toBe(200);
      return draft.body.version as number;
    };
    const named = await publish(
      'decision assignment\nhit policy first\n\nrule "DE" priority 10\n  when customer.country = "DE"\n  then assign rep "gone-rep" strategy direct\n\n' +
        'rule "NL" priority 5\n  when customer.country = "NL"\n  then assign team benelux\n\nrule "Everyone else"\n  when always\n  then assign pool nordics\n',
    );
    const byWang = await publish(assign('rep wang strategy direct'));
    const current = await publish(assign('team dach'));
    await h.db.deleteFrom('reps').where('id', '=', 'gone-rep').execute();
    await h.db.deleteFrom('teams').where('id', '=', 'benelux').execute();
    await h.db.deleteFrom('pools').where('id', '=', 'nordics').execute();
    await h.call(h.adminToken, 'PATCH', '/reps/wang', { active: false });
    const versions = async () => (await h.call(h.adminToken, 'GET', '/rule-sets?decision=assignment')).body.items.map((r: { version: number; status: string }) => [r.version, r.status]);
    const before = await versions();

    const rollback = (version: number, language: string) =>
      h.app.request('/decisions/assignment/rollback', { method: 'POST', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/json', 'accept-language': language }, body: JSON.stringify({ version }) });
    const refused = await rollback(named, 'en');
    expect(refused.status).toBe(400);
    const { error } = (await refused.json()) as { error: { code: string; details: { location: string; issues: { pointer: string; code: string }[] } } };
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.location).toBe('document');
    expect(error.details.issues.map((i) => [i.pointer, i.code])).toEqual([
      ['/rules/0/event/params/rep', 'rules.unknown-rep'],
      ['/rules/1/event/params/team', 'rules.unknown-team'],
      ['/rules/2/event/params/pool', 'rules.unknown-pool'],
    ]);
    const zh = (await (await rollback(named, 'zh-CN')).json()) as { error: { details: { issues: { message: string }[] } } };
    expect(zh.error.details.issues[2]!.message).toBe('没有 ID 为 "nordics" 的公海；规则只能指定已存在的公海');
    // Nothing changed: the current version stays published, no version was added.
    expect(await versions()).toEqual(before);
    expect(before.find(([, status]: [number, string]) => status === 'published')).toEqual([current, 'published']);

    // A deactivated rep is a warning when publishing, not a refusal; so when rolling back.
    const back = await rollback(byWang, 'en');
    expect(back.status).toBe(200);
    expect(((await back.json()) as { published: { rolledBackFrom: string | null } }).published.rolledBackFrom).not.toBeNull();
  });

  it('warns of a deactivated rep, at the line that names them, and lets the rule set be saved and published', async () => {
    const source = assign('rep chen strategy direct');
    const res = await validate('en', { format: 'dsl', source });
    expect(res.body).toMatchObject({ valid: true, issues: [] });
    expect(res.body.warnings).toContainEqual({
      pointer: '/rules/0/event/params/rep',
      code: 'analysis.inactive-rep',
      message: 'Rep "chen" is deactivated: until reactivated they get no customers and cannot act on approvals, though this rule names them',
      line: 6,
      column: columnOf(source, 'chen'),
      endLine: 6,
      endColumn: columnOf(source, 'chen') + 4,
    });
    const draft = await h.call(h.adminToken, 'POST', '/rule-sets', { format: 'dsl', source });
    expect(draft.status).toBe(201);
    expect((await h.call(h.adminToken, 'POST', `/rule-sets/${draft.body.id}/publish`, {})).status).toBe(200);
  });
});
