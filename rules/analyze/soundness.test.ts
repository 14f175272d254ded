// The analysis against the engine: over generated documents and facts of the contract's types
// (every value of a piece the analysis reasons about, null included), a rule said never to fire
// never fires, a shadowed rule never fires first, and where no gap is reported some rule fires for
// every combination of known values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldSpec } from '../../schemas/decisions/contract.js';
import { contracts } from '../../schemas/decisions/index.js';
import type { Condition, RuleSetDocument } from '../../schemas/rule-set.js';
import { compileRuleSet } from '../engine/compile.js';
import { anyRuleSet } from '../engine/testing/rule-set-arbitraries.js';
import { fieldsOf } from './domain.js';
import { type AnalysisTrace, analyzeRuleSet } from './index.js';

/** A valid value of a field the rules do not test. */
const plain = (spec: FieldSpec): unknown =>
  spec.type === 'string' ? (spec.enum?.[0] ?? 'x') : spec.type === 'number' ? 0 : spec.type === 'boolean' ? false : spec.type === 'date' ? '2026-01-01T00:00:00Z' : [];

/** Generated documents with every rule made a conjunction of its tests (more rules the analysis reads). */
function flatten(node: Condition): Condition[] {
  if ('fact' in node || 'condition' in node) return [node];
  if ('not' in node) return [node];
  return ('all' in node ? node.all : node.any).flatMap(flatten);
}
const documents = fc.oneof(
  anyRuleSet,
  anyRuleSet.map((doc): RuleSetDocument => ({ ...doc, rules: doc.rules.map((r) => ({ ...r, conditions: { all: flatten(r.conditions) } })) })),
);

/** Reclaim sets of grid-like rules (tests of grade, stage, key flag, days) giving deadlines of three names, or exempt. */
const test = fc.oneof(
  fc.record({ path: fc.constant('$.grade'), operator: fc.constantFrom('equal', 'notEqual', 'in'), value: fc.constantFrom('A', 'B', 'C', ['A', 'B'], ['C', 'D', 'E']) }),
  fc.record({ path: fc.constant('$.stage'), operator: fc.constantFrom('equal', 'in'), value: fc.constantFrom('quote', 'sample', ['inquiry', 'costing']) }),
  fc.record({ path: fc.constant('$.keyCustomer'), operator: fc.constant('equal'), value: fc.boolean() }),
  fc.record({ path: fc.constant('$.daysInStage'), operator: fc.constantFrom('lessThan', 'greaterThanInclusive'), value: fc.constantFrom(3, 10) }),
);
const deadlines = fc
  .array(fc.tuple(fc.array(test, { maxLength: 3 }), fc.nat({ max: 6 })), { minLength: 1, maxLength: 8 })
  .map((rules): RuleSetDocument => ({
    decision: 'reclaim',
    hitPolicy: 'collect',
    rules: rules.map(([tests, n]) => ({
      conditions: { all: tests.map((t) => ({ fact: 'customer', ...t }) as Condition) },
      event: n === 6 ? { type: 'exempt', params: { reason: 'x' } } : { type: 'deadline', params: { name: 'abc'[n % 3]!, duration: '1d' } },
    })),
  }));

/** The same, all under `first` at one priority, where overlaps are reported. */
const samePriority = documents.map((doc): RuleSetDocument => ({ ...doc, hitPolicy: 'first', rules: doc.rules.map((r) => ({ ...r, priority: 1 })) }));

describe('the analysis agrees with the engine', () => {
  it('never, shadowed and no-gap claims hold for facts of every piece', () => {
    const seen = { never: 0, shadowed: 0, noGap: 0 };
    fc.assert(
      fc.property(documents, fc.array(fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), { minLength: 40, maxLength: 40 }), (doc, picks) => {
        const contract = contracts[doc.decision];
        let engine;
        try {
          engine = compileRuleSet({ ...doc, hitPolicy: 'collect' });
        } catch {
          return; // a named condition that loops: the validator refuses such documents
        }
        const warnings = analyzeRuleSet(doc, contract);
        const fields = [...fieldsOf(doc, contract).values()];
        const never = new Set(warnings.filter((w) => w.code === 'analysis.never').map((w) => Number(w.pointer.split('/')[2])));
        const shadowed = new Set(warnings.filter((w) => w.code === 'analysis.shadowed').map((w) => Number(w.pointer.split('/')[2])));
        const gapsLooked = warnings.every((w) => w.code !== 'analysis.skipped') && doc.decision !== 'approval';
        const gaps = warnings.some((w) => w.code === 'analysis.gap');
        for (const pick of picks) {
          const facts: Record<string, Record<string, unknown>> = Object.fromEntries(
            Object.entries(contract.facts).map(([name, spec]) => [name, Object.fromEntries(Object.entries(spec.fields).map(([k, f]) => [k, plain(f)]))]),
          );
          let known = true;
          fields.forEach((field, i) => {
            const piece = field.pieces[(pick[i % pick.length]! + i) % field.pieces.length]!;
            if (piece.kind === 'null') known = false;
            facts[field.fact]![field.path.slice(2)] = piece.rep;
          });
          const fired = engine.evaluate(facts).fired.map((f) => f.index);
          for (const i of never) expect(fired).not.toContain(i);
          if (doc.hitPolicy === 'first' && fired.length > 0) expect(shadowed.has(fired[0]!)).toBe(false);
          if (gapsLooked && !gaps && known) expect(fired.length).toBeGreaterThan(0);
          seen.never += never.size > 0 ? 1 : 0;
          seen.shadowed += doc.hitPolicy === 'first' && shadowed.size > 0 ? 1 : 0;
          seen.noGap += gapsLooked && !gaps && known ? 1 : 0;
        }
      }),
      { numRuns: 1_500 },
    );
    // Each kind of claim was put to the test often enough to mean something.
    expect(seen.never).toBeGreaterThan(500);
    expect(seen.shadowed).toBeGreaterThan(500);
    expect(seen.noGap).toBeGreaterThan(300);
  }, 120_000);

  it('a reported gap fires no rule, and in a reported overlap both rules fire, the earlier one before the later', () => {
    const seen = { gaps: 0, overlaps: 0, missing: 0 };
    fc.assert(
      fc.property(fc.oneof({ arbitrary: documents, weight: 2 }, { arbitrary: samePriority, weight: 2 }, { arbitrary: deadlines, weight: 1 }), fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), (doc, pick) => {
        const contract = contracts[doc.decision];
        let engine;
        try {
          engine = compileRuleSet({ ...doc, hitPolicy: 'collect' });
        } catch {
          return;
        }
        const trace: AnalysisTrace = {};
        analyzeRuleSet(doc, contract, trace);
        const factsIn = (region: bigint[]) => {
          const facts: Record<string, Record<string, unknown>> = Object.fromEntries(
            Object.entries(contract.facts).map(([name, spec]) => [name, Object.fromEntries(Object.entries(spec.fields).map(([k, f]) => [k, plain(f)]))]),
          );
          trace.fields!.forEach((field, i) => {
            const inside = field.pieces.flatMap((p, j) => ((region[i]! >> BigInt(j)) & 1n ? [p] : []));
            facts[field.fact]![field.path.slice(2)] = inside[pick[i % pick.length]! % inside.length]!.rep;
          });
          return facts;
        };
        for (const region of trace.gaps!) {
          expect(engine.evaluate(factsIn(region)).fired).toEqual([]);
          seen.gaps++;
        }
        for (const [name, region] of trace.missing!) {
          const fired = engine.evaluate(factsIn(region)).fired;
          expect(fired.filter((f) => f.event.type === 'exempt' || (f.event.type === 'deadline' && f.event.params?.name === name))).toEqual([]);
          seen.missing++;
        }
        for (const [earlier, later, region] of trace.overlaps!) {
          const fired = engine.evaluate(factsIn(region)).fired.map((f) => f.index);
          // (A rule the analysis could not read may still come ahead of both; it says so.)
          expect(fired).toContain(earlier);
          expect(fired).toContain(later);
          expect(fired.indexOf(earlier)).toBeLessThan(fired.indexOf(later));
          seen.overlaps++;
        }
      }),
      { numRuns: 3_000 },
    );
    expect(seen.gaps).toBeGreaterThan(150);
    // Overlaps are rarer (33–42 in most runs of 3,000 documents, 19 in one): enough were checked, whatever the seed.
    expect(seen.overlaps).toBeGreaterThan(8);
    expect(seen.missing).toBeGreaterThan(50);
  }, 120_000);
});
