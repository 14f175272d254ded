// Test cases gate publishing: a decision's cases (facts in, expected outcome out) are written by
// admins with their facts checked, pinned from a real customer's decision, kept with a history of
// who changed what, run by validation and refuse a publish while one fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRuleSets } from '../rules/defaults/index.js';
import { shippedTestCases } from '../rules/test-cases/shipped.js';
import type { RuleSetDocument } from '../schemas/rule-set.js';
import { installDefaultRuleSets } from '../server/rules/defaults.js';
import { createHarness, type Harness } from './support/harness.js';

let h: Harness;
let rep: { id: string; token: string };
let manager: { id: string; token: string };
beforeAll(async () => {
  h = await createHarness();
  rep = await h.createRep();
  manager = await h.createRep({ role: 'manager' });
});
afterAll(() => h?.close());

const shippedGrading = defaultRuleSets.grading as RuleSetDocument;
/** The shipped grading with "within 1 month" shortened to 20 days. */
const shortened = (days: number): RuleSetDocument => ({
  ...shippedGrading,
  rules: shippedGrading.rules.map((r) =>
    r.name === 'Close within 1 month: A' ? { ...r, conditions: { all: [{ fact: 'customer', path: '$.expectedCloseDays', operator: 'lessThanInclusive', value: days }] } } : r,
  ),
});

const monthCase = {
  name: '25 days to close: A',
  facts: { customer: { expectedCloseDays: 25, noDemand: false, stage: 'follow_up', grade: 'C' } },
  expected: { fired: [{ name: 'Close within 1 month: A', params: { grade: 'A' } }] },
};

describe('rule test cases', () => {
  let caseId: string;

  it('lets admins add a case, managers read it, and refuses reps every write with 403', async () => {
    const added = await h.call(h.adminToken, 'POST', '/decisions/grading/test-cases', monthCase);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ decision: 'grading', name: monthCase.name, facts: monthCase.facts, expected: monthCase.expected, createdBy: 'admin' });
    caseId = added.body.id;

    const listed = await h.call(manager.token, 'GET', '/decisions/grading/test-cases');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((c: { name: string }) => c.name)).toEqual([monthCase.name]);

    expect((await h.call(rep.token, 'POST', '/decisions/grading/test-cases', { ...monthCase, name: 'by a rep' })).status).toBe(403);
    expect((await h.call(rep.token, 'PUT', `/decisions/grading/test-cases/${caseId}`, monthCase)).status).toBe(403);
    expect((await h.call(rep.token, 'DELETE', `/decisions/grading/test-cases/${caseId}`)).status).toBe(403);
    expect((await h.call(manager.token, 'POST', '/decisions/grading/test-cases', { ...monthCase, name: 'by a manager' })).status).toBe(403);
    expect((await h.call(rep.token, 'GET', '/decisions/grading/test-cases')).status).toBe(403);
    // A second live case of the same name is refused.
    expect((await h.call(h.adminToken, 'POST', '/decisions/grading/test-cases', monthCase)).body.error.code).toBe('CONFLICT');
  });

  it("checks a case's facts against the decision's contract, with a pointer per problem", async () => {
    const res = await h.call(h.adminToken, 'POST', '/decisions/grading/test-cases', {
      name: 'wrong facts',
      facts: { customer: { expectedCloseDays: 'soon', grde: 'A' }, rep: { seniorityMonths: 3 } },
      expected: { fired: [] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const pointers = res.body.error.details.issues.map((i: { pointer: string }) => i.pointer).sort();
    expect(pointers).toEqual(['/facts/customer/expectedCloseDays', '/facts/customer/grde', '/facts/rep']);
    const bad = await h.call(h.adminToken, 'PUT', `/decisions/grading/test-cases/${caseId}`, { ...monthCase, facts: { customer: { grade: 'Z' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].pointer).toBe('/facts/customer/grade');
  });

  it('names the missing fields of a case, each at its pointer, not "(root) Invalid input" (the body is one of three forms)', async () => {
    const pointers = async (body: unknown) => {
      const res = await h.call(h.adminToken, 'POST', '/decisions/caps/test-cases', body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.message).not.toMatch(/\(root\)/);
      return res.body.error.details.issues.map((i: { pointer: string }) => i.pointer);
    };
    // Nothing sent: the fields of a case written out (the first form).
    expect(await pointers({})).toEqual(['/name', '/facts', '/expected']);
    // A field only one form has picks that form.
    expect(await pointers({ name: 'pin', fromDecisionRecord: 5 })).toEqual(['/fromDecisionRecord']);
    expect(await pointers({ name: 'pin', fromSimulation: {} })).toEqual(['/fromSimulation/id', '/fromSimulation/subjectId']);
    expect(await pointers({ name: 'written', facts: {} })).toEqual(['/expected']);
  });

  it("says what is wrong with a case in the caller's language", async () => {
    const res = await h.app.request('/decisions/grading/test-cases', {
      method: 'POST',
      headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/json', 'accept-language': 'zh-CN' },
      body: JSON.stringify({ name: '中文', facts: { customer: { expectedCloseDays: 'soon' } }, expected: { fired: [{ name: 'x', params: { grade: 'Q' } }] } }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    expect(body.error.message).toBe('测试用例与 grading 决策不符：/facts/customer/expectedCloseDays customer.expectedCloseDays（预计成交天数）必须是数字，这里写的是 "soon"（另有 1 处）。');
    expect(body.error.details.issues).toEqual([
      { pointer: '/facts/customer/expectedCloseDays', code: 'rules.case-fact-invalid', message: 'customer.expectedCloseDays（预计成交天数）必须是数字，这里写的是 "soon"' },
      { pointer: '/expected/fired/0/params/grade', code: 'rules.param-invalid', message: '参数 "grade" 必须是以下之一："A"、"B"、"C"、"D"、"E"；这里写的是 "Q"' },
    ]);
  });

  it("checks a case's expected params against the decision's events: a case that could never pass is refused", async () => {
    const before = (await h.call(h.adminToken, 'GET', '/decisions/grading/test-cases')).body.items.length;
    const res = await h.call(h.adminToken, 'POST', '/decisions/grading/test-cases', {
      name: 'impossible',
      facts: { customer: { expectedCloseDays: 20 } },
      expected: { fired: [{ name: 'Close within 1 month: A', params: { grade: 'Q', foo: 1 } }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues).toEqual([
      { pointer: '/expected/fired/0/params/grade', code: 'rules.param-invalid', message: 'parameter "grade" must be one of "A", "B", "C", "D", "E"; got "Q"' },
      { pointer: '/expected/fired/0/params/foo', code: 'rules.case-unknown-param', message: expect.stringMatching(/"foo" is not a parameter of the grading decision's events; they have "grade", "reason"/) },
    ]);
    const changed = await h.call(h.adminToken, 'PUT', `/decisions/grading/test-cases/${caseId}`, { ...monthCase, expected: { fired: [{ name: 'x', params: { grade: 'Z' } }] } });
    expect(changed.status).toBe(400);
    expect((await h.call(h.adminToken, 'GET', '/decisions/grading/test-cases')).body.items).toHaveLength(before);
    // A real outcome's params pass.
    const fine = await h.call(h.adminToken, 'POST', '/decisions/grading/test-cases', { name: 'fine params', facts: { customer: { expectedCloseDays: 20 } }, expected: { fired: [{ name: 'Close within 1 month: A', params: { grade: 'A' } }] } });
    expect(fine.status).toBe(201);
    expect((await h.call(h.adminToken, 'DELETE', `/decisions/grading/test-cases/${fine.body.id}`)).status).toBe(204);
  });

  it('runs the cases when validating a draft: the failure with expected, actual and the sentence', async () => {
    const ok = await h.call(h.adminToken, 'POST', '/rule-sets/validate', { document: shortened(30) });
    expect(ok.body.tests).toEqual({ passed: 1, failed: [] });

    const res = await h.call(h.adminToken, 'POST', '/rule-sets/validate', { document: shortened(20) });
    expect(res.body.valid).toBe(true);
    expect(res.body.tests.passed).toBe(0);
    expect(res.body.tests.failed).toHaveLength(1);
    expect(res.body.tests.failed[0]).toMatchObject({
      id: caseId,
      name: monthCase.name,
      passed: false,
      expected: monthCase.expected,
      actual: { fired: [{ name: 'Close within 3 months: B', type: 'grade', params: { grade: 'B' } }] },
    });
    expect(res.body.tests.failed[0].sentence).toContain('Close within 3 months: B');
  });

  it('refuses to publish while a case fails (409 RULE_TESTS_FAILED with each failure), and publishes after the fix', async () => {
    const draft = await h.call(h.adminToken, 'POST', '/rule-sets', { document: shortened(20) });
    expect(draft.status).toBe(201);
    const refused = await h.app.request(`/rule-sets/${draft.body.id}/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/json', 'accept-language': 'zh-CN' },
      body: '{}',
    });
    expect(refused.status).toBe(409);
    const error = ((await refused.json()) as any).error;
    expect(error.code).toBe('RULE_TESTS_FAILED');
    expect(error.details.failures).toEqual([
      {
        id: caseId,
        name: monthCase.name,
        expected: monthCase.expected,
        actual: { fired: [{ name: 'Close within 3 months: B', type: 'grade', params: { grade: 'B', reason: 'expected to close within 3 months' } }] },
        sentence: expect.stringContaining('规则「3 个月内成交：B」'),
      },
    ]);
    const published = await h.call(h.adminToken, 'GET', '/rule-sets?decision=grading&status=published');
    expect(published.body.items[0].version).toBe(1);

    // The test endpoint says the same of the draft, and that the published version passes.
    const tested = await h.call(manager.token, 'POST', `/rule-sets/${draft.body.id}/test`);
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({ passed: 0, failed: 1, results: [{ name: monthCase.name, passed: false }] });
    expect((await h.call(manager.token, 'POST', `/rule-sets/${published.body.items[0].id}/test`)).body).toMatchObject({ passed: 1, failed: 0 });

    const fixed = await h.call(h.adminToken, 'PUT', `/rule-sets/${draft.body.id}`, { document: shortened(30), comment: 'fixed' });
    expect(fixed.status).toBe(200);
    const ok = await h.call(h.adminToken, 'POST', `/rule-sets/${draft.body.id}/publish`, {});
    expect(ok.status).toBe(200);
    expect(ok.body.published.version).toBe(draft.body.version);
  });

  it("pins a real customer's grading decision: its facts and today's outcome", async () => {
    const id = await h.createCustomer({ assign: false });
    expect((await h.call(rep.token, 'POST', `/customers/${id}/claim`)).status).toBe(200);
    expect((await h.call(rep.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'call', expectedCloseDays: 100 })).body.grade).toBe('C');
    const records = (await h.call(h.adminToken, 'GET', `/customers/${id}/decisions`)).body.items as { id: string; decision: string; trigger: string }[];
    const record = records.filter((r) => r.decision === 'grading').at(-1)!;

    const wrong = records.find((r) => r.decision !== 'grading')!;
    expect((await h.call(h.adminToken, 'POST', '/decisions/grading/test-cases', { name: 'not grading', fromDecisionRecord: wrong.id })).status).toBe(400);
    expect((await h.call(h.adminToken, 'POST', '/decisions/grading/test-cases', { name: 'none', fromDecisionRecord: 'nope' })).status).toBe(404);

    const pinned = await h.call(h.adminToken, 'POST', '/decisions/grading/test-cases', { name: 'Pinned customer', fromDecisionRecord: record.id });
    expect(pinned.status).toBe(201);
    expect(pinned.body.facts.customer).toMatchObject({ id, expectedCloseDays: 100, status: 'owned' });
    expect(pinned.body.expected).toEqual({ fired: [{ name: 'Close within 6 months: C', params: { grade: 'C', reason: 'expected to close within 6 months' } }] });
    const published = (await h.call(h.adminToken, 'GET', '/rule-sets?decision=grading&status=published')).body.items[0];
    expect((await h.call(h.adminToken, 'POST', `/rule-sets/${published.id}/test`)).body).toMatchObject({ passed: 2, failed: 0 });
    // Pinned, the customer's case now refuses a draft grading it otherwise.
    const draft = await h.call(h.adminToken, 'POST', '/rule-sets', {
      document: { ...shippedGrading, rules: shippedGrading.rules.filter((r) => r.name !== 'Close within 6 months: C') },
    });
    const refused = await h.call(h.adminToken, 'POST', `/rule-sets/${draft.body.id}/publish`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.failures.map((f: { name: string }) => f.name)).toEqual(['Pinned customer']);
    // Rollback restores an earlier version explicitly; version 1's rules are the ones in force, so there is nothing to restore.
    const rollback = await h.call(h.adminToken, 'POST', '/decisions/grading/rollback', { version: 1 });
    expect([rollback.status, rollback.body.error?.code]).toEqual([409, 'CONFLICT']);
  });

  it('records who added, changed and removed a case, with the case before and after', async () => {
    const changed = await h.call(h.adminToken, 'PUT', `/decisions/grading/test-cases/${caseId}`, { ...monthCase, name: '26 days to close: A', facts: { customer: { expectedCloseDays: 26 } } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: '26 days to close: A', updatedBy: 'admin' });
    expect((await h.call(h.adminToken, 'DELETE', `/decisions/grading/test-cases/${caseId}`)).status).toBe(204);
    expect((await h.call(h.adminToken, 'DELETE', `/decisions/grading/test-cases/${caseId}`)).status).toBe(404);
    expect((await h.call(h.adminToken, 'GET', '/decisions/grading/test-cases')).body.items.map((c: { name: string }) => c.name)).toEqual(['Pinned customer']);

    const history = await h.call(manager.token, 'GET', '/decisions/grading/test-cases/history');
    expect(history.status).toBe(200);
    const ofCase = (history.body.items as any[]).filter((e) => e.testCaseId === caseId);
    expect(ofCase.map((e) => [e.action, e.by])).toEqual([
      ['removed', 'admin'],
      ['changed', 'admin'],
      ['added', 'admin'],
    ]);
    expect(ofCase[2]).toMatchObject({ before: null, after: { name: monthCase.name, facts: monthCase.facts } });
    expect(ofCase[1]).toMatchObject({ before: { name: monthCase.name }, after: { name: '26 days to close: A', facts: { customer: { expectedCloseDays: 26 } } } });
    expect(ofCase[0]).toMatchObject({ before: { name: '26 days to close: A' }, after: null });
    // The name is free again once the case is removed.
    expect((await h.call(h.adminToken, 'POST', '/decisions/grading/test-cases', { ...monthCase, name: '26 days to close: A' })).status).toBe(201);
  });

  it('installs the shipped cases on start for decisions that never had one, only those the published version passes', async () => {
    await installDefaultRuleSets(h.db, new Date());
    // Approval runs the shipped rules here: every shipped case is installed, by nobody.
    const approval = (await h.call(h.adminToken, 'GET', '/decisions/approval/test-cases')).body.items as { name: string; createdBy: string | null }[];
    expect(approval.map((c) => c.name).sort()).toEqual(shippedTestCases('approval').map((c) => c.name).sort());
    expect(approval.every((c) => c.createdBy === null)).toBe(true);
    // Grading had cases already: none added.
    expect((await h.call(h.adminToken, 'GET', '/decisions/grading/test-cases')).body.items).toHaveLength(2);
    // Caps runs the harness's own rules: only passing cases (here none), so publishing is not blocked by them.
    const caps = await h.call(h.adminToken, 'GET', '/decisions/caps/test-cases');
    const capsVersion = (await h.call(h.adminToken, 'GET', '/rule-sets?decision=caps&status=published')).body.items[0];
    expect((await h.call(h.adminToken, 'POST', `/rule-sets/${capsVersion.id}/test`)).body).toMatchObject({ passed: caps.body.items.length, failed: 0 });
  });
});

describe('rule test cases on PGlite (the embedded start)', () => {
  let p: Harness;
  beforeAll(async () => {
    p = await createHarness({ database: 'pglite', worker: false });
  }, 120_000);
  afterAll(() => p?.close());

  it('installs the shipped grading cases on start, and they gate publishing there too', async () => {
    await installDefaultRuleSets(p.db, new Date());
    const cases = (await p.call(p.adminToken, 'GET', '/decisions/grading/test-cases')).body.items as { name: string }[];
    expect(cases.map((c) => c.name).sort()).toEqual(shippedTestCases('grading').map((c) => c.name).sort());
    const draft = await p.call(p.adminToken, 'POST', '/rule-sets', { document: shortened(20) });
    const refused = await p.call(p.adminToken, 'POST', `/rule-sets/${draft.body.id}/publish`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.failures.map((f: { name: string }) => f.name)).toEqual(['Closes within 1 month (30 days): A']);
    expect(refused.body.error.message).toBe('Version 2 fails 1 test case ("Closes within 1 month (30 days): A"); fix the rules or the cases before publishing.');
    // A Chinese reader reads the shipped case by its Chinese name, as the admin UI shows it; the details keep the name as stored.
    const zh = await p.app.request(`/rule-sets/${draft.body.id}/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${p.adminToken}`, 'content-type': 'application/json', 'accept-language': 'zh-CN' },
      body: '{}',
    });
    const zhError = ((await zh.json()) as { error: { message: string; details: { failures: { name: string }[] } } }).error;
    expect(zhError.message).toBe('1 个测试用例未通过（「1 个月（30 天）内成交：A」），不能发布版本 2。请修改规则或测试用例。');
    expect(zhError.details.failures.map((f) => f.name)).toEqual(['Closes within 1 month (30 days): A']);
  });
});
