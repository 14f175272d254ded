// Hostile input for the fuzz test: odd strings and Unicode, broken and deeply nested JSON, bodies
// with values at and past their schema's bounds, and path segments no valid UTF-8 holds.
import fc from 'fast-check';
import type { Leaf, Operation } from './openapi-operations.js';

/** Text PostgreSQL cannot store, and text that is valid but unusual: every field must cope. */
const unicodeOddities = [
  '\ud800',
  '\udfff',
  'ok\ud83d',
  '\ude00ok',
  'a\u0000b',
  '\ufeffAcme',
  'Acme\u202eLtd',
  'Ac\u200bme',
  'e\u0301'.repeat(500),
  '\uffff\ufffe',
  '\ue000',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  '𝔸𝕔𝕞𝕖 𠜎',
  'ＡＣＭＥ　有限公司',
  'شركة أكمي',
  '\r\n\t',
  '\u001b[31m',
  ' ',
];

const oddStrings = [
  '__proto__',
  'constructor',
  'prototype',
  '..',
  '%',
  "'; drop table customers; --",
  'x'.repeat(5_000),
  '-1',
  '0',
  '1e309',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
  '2026-02-30',
  '9999-12-31T99:99:99Z',
  '😀𝕏',
  '\u0000',
  ' ',
];
export const oddString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(...oddStrings),
  fc.constantFrom(...unicodeOddities),
  // Arbitrary UTF-16 code units, lone surrogates included.
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer().map(String),
);
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  oddString,
  fc.constantFrom(-1, 0, 1.5, 2 ** 53, -(2 ** 31), [], {}, [null], { __proto__: null }, Array.from({ length: 2_000 }, (_, i) => i)),
);
const deep = (n: number, leaf = '1') => `${'{"a":'.repeat(n)}${leaf}${'}'.repeat(n)}`;
const deepArray = (n: number, leaf: string) => `${'['.repeat(n)}${leaf}${']'.repeat(n)}`;
const rawBodies = [
  '{',
  '{"a":',
  'null',
  '[]',
  '"text"',
  '1',
  '{"__proto__": {"polluted": true}}',
  '{"constructor": {"prototype": {"polluted": true}}}',
  deep(5_000),
  `[${'['.repeat(20_000)}`,
  '\u0000',
  // Deep nesting holding characters the database refuses.
  deep(10_000, '"\\u0000"'),
  deepArray(50_000, '"\\u0000"'),
  deep(10_000, '"\\ud800"'),
  `{"note":"${'x'.repeat(1100 * 1024)}"}`,
  `{"k\\ud800":1}`,
];

/** A body for an operation: its own property names with odd values, any JSON, or broken text. */
export function bodyFor(op: Operation): fc.Arbitrary<unknown> {
  const props = op.bodyProperties ?? [];
  const keyed =
    props.length > 0
      ? fc.subarray(props).chain((keys) => fc.tuple(...keys.map(() => oddValue)).map((values) => Object.fromEntries(keys.map((k, i) => [k, values[i]]))))
      : fc.constant({});
  const valid = op.sampleBody ?? {};
  // The sample with one property replaced by an odd value (or dropped): past the type checks, into the rules.
  const mutated =
    props.length > 0
      ? fc.tuple(fc.constantFrom(...props), fc.option(oddValue, { nil: undefined })).map(([key, value]) => ({ ...valid, [key]: value }))
      : fc.constant(valid);
  // One string or number of the sample (nested ones too) at or past its bound, or odd text.
  const leaves = op.leaves;
  const atBounds =
    leaves.length > 0
      ? fc.tuple(fc.constantFrom(...leaves), fc.nat()).map(([leaf, pick]) => withLeaf(valid, leaf, boundaryValue(leaf, pick)))
      : fc.constant(valid);
  // An array filled to its maxItems with items at their largest numbers: totals at their bound.
  const arrays = leaves.filter((l) => l.type !== 'string' && l.arrayPath && l.maxItems !== undefined && l.maximum !== undefined);
  const fullArrays =
    arrays.length > 0
      ? fc.constantFrom(...arrays).map((leaf) => {
          const filled = withLeaf(valid, leaf, leaf.maximum!);
          const items = get(filled, leaf.arrayPath!) as unknown[];
          return withLeaf(filled, { path: leaf.arrayPath! } as Leaf, Array.from({ length: leaf.maxItems! }, () => items[0]));
        })
      : fc.constant(valid);
  return fc.oneof(
    { weight: 3, arbitrary: atBounds },
    { weight: 1, arbitrary: fullArrays },
    { weight: 4, arbitrary: mutated },
    { weight: 1, arbitrary: fc.constant(valid) },
    { weight: 3, arbitrary: keyed },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 2, arbitrary: fc.constantFrom(...rawBodies) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

const get = (value: unknown, path: (string | number)[]) => path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)?.[key], value);

/** A copy of `body` with the value at the leaf's path replaced. */
function withLeaf(body: unknown, leaf: Pick<Leaf, 'path'>, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  if (leaf.path.length === 0) return value;
  const parent = get(copy, leaf.path.slice(0, -1)) as Record<string | number, unknown>;
  Object.defineProperty(parent, leaf.path[leaf.path.length - 1]!, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Values at and just past a leaf's bounds, and ones no column holds. */
function boundaryValue(leaf: Leaf, pick: number): unknown {
  if (leaf.type === 'string') {
    const choices = [...unicodeOddities, 'x'.repeat(leaf.maxLength ?? 5000), 'x'.repeat((leaf.maxLength ?? 5000) + 1), `${'😀'.repeat(Math.ceil((leaf.maxLength ?? 100) / 2))}`];
    return choices[pick % choices.length];
  }
  const step = leaf.type === 'integer' ? 1 : 0.01;
  const choices = [
    ...(leaf.maximum !== undefined ? [leaf.maximum, leaf.maximum + step, leaf.maximum * 10] : []),
    ...(leaf.minimum !== undefined ? [leaf.minimum, leaf.minimum - step] : []),
    0,
    -0,
    1e16,
    -1e16,
    1e308,
    2 ** 31,
    2 ** 63,
    Number.MIN_VALUE,
    0.005,
    123.456789,
  ];
  return choices[pick % choices.length];
}

/**
 * Percent-encodes a path segment. A lone surrogate has no UTF-8 form: it goes out as its WTF-8
 * bytes (%ED%A0%80), which is what a hostile client can send.
 */
export function encodeSegment(segment: string): string {
  if (segment.isWellFormed()) return encodeURIComponent(segment);
  return [...segment]
    .map((ch) => {
      if (ch.isWellFormed()) return encodeURIComponent(ch);
      const u = ch.charCodeAt(0);
      return [0xe0 | (u >> 12), 0x80 | ((u >> 6) & 0x3f), 0x80 | (u & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    })
    .join('');
}
