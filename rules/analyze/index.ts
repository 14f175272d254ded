// What a valid rule set will do that its author may not mean: combinations of known values no rule
// covers (gaps), rules that can never fire (shadowed under `first`, or contradicting themselves),
// and rules of the same priority that both apply with different outcomes, where only their order
// in the document decides. Warnings never block saving or publishing.
import type { DecisionContract } from '../../schemas/decisions/contract.js';
import type { RuleSetDocument } from '../../schemas/rule-set.js';
import { rulePriority } from '../engine/rule-order.js';
import { type Box, boxOf, EMPTY, intersect, spaceOf } from './boxes.js';
import { uncovered } from './coverage.js';
import { type Field, fieldsOf } from './domain.js';
import { findGaps } from './gaps.js';
import { type AnalysisCode, renderAnalysis, ruleLabel } from './messages.js';
import { describeRegion } from './render.js';

export interface AnalysisWarning {
  /** JSON pointer into the document: `/rules/3`, or `/rules` for a gap. */
  pointer: string;
  code: AnalysisCode;
  /** English. */
  message: string;
  /** The same in Chinese. */
  zh: string;
}

/** What the analysis found, as regions (one class of pieces per field), for tests that check it against the engine. */
export interface AnalysisTrace {
  fields?: Field[];
  gaps?: bigint[][];
  /** Deadline gaps: the deadline's name and a region where it is missing (collect sets). */
  missing?: [string, bigint[]][];
  /** The earlier rule, the later one, and a region where both apply and nothing ahead decides. */
  overlaps?: [number, number, bigint[]][];
}

/** Gaps reported one by one; the rest are counted in one more warning. */
export const MAX_GAPS = 20;
const MAX_OVERLAPS = 20;
/** Rules named as the ones that shadow another, beyond which the list is not shortened. */
const MAX_NAMED = 8;
/** Work (box tests) of the shadow and overlap checks together: a few hundred milliseconds at worst. */
const STEPS = 300_000;

/**
 * Decisions where no rule firing is the ordinary outcome, so a gap is no news: most quotes need
 * no approval.
 */
const NOTHING_IS_NORMAL = new Set(['approval']);

/** A canonical text of a value (keys sorted), to compare outcomes. */
const canonical = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(',')}]`
    : typeof v === 'object' && v !== null
      ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`
      : JSON.stringify(v) ?? 'undefined';

/**
 * The warnings of a valid document.
 *
 * @example
 * analyzeRuleSet(document, contracts.grading);
 * // [{ pointer: '/rules', code: 'analysis.gap', message: 'No rule for customer.stage = "quote"; then: The grade stays as it is.', zh: '…' }]
 */
export function analyzeRuleSet(document: RuleSetDocument, contract: DecisionContract, trace: AnalysisTrace = {}): AnalysisWarning[] {
  const warnings: AnalysisWarning[] = [];
  const warn = <C extends AnalysisCode>(pointer: string, code: C, ...args: Parameters<typeof renderAnalysis<C>> extends [C, ...infer A] ? A : never) =>
    warnings.push({ pointer, code, ...(renderAnalysis as (c: C, ...a: unknown[]) => { message: string; zh: string })(code, ...args) });

  const space = spaceOf(fieldsOf(document, contract));
  const found: [number, number, bigint[]][] = [];
  // Shadowing and overlaps share one budget of steps; past it the rest is not checked, and said so.
  const budget = { left: STEPS };
  let stopped = false;
  // Shortening the list of rules that shadow another has a budget of its own.
  const naming = { left: STEPS / 5 };
  const walk = (region: bigint[], others: readonly Box[]) => {
    if (stopped) return undefined;
    const left = uncovered(region, others, { stopAfter: 1, budget });
    if (left.truncated) stopped = true;
    return left.truncated ? undefined : left.regions[0];
  };
  trace.fields = space.fields;
  trace.gaps = [];
  trace.missing = [];
  trace.overlaps = found;
  const boxes: (Box | undefined)[] = document.rules.map((rule) => boxOf(rule.conditions, space, document.conditions));
  const label = (i: number) => ruleLabel(document.rules[i]!.name, i);
  const known = space.fields.map((f) => f.known);

  // Rules whose conditions the analysis cannot read: said once each, and gaps are not looked for.
  boxes.forEach((box, i) => {
    if (box === undefined) warn(`/rules/${i}`, 'analysis.skipped', label(i));
  });
  const complete = boxes.every((b) => b !== undefined);

  boxes.forEach((box, i) => {
    if (box === EMPTY) warn(`/rules/${i}`, 'analysis.never', label(i));
  });

  if (document.hitPolicy === 'first') {
    // json-rules-engine's order: priority (highest first), then position.
    const order = document.rules.map((rule, index) => ({ index, priority: rulePriority(rule) })).sort((a, b) => b.priority - a.priority || a.index - b.index);
    const shadowed = new Set<number>();
    order.forEach(({ index }, k) => {
      const box = boxes[index];
      if (box === undefined || box === EMPTY) return;
      const before = order.slice(0, k).map((o) => o.index).filter((j) => boxes[j] !== undefined && boxes[j] !== EMPTY);
      if (stopped || walk(box, before.map((j) => boxes[j]!)) !== undefined || stopped) return;
      shadowed.add(index);
      // Name only the rules needed: one that covers it alone, else drop each one whose part the others still cover.
      let by = before.filter((j) => intersect(boxes[j]!, box) !== EMPTY);
      const alone = by.find((j) => {
        const left = uncovered(box, [boxes[j]!], { stopAfter: 1, budget: naming });
        return !left.truncated && left.regions.length === 0;
      });
      if (alone !== undefined) by = [alone];
      for (const j of by.length > 1 && by.length <= MAX_NAMED ? [...by].reverse() : []) {
        const without = by.filter((x) => x !== j);
        const left = uncovered(box, without.map((x) => boxes[x]!), { stopAfter: 1, budget: naming });
        if (!left.truncated && left.regions.length === 0) by = without;
      }
      warn(`/rules/${index}`, 'analysis.shadowed', label(index), by.map(label));
    });

    const outcomes = document.rules.map((r) => canonical(r.event));
    let overlaps = 0;
    order.forEach(({ index, priority }, k) => {
      const box = boxes[index];
      if (box === undefined || box === EMPTY || shadowed.has(index)) return;
      for (let e = 0; e < k && overlaps < MAX_OVERLAPS; e++) {
        const earlier = order[e]!;
        const other = boxes[earlier.index];
        if (earlier.priority !== priority || other === undefined || other === EMPTY) continue;
        if (outcomes[earlier.index] === outcomes[index]) continue;
        const both = intersect(box, other);
        if (both === EMPTY) continue;
        // Where a rule ahead of both already decides, their order does not matter.
        const ahead = order.slice(0, e).map((o) => boxes[o.index]).filter((b): b is Box => b !== undefined);
        const example = walk(both, ahead);
        if (example === undefined) continue;
        overlaps++;
        found.push([earlier.index, index, example]);
        warn(`/rules/${index}`, 'analysis.overlap', label(earlier.index), label(index), describeRegion(space.fields, example, space.fields.map((f) => f.all)));
      }
    });
  }

  if (stopped) warn('/rules', 'analysis.stopped');

  if (complete && !NOTHING_IS_NORMAL.has(document.decision)) {
    // Gaps among known values: a field left unknown (null) is not a combination an admin enumerates.
    const { gaps, truncated } = findGaps(document, boxes as Box[], known, { left: STEPS });
    trace.gaps = gaps.flatMap((g) => (g.missing === undefined ? [g.region] : []));
    trace.missing = gaps.flatMap((g) => (g.missing === undefined ? [] : [[g.missing, g.region] as [string, bigint[]]]));
    for (const gap of gaps.slice(0, MAX_GAPS)) {
      const where = describeRegion(space.fields, gap.region, known);
      if (gap.missing === undefined) warn('/rules', 'analysis.gap', where, contract.whenNothingFires);
      else warn('/rules', 'analysis.deadline-gap', where, gap.missing);
    }
    const more = gaps.length - MAX_GAPS;
    if (more > 0) warn('/rules', 'analysis.gap-more', more, truncated);
    else if (truncated) warn('/rules', 'analysis.gaps-stopped');
  }
  return warnings;
}
