import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { contracts } from '../../schemas/decisions/index.js';
import type { Condition, RuleSetDocument } from '../../schemas/rule-set.js';
import { AccessorTable, countReads } from './accessors.js';
import { compileRuleSet } from './compile.js';
import { createSerialReference } from './reference.js';
import { createRuleFilter } from './rule-index.js';
import { assignmentFacts, thirtyRuleAssignment } from './testing/assignment-fixtures.js';
import { firedIndexes, ruleSet } from './testing/both.js';
import { factsFor } from './testing/fact-arbitraries.js';

const on = (value: unknown, operator: 'equal' | 'in' = 'equal'): Condition => ({ fact: 'customer', path: '$.grade', operator, value }) as Condition;

describe('the rule filter', () => {
  const doc = ruleSet([
    { conditions: { all: [on('A')] } },
    { conditions: { all: [on(['A', 'B'], 'in'), on(['B', 'C'], 'in')] } },
    { conditions: { all: [on(0)] } },
    { conditions: { all: [on(null)] } },
    { conditions: { any: [on('E')] } },
    { conditions: { all: [on(['D', 1, true], 'in')] } },
    { conditions: { all: [] } },
  ]);

  test('is used when enough rules require one field', () => {
    expect(createRuleFilter(doc.rules, new AccessorTable(countReads(doc)))).not.toBeNull();
    const small = ruleSet([{ conditions: { all: [on('A')] } }, { conditions: { all: [on('B')] } }]);
    expect(createRuleFilter(small.rules, new AccessorTable(countReads(small)))).toBeNull();
  });

  test('skips exactly the rules that could not fire', async () => {
    const cases: [unknown, number[]][] = [
      ['A', [0, 6]],
      ['B', [1, 6]],
      ['C', [6]],
      [0, [2, 6]],
      [-0, [2, 6]],
      [null, [3, 6]],
      [undefined, [6]],
      ['E', [4, 6]],
      [1, [5, 6]],
      [true, [5, 6]],
      [Number.NaN, [6]],
      ['0', [6]],
      [{}, [6]],
    ];
    for (const [grade, fired] of cases) expect(await firedIndexes(doc, { customer: { grade } }), String(grade)).toEqual(fired);
    expect(await firedIndexes(doc, { customer: 'A' })).toEqual([0, 6]);
    expect(await firedIndexes(doc, {})).toEqual([6]);
  });
});

describe('a 30-rule assignment set', () => {
  const doc: RuleSetDocument = thirtyRuleAssignment();

  test('is a valid document whose rules all fire for some customer', () => {
    const compiled = compileRuleSet(doc);
    const fired = new Set(assignmentFacts(5_000, 7).map((facts) => compiled.evaluate(facts).fired[0]?.index));
    expect([...fired].sort((a, b) => (a ?? -1) - (b ?? -1))).toEqual(doc.rules.map((_, i) => i));
  });

  test('gives json-rules-engine’s answers for realistic and generated customers', async () => {
    const compiled = compileRuleSet(doc);
    const reference = createSerialReference(doc);
    const inputs = [...assignmentFacts(1_000, 11), ...fc.sample(factsFor(contracts.assignment), { numRuns: 1_000, seed: 11 })];
    for (const facts of inputs) expect(compiled.evaluate(facts)).toEqual((await reference(facts)).result);
  }, 60_000);
});
