import fc from 'fast-check';
import { Engine } from 'json-rules-engine';
import { describe, expect, test } from 'vitest';
import { applyOperator, DATE_OPERATORS, operators, registerDateOperators } from './operators.js';
import { anyValue } from './testing/fact-arbitraries.js';

interface EngineOperator {
  evaluate(factValue: unknown, compareValue: unknown): boolean;
}
const builtIns = (new Engine() as unknown as { operators: { get(name: string): EngineOperator | null } }).operators;
const BUILT_INS = ['equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'] as const;

const show = (v: unknown): string => {
  try {
    return typeof v === 'symbol' || typeof v === 'bigint' ? v.toString() : (JSON.stringify(v) ?? String(v));
  } catch {
    return Object.prototype.toString.call(v);
  }
};

/** json-rules-engine's answer, or 'throws'. */
function theirs(name: string, a: unknown, b: unknown): boolean | 'throws' {
  try {
    return builtIns.get(name)!.evaluate(a, b);
  } catch {
    return 'throws';
  }
}

const awkward: unknown[] = [
  undefined, null, true, false, 0, -0, 1, 30, 30.5, Number.NaN, Number.POSITIVE_INFINITY, '', '30', ' 30', '30abc', 'abc', 'A', 'ABC',
  'Infinity', '0x10', '1e3', [], [30], ['A', 'B'], ['30'], [null], {}, { a: 1 }, JSON.parse('{"toString":1,"valueOf":1}'), Object.create(null), Symbol('s'), 10n,
  { indexOf: () => null }, { indexOf: () => '-1' }, { indexOf: () => Number.NaN }, { indexOf: 'no' }, { toString: () => '30' },
  Object.defineProperty({}, 'indexOf', { get: () => { throw new Error('getter'); } }), () => 1,
];

describe('built-in operators', () => {
  test.each(BUILT_INS)('%s gives json-rules-engine’s answer on awkward values, and false where it would throw', (name) => {
    for (const a of awkward) {
      for (const b of awkward) {
        const expected = theirs(name, a, b);
        const ours = applyOperator(operators[name], a, b);
        expect(ours, `${name}(${show(a)}, ${show(b)})`).toBe(expected === 'throws' ? false : expected);
      }
    }
  });

  test('agree with json-rules-engine on generated values', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BUILT_INS), anyValue, anyValue, (name, a, b) => {
        const expected = theirs(name, a, b);
        return applyOperator(operators[name], a, b) === (expected === 'throws' ? false : expected);
      }),
      { numRuns: 20_000 },
    );
  });

  test('keep json-rules-engine’s quirks', () => {
    // in/notIn use indexOf, so a string value matches substrings.
    expect(applyOperator(operators.in, 'B', 'ABC')).toBe(true);
    expect(applyOperator(operators.notIn, 'undefined', 'undefined!')).toBe(false);
    // The number validator is parseFloat, so numeric prefixes and one-element arrays pass it,
    // and then JavaScript's own `<` decides: '30abc' becomes NaN there, [40] becomes 40.
    expect(operators.lessThan.validate?.('30abc')).toBe(true);
    expect(applyOperator(operators.lessThan, '30abc', 31)).toBe(false);
    expect(applyOperator(operators.greaterThan, [40], 30)).toBe(true);
    expect(applyOperator(operators.lessThan, '5', '10')).toBe(false);
    // … and null, booleans and empty strings do not, though `null < 1` is true in JavaScript.
    expect(applyOperator(operators.lessThan, null, 1)).toBe(false);
    expect(applyOperator(operators.lessThan, true, 2)).toBe(false);
    // contains needs an array fact; a string fact is not searched.
    expect(applyOperator(operators.contains, 'senior', 'sen')).toBe(false);
    expect(applyOperator(operators.contains, ['senior'], 'senior')).toBe(true);
    expect(applyOperator(operators.doesNotContain, 'senior', 'x')).toBe(false);
    // equal is strict.
    expect(applyOperator(operators.equal, 30, '30')).toBe(false);
    expect(applyOperator(operators.equal, undefined, null)).toBe(false);
  });

  test('are false where json-rules-engine would throw and reject the whole run', () => {
    expect(theirs('in', 'A', 5)).toBe('throws');
    expect(applyOperator(operators.in, 'A', 5)).toBe(false);
    expect(applyOperator(operators.notIn, 'A', null)).toBe(false);
    expect(theirs('lessThan', JSON.parse('{"toString":1}'), 5)).toBe('throws');
    expect(applyOperator(operators.lessThan, JSON.parse('{"toString":1}'), 5)).toBe(false);
  });
});

describe('date operators', () => {
  const day = Date.parse('2026-01-01T00:00:00Z');

  test('compare ISO strings and epoch milliseconds on both sides', () => {
    expect(applyOperator(operators.before, '2025-12-31T23:59:59Z', '2026-01-01T00:00:00Z')).toBe(true);
    expect(applyOperator(operators.before, day, '2026-01-01T00:00:00Z')).toBe(false);
    expect(applyOperator(operators.onOrBefore, day, '2026-01-01T00:00:00Z')).toBe(true);
    expect(applyOperator(operators.after, '2026-01-01T08:00:01+08:00', day)).toBe(true);
    expect(applyOperator(operators.onOrAfter, '2026-01-01T08:00:00+08:00', day)).toBe(true);
  });

  test('refuse fact values that are not finite dates', () => {
    for (const bad of ['not a date', '', null, undefined, true, Number.NaN, Number.POSITIVE_INFINITY, new Date(day), [day], {}]) {
      expect(operators.before.validate?.(bad)).toBe(false);
      for (const name of DATE_OPERATORS) expect(applyOperator(operators[name], bad, day)).toBe(false);
    }
  });

  test('are false against a compared value that is not a finite date', () => {
    for (const name of DATE_OPERATORS) {
      for (const bad of ['soon', null, Number.NaN, Number.NEGATIVE_INFINITY, ['2026-01-01']]) expect(applyOperator(operators[name], day, bad)).toBe(false);
    }
  });

  test('behave the same inside json-rules-engine once registered', async () => {
    const engine = new Engine([], { allowUndefinedFacts: true });
    registerDateOperators(engine);
    const cases: [string, unknown, unknown][] = [
      ['before', '2025-06-01', '2026-01-01'],
      ['after', 'garbage', '2026-01-01'],
      ['onOrAfter', day, day],
      ['onOrBefore', day + 1, '2026-01-01T00:00:00Z'],
      ['before', day, 'garbage'],
    ];
    cases.forEach(([operator, fact, value], i) =>
      engine.addRule({ name: `r${i}`, conditions: { all: [{ fact: `f${i}`, operator, value }] }, event: { type: `r${i}` } }),
    );
    const { events } = await engine.run(Object.fromEntries(cases.map(([, fact], i) => [`f${i}`, fact])));
    const fired = new Set(events.map((e) => e.type));
    cases.forEach(([operator, fact, value], i) => {
      expect(fired.has(`r${i}`)).toBe(applyOperator(operators[operator as (typeof DATE_OPERATORS)[number]], fact, value));
    });
  });
});
