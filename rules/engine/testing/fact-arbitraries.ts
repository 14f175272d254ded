// fast-check generators of facts for a decision, derived from its contract's field types:
// valid values near the rule thresholds, nulls, missing keys, wrong types and hostile keys.
import fc from 'fast-check';
import type { DecisionContract, FieldSpec, FieldType } from '../../../schemas/decisions/contract.js';
import type { Facts } from '../types.js';

/** An object with `key` as an own, enumerable data property, even `__proto__`. */
function withOwn(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  // Plain assignment would set the prototype for `__proto__`; every other key may just be assigned.
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
  return target;
}

/** Numbers the shipped rules compare against, ±1, and the awkward ones. */
export const NUMBERS = [
  0, -0, 1, -1, 3, 5, 10, 11, 14, 15, 16, 23, 24, 25, 29, 30, 31, 89, 90, 91, 179, 180, 181, 365, 9_999, 10_000, 10_001,
  49_999, 50_000, 50_001, 0.5, 10.000001, 1e21, -1e21, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, Number.NaN,
  Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY,
];

/** Strings that parse (or half-parse) as numbers, for the parseFloat validator. */
export const NUMERIC_STRINGS = ['30', ' 30', '30abc', '1e3', '', 'Infinity', '-Infinity', 'NaN', '0x10', '-0', '.5', '10,000'];

export const DATES = [
  '2026-01-01T00:00:00Z',
  '2026-01-01T00:00:00.000Z',
  '2026-01-01T08:00:00+08:00',
  '2025-12-31T23:59:59.999Z',
  '2026-01-01T00:00:00.001Z',
  '2026-06-15T12:00:00-05:00',
  '2026-01-01',
  '2026/01/01',
  'Jan 1 2026',
  'not a date',
  '2026-13-45T00:00:00Z',
  '',
];
/** Epoch milliseconds of some of the dates above, since numbers count as dates too. */
export const EPOCHS = [Date.parse('2026-01-01T00:00:00Z'), Date.parse('2025-12-31T23:59:59.999Z'), 0, -1, 8.64e15, 8.64e15 + 1];

export const STRINGS = ['A', 'B', 'C', 'D', 'E', 'a', '', ' ', 'create', 'import', 'reclaim', 'claim', 'follow_up', 'won', 'pool', 'owned',
  'sample', 'senior', 'spanish', 'DE', 'USD', 'undefined', 'null', 'true', '__proto__', 'constructor', 'toString', 'Crea', 'reate'];

export const TAGS = ['senior', 'spanish', 'key', 'A', '', 'new'];

// Objects a `String()` or `<` cannot convert (json-rules-engine would throw on them), and
// objects carrying prototype-pollution keys as own data. Nothing mutates facts, so sharing is fine.
const HOSTILE_OBJECTS: readonly unknown[] = [
  JSON.parse('{"toString":1,"valueOf":1}'),
  JSON.parse('{"__proto__":{"grade":"A","isNew":true,"type":"create"},"constructor":{"prototype":{"x":1}}}'),
  Object.create(null),
  JSON.parse('[{"toString":1}]'),
  { indexOf: 1, length: 1 },
  // Not JSON, but facts may be anything: methods json-rules-engine would call.
  { indexOf: () => null },
  { indexOf: () => '0', toString: () => '30' },
  () => 'A',
];

// Value pools, drawn from with constantFrom: a million inputs are generated per test run, and
// picking from a pool costs a tenth of composing arbitraries field by field. Random doubles,
// strings and dates are sampled into the pools once, with a fixed seed.
const sampled = <T>(arb: fc.Arbitrary<T>, n: number): T[] => fc.sample(arb, { numRuns: n, seed: 20_260_101 });
const RANDOM_NUMBERS = [...sampled(fc.integer({ min: -10, max: 60_000 }), 40), ...sampled(fc.double(), 10)];
const RANDOM_STRINGS = sampled(fc.string({ maxLength: 6 }), 20);
const RANDOM_DATES = sampled(fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2028-01-01T00:00:00Z'), noInvalidDate: true }), 30).map((d) => d.toISOString());

const repeat = <T>(values: readonly T[], times: number): T[] => Array.from({ length: times }, () => values).flat();

const NUMBER_VALUES = [...repeat(NUMBERS, 2), ...RANDOM_NUMBERS];
const STRING_VALUES = [...repeat(STRINGS, 2), ...RANDOM_STRINGS];
const DATE_VALUES = [...repeat(DATES, 3), ...RANDOM_DATES, ...EPOCHS];
const ARRAYS: readonly unknown[] = [[], ['senior'], ['A', 'B'], [30, '30'], [true, null], ['create', 'import'], TAGS];
const OBJECTS: readonly unknown[] = [{}, { grade: 'A' }, { type: 'create', length: 1 }, { x: { y: { z: 1 } } }, [1, 2, 3]];

/** Any value at all, for wrong types: the other field types, arrays, objects, hostile objects. */
const ANY_VALUES: readonly unknown[] = [
  null, undefined, true, false, ...NUMBERS, ...NUMERIC_STRINGS, ...STRINGS, ...DATES, ...EPOCHS, ...ARRAYS, ...OBJECTS, ...HOSTILE_OBJECTS,
];
export const anyValue: fc.Arbitrary<unknown> = fc.constantFrom(...ANY_VALUES);

const validValues: Record<FieldType, (spec: FieldSpec) => readonly unknown[]> = {
  string: (spec) => (spec.enum ? [...repeat(spec.enum, 6), ...STRING_VALUES] : STRING_VALUES),
  number: () => [...repeat(NUMBER_VALUES, 3), ...NUMERIC_STRINGS],
  boolean: () => [...repeat([true, false], 8), 0, 1, 'true', 'false'],
  date: () => DATE_VALUES,
  'string[]': () => [...repeat(ARRAYS, 3), ...TAGS.map((t) => [t]), ['senior', 'spanish'], ['x', 1, null]],
};

/** A field's value: usually valid for its type, sometimes null, sometimes anything. */
function fieldValue(spec: FieldSpec): fc.Arbitrary<unknown> {
  const valid = validValues[spec.type](spec);
  // About 80% valid, 10% null, 10% anything, by repetition in one pool.
  const pool = [...valid, ...repeat([null], Math.ceil(valid.length / 8)), ...fc.sample(anyValue, { numRuns: Math.ceil(valid.length / 8), seed: valid.length })];
  return fc.constantFrom(...pool);
}

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'length', ''];

// Extra own keys, hostile ones included: mostly none, as one pool pick each (an fc.array of
// pairs costs more than the whole fact).
const EXTRAS: readonly (readonly [string, unknown] | null)[] = [
  ...repeat([null], 60),
  ...HOSTILE_KEYS.flatMap((key) => ANY_VALUES.filter((_, i) => i % 7 === key.length % 7).map((value) => [key, value] as const)),
  ['extra', 1],
  ['grade', 'A'],
];
const extra = fc.constantFrom(...EXTRAS);

/** Adds up to two extra own keys to a generated object. */
function withExtraKeys(base: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(base, extra, extra).map(([object, ...extras]) => {
    for (const pair of extras) if (pair !== null) withOwn(object, pair[0], pair[1]);
    return object;
  });
}

/**
 * An object of the given fields, each present with probability 3/4 when `partial` (two random
 * bit masks ANDed), built from a tuple: fc.record costs twice as much per value.
 */
function objectOf(model: Record<string, fc.Arbitrary<unknown>>, partial: boolean): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(model);
  const full = 2 ** keys.length - 1;
  const mask = partial ? fc.tuple(fc.integer({ min: 0, max: full }), fc.integer({ min: 0, max: full })).map(([a, b]) => full & ~(a & b)) : fc.constant(full);
  return fc.tuple(mask, ...keys.map((k) => model[k]!)).map(([present, ...values]) => {
    const object: Record<string, unknown> = {};
    keys.forEach((key, i) => {
      if (present & (2 ** i)) object[key] = values[i];
    });
    return object;
  });
}

/** One fact (`customer`, `rep` …): an object of its fields with some missing, or not an object at all. */
function factValue(fields: Record<string, FieldSpec>): fc.Arbitrary<unknown> {
  const model = Object.fromEntries(Object.entries(fields).map(([name, spec]) => [name, fieldValue(spec)]));
  return fc.oneof(
    { weight: 6, arbitrary: withExtraKeys(objectOf(model, false)) },
    { weight: 3, arbitrary: withExtraKeys(objectOf(model, true)) },
    { weight: 1, arbitrary: anyValue },
  );
}

/** The facts of a decision: each contract fact usually present, plus stray and hostile keys; rarely not an object. */
export function factsFor(contract: DecisionContract): fc.Arbitrary<Facts> {
  const model = Object.fromEntries(Object.entries(contract.facts).map(([name, spec]) => [name, factValue(spec.fields)]));
  const names = Object.keys(model);
  return fc.oneof(
    { weight: 12, arbitrary: withExtraKeys(objectOf(model, false)) },
    { weight: 4, arbitrary: withExtraKeys(objectOf(model, true)) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 'customer', [], names) },
  ) as fc.Arbitrary<Facts>;
}
