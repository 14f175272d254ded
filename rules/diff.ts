// Differences between two versions of a rule set, per rule (matched by name, else by position).
import stableStringify from 'fast-json-stable-stringify';
import type { Rule, RuleSetDocument } from '../schemas/rule-set.js';

interface FieldChange {
  field: 'priority' | 'conditions' | 'event.type' | 'event.params' | 'position';
  before: unknown;
  after: unknown;
}

export interface RuleDiff {
  key: string;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  beforeIndex: number | null;
  afterIndex: number | null;
  changes: FieldChange[];
}

const same = (a: unknown, b: unknown) => stableStringify(a ?? null) === stableStringify(b ?? null);
const keyOf = (r: Rule, i: number) => r.name ?? `#${i + 1}`;

export function diffRuleSets(before: RuleSetDocument, after: RuleSetDocument) {
  const old = new Map(before.rules.map((r, i) => [keyOf(r, i), { r, i }]));
  // A rule moved only if its order among the rules both versions have changed; an insertion or a
  // deletion above it shifts its index without moving it.
  const afterKeys = after.rules.map(keyOf);
  const common = new Set(afterKeys.filter((k) => old.has(k)));
  const rankBefore = new Map(before.rules.map(keyOf).filter((k) => common.has(k)).map((k, rank) => [k, rank]));
  const rankAfter = new Map(afterKeys.filter((k) => common.has(k)).map((k, rank) => [k, rank]));
  const rules: RuleDiff[] = [];
  after.rules.forEach((r, i) => {
    const key = keyOf(r, i);
    const prev = old.get(key);
    old.delete(key);
    if (!prev) {
      rules.push({ key, status: 'added', beforeIndex: null, afterIndex: i, changes: [] });
      return;
    }
    const changes: FieldChange[] = [];
    if ((prev.r.priority ?? 1) !== (r.priority ?? 1)) changes.push({ field: 'priority', before: prev.r.priority ?? 1, after: r.priority ?? 1 });
    if (!same(prev.r.conditions, r.conditions)) changes.push({ field: 'conditions', before: prev.r.conditions, after: r.conditions });
    if (prev.r.event.type !== r.event.type) changes.push({ field: 'event.type', before: prev.r.event.type, after: r.event.type });
    if (!same(prev.r.event.params, r.event.params)) changes.push({ field: 'event.params', before: prev.r.event.params ?? {}, after: r.event.params ?? {} });
    if (rankBefore.get(key) !== rankAfter.get(key)) changes.push({ field: 'position', before: prev.i, after: i });
    rules.push({ key, status: changes.length > 0 ? 'changed' : 'unchanged', beforeIndex: prev.i, afterIndex: i, changes });
  });
  for (const [key, { i }] of old) rules.push({ key, status: 'removed', beforeIndex: i, afterIndex: null, changes: [] });

  const named = (d: RuleSetDocument) => d.conditions ?? {};
  const names = new Set([...Object.keys(named(before)), ...Object.keys(named(after))]);
  const conditions = [...names]
    .map((name) => ({
      name,
      status: !(name in named(before)) ? 'added' : !(name in named(after)) ? 'removed' : same(named(before)[name], named(after)[name]) ? 'unchanged' : 'changed',
    }))
    .filter((c) => c.status !== 'unchanged');

  const count = (s: RuleDiff['status']) => rules.filter((r) => r.status === s).length;
  return {
    summary: { added: count('added'), removed: count('removed'), changed: count('changed'), unchanged: count('unchanged') },
    description: same(before.description, after.description) ? null : { before: before.description ?? null, after: after.description ?? null },
    conditions,
    rules,
  };
}
