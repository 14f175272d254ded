import { Engine } from 'json-rules-engine';
import { describe, expect, test } from 'vitest';
import type { RuleSetDocument } from '../../schemas/rule-set.js';
import { compileRuleSet } from './compile.js';
import { createSerialReference, evaluateReference } from './reference.js';
import { ruleSet } from './testing/both.js';

// Four priority levels, each with a rule that always fires: every run must report all four.
const levels = ruleSet(
  [4, 3, 2, 1].map((priority) => ({ priority, conditions: { all: [{ fact: 'n', operator: 'greaterThanInclusive', value: 0 }] } })),
);
const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await Promise.resolve();
};

describe('evaluateReference', () => {
  test('a shared json-rules-engine Engine loses priority levels under concurrent runs (why each call builds its own)', async () => {
    const shared = new Engine([], { allowUndefinedFacts: true });
    levels.rules.forEach((rule, i) => shared.addRule({ ...rule, name: `r${i}` }));
    // Runs that start at staggered moments: when one finishes it marks the Engine FINISHED,
    // and every other run still under way skips its remaining priority levels.
    const counts = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        await ticks((i % 13) * 3);
        return (await shared.run({ n: i })).events.length;
      }),
    );
    expect(counts.filter((n) => n < 4).length).toBeGreaterThan(0);
  });

  test('gives the same results for 200 concurrent evaluations as for 200 serial ones', async () => {
    const inputs = Array.from({ length: 200 }, (_, i) => ({ n: i % 7 === 0 ? -1 : i }));
    const serial = [];
    for (const facts of inputs) serial.push(await evaluateReference(levels, facts));
    const concurrent = await Promise.all(
      inputs.map(async (facts, i) => {
        await ticks((i % 13) * 3);
        return evaluateReference(levels, facts);
      }),
    );
    expect(concurrent).toEqual(serial);
    expect(serial.filter((r) => r.fired.length === 4)).toHaveLength(200 - Math.ceil(200 / 7));
    const compiled = compileRuleSet(levels);
    expect(inputs.map((facts) => compiled.evaluate(facts))).toEqual(serial);
  });

  test('maps results back to rule positions and the document’s own names', async () => {
    const doc: RuleSetDocument = {
      decision: 'caps',
      hitPolicy: 'collect',
      rules: [
        { name: 'same', conditions: { all: [] }, event: { type: 'cap', params: { privateMax: 1 } } },
        { name: 'same', conditions: { all: [] }, event: { type: 'cap', params: { privateMax: 2 } } },
        { name: '', conditions: { all: [] }, event: { type: 'cap' } },
      ],
    };
    const { fired } = await evaluateReference(doc, {});
    expect(fired.map((f) => [f.index, f.name, f.event.params])).toEqual([
      [0, 'same', { privateMax: 1 }],
      [1, 'same', { privateMax: 2 }],
      [2, '', {}],
    ]);
  });

  test('leaves the document as it was', async () => {
    const doc = ruleSet([{ conditions: { all: [{ fact: 'customer', path: '$.grade', operator: 'equal', value: 'A' }, { any: [] }] } }]);
    const before = structuredClone(doc);
    await evaluateReference(doc, { customer: { grade: 'A' } });
    expect(doc).toEqual(before);
  });
});

describe('createSerialReference', () => {
  test('reuses one Engine for runs one after another, with the same results', async () => {
    const reference = createSerialReference(levels);
    for (const n of [1, -1, 5]) expect((await reference({ n })).result).toEqual(await evaluateReference(levels, { n }));
  });

  test('refuses a second run while one is under way', async () => {
    const reference = createSerialReference(levels);
    const first = reference({ n: 1 });
    await expect(reference({ n: 2 })).rejects.toThrow(/one run at a time/);
    await first;
  });

  test('reports each rule’s outcome by position', async () => {
    const reference = createSerialReference(levels);
    expect((await reference({ n: -1 })).ruleResults).toEqual([false, false, false, false]);
    expect((await reference({ n: 1 })).ruleResults).toEqual([true, true, true, true]);
  });
});
