// Malformed and hostile rule-set documents, generated: every one is a 400 with JSON pointers into
// the document, never a 5xx, and nothing is stored.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultRuleSets } from '../rules/defaults/index.js';
import { createHarness, type Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ worker: false });
});
afterAll(() => h?.close());

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));
const bases = Object.values(defaultRuleSets) as Json[];

/** Every location in a document, as a path of keys. */
function locations(doc: Json, path: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(path);
  if (Array.isArray(doc)) doc.forEach((v, i) => locations(v, [...path, i], out));
  else if (doc && typeof doc === 'object') for (const [k, v] of Object.entries(doc)) locations(v, [...path, k], out);
  return out;
}

function setAt(doc: Json, path: (string | number)[], value: Json): Json {
  if (path.length === 0) return value;
  let node = doc as Record<string | number, Json>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, Json>;
  node[path[path.length - 1]!] = value;
  return doc;
}

function resolves(doc: unknown, pointer: string): boolean {
  if (pointer === '') return true;
  let node: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

const deep = (depth: number): Json => (depth === 0 ? { fact: 'customer', path: '$.grade', operator: 'equal', value: 'A' } : { all: [deep(depth - 1)] });

/** Mutations that always make a document invalid. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('unknown key' as const), key: fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !['name', 'priority', 'conditions', 'event', 'fact', 'path', 'operator', 'value', 'all', 'any', 'not', 'condition', 'type', 'params', 'decision', 'hitPolicy', 'description', 'rules'].includes(k)) }),
  fc.record({ kind: fc.constant('prototype key' as const), key: fc.constantFrom('__proto__', 'constructor', 'prototype') }),
  fc.record({ kind: fc.constant('unknown operator' as const), op: fc.string({ minLength: 1, maxLength: 20 }).filter((o) => !['equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'before', 'after', 'onOrBefore', 'onOrAfter'].includes(o)) }),
  fc.record({ kind: fc.constant('unknown fact' as const), fact: fc.string({ maxLength: 10 }).filter((f) => !['customer', 'rep', 'trigger', 'quote'].includes(f)) }),
  fc.record({ kind: fc.constant('wrong type' as const), value: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 })) }),
  fc.record({ kind: fc.constant('bad event' as const), type: fc.string({ maxLength: 12 }) }),
  fc.record({ kind: fc.constant('deep nesting' as const), depth: fc.integer({ min: 13, max: 400 }) }),
  fc.record({ kind: fc.constant('huge array' as const), size: fc.integer({ min: 1001, max: 20_000 }) }),
  fc.record({ kind: fc.constant('too many rules' as const), size: fc.integer({ min: 501, max: 2000 }) }),
  fc.record({ kind: fc.constant('not an object' as const), value: fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.jsonValue(), { maxLength: 4 }), fc.boolean()) }),
  fc.record({ kind: fc.constant('random replacement' as const), value: fc.jsonValue({ maxDepth: 3 }) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(base: Json, m: Mutation, pick: number): Json {
  const doc = clone(base) as { decision: string; rules: { conditions: { all?: Json[]; any?: Json[] }; event: { type: string } }[] };
  const rule = doc.rules[pick % doc.rules.length]!;
  const firstCondition = (rule.conditions.all ?? rule.conditions.any ?? [])[0] as Record<string, Json> | undefined;
  switch (m.kind) {
    case 'unknown key':
      // Defined, not assigned: assigning "__proto__" (which fc.string can produce) would set the prototype instead of adding a key.
      Object.defineProperty(rule, m.key, { value: 1, enumerable: true, writable: true, configurable: true });
      return doc as unknown as Json;
    case 'prototype key':
      return JSON.parse(JSON.stringify(doc).replace('"rules":[{', `"rules":[{"${m.key}":{"polluted":true},`));
    case 'unknown operator':
      if (!firstCondition || !('fact' in firstCondition)) return JSON.parse(JSON.stringify(doc).replace('"rules":[', '"rules":[{"conditions":{"all":[{"fact":"customer","path":"$.grade","operator":"x","value":1}]},"event":{"type":"nope"}},'));
      firstCondition.operator = m.op;
      return doc as unknown as Json;
    case 'unknown fact':
      rule.conditions = { all: [{ fact: m.fact, path: '$.x', operator: 'equal', value: 1 }] };
      return doc as unknown as Json;
    case 'wrong type':
      (rule as unknown as Record<string, Json>).conditions = m.value;
      return doc as unknown as Json;
    case 'bad event':
      rule.event = { type: `${m.type}!` } as never;
      return doc as unknown as Json;
    case 'deep nesting':
      rule.conditions = deep(m.depth) as never;
      return doc as unknown as Json;
    case 'huge array':
      rule.conditions = { all: [{ fact: 'customer', path: '$.country', operator: 'in', value: Array.from({ length: m.size }, (_, i) => `C${i}`) }] };
      return doc as unknown as Json;
    case 'too many rules':
      doc.rules = Array.from({ length: m.size }, () => clone(rule));
      return doc as unknown as Json;
    case 'not an object':
      return m.value as Json;
    case 'random replacement': {
      const all = locations(doc as unknown as Json).filter((p) => p.length > 0);
      return setAt(doc as unknown as Json, all[pick % all.length]!, m.value as Json);
    }
  }
  return doc as unknown as Json;
}

it('answers 1,000+ generated malformed and hostile documents with a 400 and pointers, never a 5xx, storing nothing', async () => {
  const before = await h.db.selectFrom('rule_sets').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const stats = { sent: 0, refused: 0, accidentallyValid: 0, byKind: {} as Record<string, number> };
  await fc.assert(
    fc.asyncProperty(fc.nat(bases.length - 1), mutation, fc.nat(), async (b, m, pick) => {
      const doc = mutate(bases[b]!, m, pick);
      const res = await h.call(h.adminToken, 'POST', '/rule-sets', { document: doc });
      stats.sent++;
      expect(res.status).toBeLessThan(500);
      if (res.status === 201) {
        // A random replacement can land somewhere harmless (e.g. a description); only that may pass.
        expect(m.kind).toBe('random replacement');
        stats.accidentallyValid++;
        await h.db.deleteFrom('rule_sets').where('id', '=', res.body.id).execute();
        return;
      }
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      const issues: { pointer: string; message: string }[] = res.body.error.details.issues;
      expect(issues.length).toBeGreaterThan(0);
      for (const issue of issues) {
        expect(issue.message.length).toBeGreaterThan(5);
        // The rule-set checks point into the document; a key no JSON body may hold ("__proto__",
        // refused before any route reads the body) is pointed at in the body, under /document.
        const inDocument = issue.pointer.startsWith('/document/') ? issue.pointer.slice('/document'.length) : issue.pointer;
        const parent = inDocument.slice(0, inDocument.lastIndexOf('/'));
        expect(resolves(doc, inDocument) || resolves(doc, parent), `${issue.pointer} in ${m.kind}`).toBe(true);
      }
      stats.refused++;
      stats.byKind[m.kind] = (stats.byKind[m.kind] ?? 0) + 1;
    }),
    { numRuns: 1200 },
  );
  const after = await h.db.selectFrom('rule_sets').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  expect(after.n).toBe(before.n);
  expect(stats.refused).toBeGreaterThanOrEqual(1000);
  expect(Object.keys(stats.byKind).length).toBeGreaterThanOrEqual(10);
  console.log(`hostile documents: ${JSON.stringify(stats)}`);
}, 300_000);

it('refuses the same documents when publishing is attempted on a stored draft whose contract no longer fits', async () => {
  // A draft stored before a contract change: simulate by writing an invalid document directly.
  const draft = await h.call(h.adminToken, 'POST', '/rule-sets', { document: defaultRuleSets.grading });
  await h.db.updateTable('rule_sets').set({ document: JSON.stringify({ ...(defaultRuleSets.grading as object), hitPolicy: 'collect' }) }).where('id', '=', draft.body.id).execute();
  const res = await h.call(h.adminToken, 'POST', `/rule-sets/${draft.body.id}/publish`);
  expect(res.status).toBe(400);
  expect(res.body.error.details.issues[0].pointer).toBe('/hitPolicy');
  expect((await h.call(h.adminToken, 'GET', `/rule-sets/${draft.body.id}`)).body.status).toBe('draft');
});
