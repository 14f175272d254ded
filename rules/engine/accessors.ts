// Fact values a rule set reads, turned into reader closures; values read by several conditions
// are kept for the rest of the evaluation.
import type { Condition, RuleSetDocument } from '../../schemas/rule-set.js';
import { classifyCondition } from './condition-kind.js';
import { applyPath, isFactReference } from './facts.js';
import { parsePath } from './path.js';
import type { Facts } from './types.js';

/**
 * Per-evaluation memory, one slot per value that several conditions read (reclaim asks for
 * `customer.keyCustomer` seven times). A fresh read costs a few megamorphic lookups, so a slot
 * pays from the second read; a value read once is not worth the slot's bookkeeping.
 */
export type Slots = unknown[];

/** Reads one value for one evaluation. */
export type Accessor = (facts: Facts, slots: Slots) => unknown;

const hasOwn = Object.prototype.hasOwnProperty;

// Stored in a slot for a value that is undefined, since an empty slot is undefined too.
const UNDEFINED = Symbol('undefined fact value');

/** How often a rule set reads each fact: whole (no path), and at each path. */
export type ReadCounts = Map<string, { whole: number; paths: Map<string, number> }>;

/** Counts reads in the document; a named condition counts once per reference to it. */
export function countReads(doc: RuleSetDocument): ReadCounts {
  const counts: ReadCounts = new Map();
  const add = (fact: string, path: string | undefined, n: number) => {
    let entry = counts.get(fact);
    if (entry === undefined) counts.set(fact, (entry = { whole: 0, paths: new Map() }));
    if (path) entry.paths.set(path, (entry.paths.get(path) ?? 0) + n);
    else entry.whole += n;
  };
  const references = new Map<string, number>();
  const walk = (node: Condition, weight: number): void => {
    const c = classifyCondition(node);
    switch (c.kind) {
      case 'reference':
        references.set(c.name, (references.get(c.name) ?? 0) + 1);
        return;
      case 'not':
        return walk(c.condition, weight);
      case 'all':
      case 'any':
        for (const child of c.conditions) walk(child, weight);
        return;
      case 'fact': {
        add(c.condition.fact, c.condition.path, weight);
        const value = c.condition.value;
        if (isFactReference(value)) add(value.fact, value.path, weight);
      }
    }
  };
  const named = Object.entries(doc.conditions ?? {});
  for (const rule of doc.rules) walk(rule.conditions, 1);
  for (const [, body] of named) walk(body, 0);
  const referenced = new Map(references);
  for (const [name, body] of named) walk(body, referenced.get(name) ?? 0);
  return counts;
}

/** Builds the reader closures, and numbers the slots of the values worth keeping. */
export class AccessorTable {
  private readonly whole = new Map<string, Accessor>();
  private readonly atPath = new Map<string, Map<string, Accessor>>();
  private slotCount = 0;

  constructor(private readonly reads: ReadCounts) {}

  /** How many slots an evaluation needs. */
  get size(): number {
    return this.slotCount;
  }

  /** The reader of `fact` at `path`; no path (or '') reads the whole fact, as json-rules-engine does. */
  accessor(fact: string, path: string | undefined): Accessor {
    if (!path) {
      let read = this.whole.get(fact);
      if (read === undefined) {
        const counts = this.reads.get(fact);
        // Each distinct path read from a fact reads the fact itself first.
        const uses = (counts?.whole ?? 0) + (counts?.paths.size ?? 0);
        read = uses > 2 ? this.kept(ownFact(fact)) : ownFact(fact);
        this.whole.set(fact, read);
      }
      return read;
    }
    let byPath = this.atPath.get(fact);
    if (byPath === undefined) this.atPath.set(fact, (byPath = new Map()));
    let read = byPath.get(path);
    if (read === undefined) {
      const compute = pathReader(this.accessor(fact, undefined), path);
      read = (this.reads.get(fact)?.paths.get(path) ?? 0) > 1 ? this.kept(compute) : compute;
      byPath.set(path, read);
    }
    return read;
  }

  /**
   * `{ fact, field }` when reading `fact` at `path` is one own-property step from a fact read
   * on the spot (nothing kept in a slot): the compiler then calls `readField` directly, which
   * V8 can inline, instead of going through two closures.
   */
  simpleField(fact: string, path: string | undefined): { fact: string; field: string } | null {
    if (!path || fact === '') return null;
    const segments = parsePath(path);
    if (segments === null || segments.length !== 1) return null;
    this.accessor(fact, path);
    const counts = this.reads.get(fact);
    const wholeKept = (counts?.whole ?? 0) + (counts?.paths.size ?? 0) > 2;
    const pathKept = (counts?.paths.get(path) ?? 0) > 1;
    return wholeKept || pathKept ? null : { fact, field: segments[0]! };
  }

  private kept(compute: Accessor): Accessor {
    const slot = this.slotCount++;
    return (facts, slots) => {
      const cached = slots[slot];
      if (cached !== undefined) return cached === UNDEFINED ? undefined : cached;
      const value = compute(facts, slots);
      slots[slot] = value === undefined ? UNDEFINED : value;
      return value;
    };
  }
}

/** `fact.field` with the accessors' rules (own properties; a non-object fact is returned as it is); `fact` is not ''. */
export function readField(facts: Facts, fact: string, field: string): unknown {
  const value = hasOwn.call(facts, fact) ? facts[fact] : undefined;
  if (value === null || typeof value !== 'object') return value;
  return hasOwn.call(value, field) ? (value as Record<string, unknown>)[field] : undefined;
}

/** facts.ts's readFact, with the empty-name case decided once here instead of on every read. */
function ownFact(fact: string): Accessor {
  if (fact === '') return () => undefined;
  return (facts) => (hasOwn.call(facts, fact) ? facts[fact] : undefined);
}

function pathReader(whole: Accessor, path: string): Accessor {
  const segments = parsePath(path);
  if (segments !== null && segments.length === 1) {
    // The usual `$.field`: one own-property step, without the general loop.
    const [field] = segments as [string];
    return (facts, slots) => {
      const value = whole(facts, slots);
      if (value === null || typeof value !== 'object') return value;
      return hasOwn.call(value, field) ? (value as Record<string, unknown>)[field] : undefined;
    };
  }
  return (facts, slots) => applyPath(whole(facts, slots), segments);
}
