// Skips rules that cannot fire: when many rules require one field to equal (or be in) literal
// values, one read of that field picks the few rules worth testing.
import type { Condition, Rule } from '../../schemas/rule-set.js';
import type { Accessor, AccessorTable, Slots } from './accessors.js';
import { classifyCondition } from './condition-kind.js';
import type { Facts } from './types.js';

/** Positions (in evaluation order) of the rules worth testing for these facts. */
export type RuleFilter = (facts: Facts, slots: Slots) => readonly number[];

type Primitive = string | number | boolean | null;

interface Requirement {
  fact: string;
  path: string | undefined;
  /** The rule cannot fire unless the field is strictly equal to one of these. */
  values: readonly Primitive[];
}

// Below this many constrained rules, the lookup costs about what it saves.
const MIN_CONSTRAINED_RULES = 3;

const isIndexable = (v: unknown): v is Primitive =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && !Number.isNaN(v));

/**
 * Requirements a rule cannot fire without: `equal` or `in` against literals directly under its
 * root `all`. Map lookups compare like `===` for these values (NaN, where they would differ, is
 * left out).
 */
function requirements(conditions: Condition): Requirement[] {
  const root = classifyCondition(conditions);
  if (root.kind !== 'all') return [];
  const found: Requirement[] = [];
  for (const child of root.conditions) {
    const c = classifyCondition(child);
    if (c.kind !== 'fact') continue;
    const { fact, path, operator, value } = c.condition;
    if (operator === 'equal' && isIndexable(value)) found.push({ fact, path, values: [value] });
    else if (operator === 'in' && Array.isArray(value) && value.every(isIndexable)) found.push({ fact, path, values: value });
  }
  return found;
}

const keyOf = (fact: string, path: string | undefined) => JSON.stringify([fact, path || null]);

/**
 * A filter over `rules` (already in evaluation order), or null when no field is required by
 * enough rules to be worth it. Skipping is exact: a skipped rule's `all` has a condition that
 * is false for these facts, and conditions have no side effects.
 */
export function createRuleFilter(rules: readonly Rule[], accessors: AccessorTable): RuleFilter | null {
  const perRule = rules.map((r) => requirements(r.conditions));
  const tally = new Map<string, number>();
  for (const reqs of perRule) for (const key of new Set(reqs.map((r) => keyOf(r.fact, r.path)))) tally.set(key, (tally.get(key) ?? 0) + 1);
  let best: string | undefined;
  for (const [key, n] of tally) if (n >= MIN_CONSTRAINED_RULES && (best === undefined || n > tally.get(best)!)) best = key;
  if (best === undefined) return null;

  // What each rule accepts for the chosen field: null for "anything", else the intersection of its requirements.
  const accepted = perRule.map((reqs): Set<Primitive> | null => {
    const lists = reqs.filter((r) => keyOf(r.fact, r.path) === best).map((r) => r.values);
    if (lists.length === 0) return null;
    return new Set(lists.reduce((kept, values) => kept.filter((v) => values.includes(v))));
  });
  const everyValue = new Set(accepted.flatMap((set) => (set === null ? [] : [...set])));
  const positions = rules.map((_, i) => i);
  const unconstrained = Object.freeze(positions.filter((i) => accepted[i] === null));
  const byValue = new Map<unknown, readonly number[]>();
  for (const value of everyValue) byValue.set(value, Object.freeze(positions.filter((i) => accepted[i] === null || accepted[i]!.has(value))));

  const [fact, path] = JSON.parse(best) as [string, string | null];
  const read: Accessor = accessors.accessor(fact, path ?? undefined);
  return (facts, slots) => byValue.get(read(facts, slots)) ?? unconstrained;
}
