import { describe, expect, test } from 'vitest';
import type { Condition, RuleSetDocument } from '../../schemas/rule-set.js';
import { compileRuleSet } from './compile.js';
import { RuleEngineError } from './errors.js';
import type { FiredRule } from './types.js';
import { evaluateReference } from './reference.js';
import { both, firedIndexes, ruleSet } from './testing/both.js';

const grade = (value: unknown, operator: 'equal' | 'notEqual' | 'in' = 'equal'): Condition =>
  ({ fact: 'customer', path: '$.grade', operator, value }) as Condition;

describe('hit policies', () => {
  const rules = [
    { name: 'low', priority: 1, conditions: { all: [grade('A')] } },
    { name: 'high', priority: 5, conditions: { all: [grade('A')] } },
    { name: 'tie-first', priority: 3, conditions: { all: [grade('A')] } },
    { name: 'tie-second', priority: 3, conditions: { all: [grade('A')] } },
    { name: 'never', priority: 9, conditions: { all: [grade('B')] } },
  ];

  test('collect returns every rule that fired, by priority and then position', async () => {
    expect(await firedIndexes(ruleSet(rules), { customer: { grade: 'A' } })).toEqual([1, 2, 3, 0]);
  });

  test('first returns only the highest-priority rule, the earlier one on a tie', async () => {
    expect(await firedIndexes(ruleSet(rules, { hitPolicy: 'first' }), { customer: { grade: 'A' } })).toEqual([1]);
    const tied = ruleSet([rules[2]!, rules[3]!, rules[0]!], { hitPolicy: 'first' });
    expect(await firedIndexes(tied, { customer: { grade: 'A' } })).toEqual([0]);
  });

  test('nothing fires when no rule holds', async () => {
    expect(await both(ruleSet(rules, { hitPolicy: 'first' }), { customer: { grade: 'C' } })).toEqual({ fired: [] });
    expect(await both(ruleSet([]), {})).toEqual({ fired: [] });
  });

  test('reports the index, name, priority (default 1) and event with params ({} when absent)', async () => {
    const doc: RuleSetDocument = {
      decision: 'grading',
      hitPolicy: 'collect',
      rules: [
        { conditions: { all: [] }, event: { type: 'grade' } },
        { name: 'named', priority: 2, conditions: { all: [] }, event: { type: 'grade', params: { grade: 'A' } } },
      ],
    };
    expect(await both(doc, {})).toEqual({
      fired: [
        { index: 1, name: 'named', priority: 2, event: { type: 'grade', params: { grade: 'A' } } },
        { index: 0, name: null, priority: 1, event: { type: 'grade', params: {} } },
      ],
    });
  });
});

describe('conditions', () => {
  test('all, any and not combine as in json-rules-engine, where an empty any is true', async () => {
    const facts = { customer: { grade: 'A' } };
    const doc = ruleSet([
      { conditions: { all: [grade('A'), grade('B')] } },
      { conditions: { any: [grade('B'), grade('A')] } },
      { conditions: { not: grade('B') } },
      { conditions: { all: [] } },
      { conditions: { any: [] } },
      { conditions: { not: { any: [] } } },
      { conditions: { any: [{ all: [grade('A'), { not: grade('A') }] }, { not: { not: grade('A') } }] } },
    ]);
    expect(await firedIndexes(doc, facts)).toEqual([1, 2, 3, 4, 6]);
  });

  test('condition priorities change only the order json-rules-engine evaluates in, not the outcome', async () => {
    const doc = ruleSet([{ conditions: { any: [{ ...grade('B'), priority: 3 } as Condition, { ...grade('A'), priority: 1 } as Condition, { all: [], priority: 2 }] } }]);
    expect(await firedIndexes(doc, { customer: { grade: 'A' } })).toEqual([0]);
  });

  test('compare with another fact when the value is a fact reference', async () => {
    const doc = ruleSet([
      { conditions: { all: [{ fact: 'quote', path: '$.amountUsd', operator: 'greaterThan', value: { fact: 'limits', path: '$.max' } }] } },
      { conditions: { all: [{ fact: 'rep', path: '$.tags', operator: 'contains', value: { fact: 'wanted' } }] } },
      { conditions: { all: [{ fact: 'customer', path: '$.grade', operator: 'equal', value: { fact: 'missing', path: '$.x' } }] } },
    ]);
    expect(await firedIndexes(doc, { quote: { amountUsd: 60_000 }, limits: { max: 50_000 }, rep: { tags: ['senior'] }, wanted: 'senior', customer: {} })).toEqual([0, 1, 2]);
    expect(await firedIndexes(doc, { quote: { amountUsd: 40_000 }, limits: { max: 50_000 }, rep: { tags: [] }, wanted: 'senior', customer: { grade: 'A' } })).toEqual([]);
  });

  test('treat a missing fact or field as undefined, which is not null', async () => {
    const doc = ruleSet([
      { conditions: { all: [grade(null)] } },
      { conditions: { all: [grade(null, 'notEqual')] } },
      { conditions: { all: [{ fact: 'customer', path: '$.followUps', operator: 'lessThan', value: 1 }] } },
    ]);
    expect(await firedIndexes(doc, {})).toEqual([1]);
    expect(await firedIndexes(doc, { customer: {} })).toEqual([1]);
    expect(await firedIndexes(doc, { customer: { grade: null, followUps: 0 } })).toEqual([0, 2]);
  });

  test('apply a path only to an object fact; any other fact value is compared as it is', async () => {
    // json-rules-engine's almanac returns a non-object fact untouched even when a path is given.
    const doc = ruleSet([{ conditions: { all: [grade('A')] } }, { conditions: { all: [grade(null)] } }]);
    expect(await firedIndexes(doc, { customer: 'A' })).toEqual([0]);
    expect(await firedIndexes(doc, { customer: null })).toEqual([1]);
    expect(await firedIndexes(doc, { customer: ['A'] })).toEqual([]);
  });

  test('read only own facts and fields; prototype keys are refused', async () => {
    const doc = ruleSet([
      { conditions: { all: [{ fact: 'constructor', operator: 'notEqual', value: null }] } },
      { conditions: { all: [{ fact: 'customer', path: '$.toString', operator: 'notEqual', value: null }] } },
      { conditions: { all: [{ fact: 'customer', path: '$.__proto__', operator: 'equal', value: null }] } },
      { conditions: { all: [{ fact: '__proto__', path: '$.grade', operator: 'equal', value: 'A' }] } },
      { conditions: { all: [{ fact: 'customer', path: '$.grade', operator: 'equal', value: 'A' }] } },
    ]);
    const hostile: unknown = JSON.parse('{"__proto__":{"grade":"A"},"customer":{"__proto__":null,"constructor":{"prototype":{"grade":"A"}}}}');
    // notEqual null holds for undefined: nothing inherited is visible, so 0 and 1 fire on undefined.
    expect(await firedIndexes(doc, hostile)).toEqual([0, 1, 3]);
    expect(({} as Record<string, unknown>).grade).toBeUndefined();
  });

  test('take facts that are not an object as no facts', async () => {
    const doc = ruleSet([{ conditions: { all: [grade(null, 'notEqual')] } }, { conditions: { all: [grade('A')] } }]);
    for (const facts of [null, undefined, 'customer', 42]) expect(await firedIndexes(doc, facts)).toEqual([0]);
  });

  test('never see a fact with an empty name, which json-rules-engine cannot hold', async () => {
    const doc = ruleSet([{ conditions: { all: [{ fact: '', operator: 'equal', value: 1 }] } }]);
    expect(await firedIndexes(doc, { '': 1 })).toEqual([]);
  });
});

describe('named conditions', () => {
  const doc: RuleSetDocument = {
    decision: 'reclaim',
    hitPolicy: 'collect',
    conditions: {
      regular: { all: [{ fact: 'customer', path: '$.keyCustomer', operator: 'equal', value: false }] },
      regularA: { all: [{ condition: 'regular' }, grade('A')] },
    },
    rules: [
      { conditions: { condition: 'regularA' }, event: { type: 'a' } },
      { conditions: { not: { condition: 'regular' } }, event: { type: 'key' } },
      { conditions: { any: [{ condition: 'nowhere' }] }, event: { type: 'unknown' } },
      { conditions: { not: { condition: '' } }, event: { type: 'empty name' } },
    ],
  };

  test('are used by reference, also from other named conditions', async () => {
    expect(await firedIndexes(doc, { customer: { keyCustomer: false, grade: 'A' } })).toEqual([0, 3]);
    expect(await firedIndexes(doc, { customer: { keyCustomer: true, grade: 'A' } })).toEqual([1, 3]);
  });

  test('an unknown name is false', async () => {
    expect(await firedIndexes(doc, {})).toEqual([1, 3]);
  });

  test('a loop of references is refused by both engines, pointing at the loop', async () => {
    const loop: RuleSetDocument = {
      decision: 'grading',
      hitPolicy: 'first',
      conditions: { a: { all: [{ condition: 'b' }] }, b: { any: [grade('A'), { not: { condition: 'a' } }] } },
      rules: [{ conditions: { all: [] }, event: { type: 'x' } }],
    };
    expect(() => compileRuleSet(loop)).toThrow(RuleEngineError);
    expect(() => compileRuleSet(loop)).toThrow(/a → b → a/);
    await expect(evaluateReference(loop, {})).rejects.toMatchObject({ code: 'CONDITION_CYCLE', pointer: '/conditions/a' });
    const self: RuleSetDocument = { ...loop, conditions: { 'x/y': { condition: 'x/y' } } };
    expect(() => compileRuleSet(self)).toThrow(expect.objectContaining({ pointer: '/conditions/x~1y' }));
  });
});

describe('compiled rule sets', () => {
  test('are unaffected by later edits to the document', () => {
    const doc = ruleSet([{ conditions: { all: [{ fact: 'customer', path: '$.grade', operator: 'in', value: ['A', 'B'] }] } }]);
    const compiled = compileRuleSet(doc);
    (doc.rules[0]!.conditions as { all: { value: string[] }[] }).all[0]!.value.push('C');
    doc.rules.push({ conditions: { all: [] }, event: { type: 'late' } });
    expect(compiled.evaluate({ customer: { grade: 'C' } }).fired).toEqual([]);
  });

  test('hand out frozen results: a caller cannot change what the next evaluation sees', () => {
    const first = compileRuleSet(ruleSet([{ conditions: { all: [] } }], { hitPolicy: 'first' }));
    const a = first.evaluate({});
    // 'first' shares one result per rule between calls, so it must be frozen all the way down.
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.fired)).toBe(true);
    expect(() => (a.fired as FiredRule[]).push(a.fired[0]!)).toThrow(TypeError);
    expect(Object.isFrozen(a.fired[0])).toBe(true);
    expect(Object.isFrozen(a.fired[0]!.event.params)).toBe(true);
    expect(first.evaluate({}).fired).toHaveLength(1);
    const none = compileRuleSet(ruleSet([{ conditions: { not: { all: [] } } }], { hitPolicy: 'first' })).evaluate({});
    expect(none.fired).toEqual([]);
    expect(Object.isFrozen(none) && Object.isFrozen(none.fired)).toBe(true);
    // 'collect' builds its list per call.
    const collect = compileRuleSet(ruleSet([{ conditions: { all: [] } }], { hitPolicy: 'collect' }));
    expect(collect.evaluate({}).fired).not.toBe(collect.evaluate({}).fired);
  });

  test('give the same answers as json-rules-engine on the shipped rule sets for sample customers', async () => {
    const { defaultRuleSets } = await import('../defaults/index.js');
    const customers = [
      { grade: 'A', isNew: true, keyCustomer: false, status: 'owned', noDemand: false, expectedCloseDays: 20, stage: 'sample' },
      { grade: null, isNew: false, keyCustomer: true, status: 'won', repGrade: 'D' },
      { grade: 'C', isNew: true, keyCustomer: false, status: 'owned', expectedCloseDays: 200 },
    ];
    for (const raw of Object.values(defaultRuleSets)) {
      for (const customer of customers) {
        await both(raw as RuleSetDocument, { customer, trigger: { type: 'create' }, rep: { newHire: false, seniorityMonths: 30, tags: [] }, quote: { amountUsd: 60_000, discountPct: 12, marginPct: 10, isFirstQuote: true } });
      }
    }
  });
});
