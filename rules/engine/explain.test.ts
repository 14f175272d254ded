import { describe, expect, test } from 'vitest';
import type { RuleSetDocument } from '../../schemas/rule-set.js';
import { compileRuleSet } from './compile.js';
import { createSerialReference } from './reference.js';
import { explanationProblem } from './testing/check-explanation.js';

const doc: RuleSetDocument = {
  decision: 'reclaim',
  hitPolicy: 'first',
  conditions: { regular: { all: [{ fact: 'customer', path: '$.keyCustomer', operator: 'equal', value: false }] } },
  rules: [
    {
      name: 'A regular',
      priority: 2,
      conditions: {
        all: [
          { fact: 'customer', path: '$.grade', operator: 'equal', value: 'A' },
          { condition: 'regular' },
          { fact: 'customer', path: '$.followUps', operator: 'lessThan', value: { fact: 'limits', path: '$.followUps' } },
        ],
      },
      event: { type: 'deadline', params: { name: 'follow_up', duration: '1d' } },
    },
    { name: 'fallback', conditions: { any: [{ not: { condition: 'unknown' } }] }, event: { type: 'exempt', params: { reason: 'x' } } },
  ],
};

describe('explain', () => {
  const compiled = compileRuleSet(doc);

  test('shows every condition with the values it saw, past the first that failed', () => {
    const facts = { customer: { grade: 'B', keyCustomer: false, followUps: 2 }, limits: { followUps: 3 } };
    const explanation = compiled.explain(facts);
    expect(explanation).toEqual({
      decision: 'reclaim',
      hitPolicy: 'first',
      fired: [{ index: 1, name: 'fallback', priority: 1, event: { type: 'exempt', params: { reason: 'x' } } }],
      rules: [
        {
          index: 0,
          name: 'A regular',
          priority: 2,
          result: false,
          conditions: {
            kind: 'all',
            result: false,
            conditions: [
              { kind: 'fact', fact: 'customer', path: '$.grade', operator: 'equal', value: 'A', factValue: 'B', result: false },
              {
                kind: 'reference',
                name: 'regular',
                result: true,
                condition: {
                  kind: 'all',
                  result: true,
                  conditions: [{ kind: 'fact', fact: 'customer', path: '$.keyCustomer', operator: 'equal', value: false, factValue: false, result: true }],
                },
              },
              // The compared value is the referenced fact's value.
              { kind: 'fact', fact: 'customer', path: '$.followUps', operator: 'lessThan', value: 3, factValue: 2, result: true },
            ],
          },
        },
        {
          index: 1,
          name: 'fallback',
          priority: 1,
          result: true,
          conditions: {
            kind: 'any',
            result: true,
            conditions: [{ kind: 'not', result: true, condition: { kind: 'reference', name: 'unknown', result: false, condition: null } }],
          },
        },
      ],
    });
  });

  test('fires what evaluate() fires, and agrees with json-rules-engine rule by rule', async () => {
    const reference = createSerialReference(doc);
    const inputs = [
      {},
      { customer: { grade: 'A', keyCustomer: false, followUps: 0 }, limits: { followUps: 1 } },
      { customer: { grade: 'A', keyCustomer: true, followUps: 0 }, limits: { followUps: 1 } },
      { customer: { grade: 'A', keyCustomer: false, followUps: '0' }, limits: {} },
      { customer: 'A' },
    ];
    for (const facts of inputs) {
      const evaluated = compiled.evaluate(facts);
      const { ruleResults } = await reference(facts);
      expect(explanationProblem(doc, facts, compiled.explain(facts), evaluated, ruleResults)).toBeNull();
    }
  });

  test('lists every rule that held under collect, in priority order', () => {
    const collect = compileRuleSet({ ...doc, hitPolicy: 'collect' });
    const facts = { customer: { grade: 'A', keyCustomer: false, followUps: 0 }, limits: { followUps: 1 } };
    expect(collect.explain(facts).fired.map((f) => f.index)).toEqual([0, 1]);
    expect(compiled.explain(facts).fired.map((f) => f.index)).toEqual([0]);
  });
});
