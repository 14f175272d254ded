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
