// Gaps: combinations of known values where a decision says nothing. Under `first` (and for a
// collect set as a whole) that is where no rule fires. A collect set can also give several
// obligations side by side — reclaim's deadlines by name — and one of them can be missing where
// the others still fire: a catch-all "deal within 90 days" hides a grade left without a follow-up
// deadline. So each such obligation is also looked for holes of its own, inside the cases its
// rules reach (one class of values per field, the smallest box around them), outside the cases an
// overriding event (`exempt`) decides; a hole inside the cases no rule covers at all is told once, as that.
import type { DecisionName, RuleSetDocument } from '../../schemas/rule-set.js';
import { type Box, EMPTY } from './boxes.js';
import { type Budget, mergeRegions, uncovered } from './coverage.js';

/** Collect decisions whose events are separate obligations, named by a param, and the event that lifts them all. */
const OBLIGATIONS: Partial<Record<DecisionName, { event: string; by: string; override: string }>> = {
  reclaim: { event: 'deadline', by: 'name', override: 'exempt' },
};

export interface Gap {
  region: bigint[];
  /** The obligation missing there (a deadline's name); absent: no rule fires at all. */
  missing?: string;
}

/** The smallest box holding every box given: per field, the union of their classes. */
const around = (boxes: readonly bigint[][]): bigint[] => boxes.slice(1).reduce((out, b) => out.map((m, i) => m | b[i]!), [...boxes[0]!]);

/**
 * The gaps of a document whose rules are all read as boxes (`boxes[i]` is rule i's), among the
 * `known` values: first the cases no rule covers, then each obligation's own holes.
 *
 * @example
 * findGaps(reclaimWithoutGradeD, boxes, known, budget);
 * // [{ region: […], missing: 'follow_up' }]
 */
export function findGaps(document: RuleSetDocument, boxes: readonly Box[], known: bigint[], budget: Budget): { gaps: Gap[]; truncated: boolean } {
  const none = uncovered(known, boxes, { budget });
  const gaps: Gap[] = mergeRegions(none.regions).map((region) => ({ region }));
  let truncated = none.truncated;
  const spec = document.hitPolicy === 'collect' ? OBLIGATIONS[document.decision] : undefined;
  if (spec === undefined) return { gaps, truncated };

  const live = (i: number): bigint[] | undefined => (boxes[i] === EMPTY ? undefined : (boxes[i] as bigint[]));
  const lifted: bigint[][] = [];
  const groups = new Map<string, bigint[][]>();
  document.rules.forEach((rule, i) => {
    const box = live(i);
    if (box === undefined) return;
    if (rule.event.type === spec.override) lifted.push(box);
    const name = rule.event.type === spec.event ? rule.event.params?.[spec.by] : undefined;
    if (typeof name === 'string') groups.set(name, [...(groups.get(name) ?? []), box]);
  });
  const told = gaps.map((g) => g.region);
  for (const [name, own] of groups) {
    const reach = around(own).map((m, i) => m & known[i]!);
    const holes = uncovered(reach, [...own, ...lifted], { budget });
    truncated ||= holes.truncated;
    for (const region of mergeRegions(holes.regions)) {
      // A hole where no rule fires at all is told once, as that.
      const inside = uncovered(region, told, { budget, stopAfter: 1 });
      truncated ||= inside.truncated;
      if (inside.regions.length > 0) gaps.push({ region, missing: name });
    }
  }
  return { gaps, truncated };
}
