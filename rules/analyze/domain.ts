// The space the analysis reasons over: each contract field the rules test, cut into pieces on which
// every test of the document is either true throughout or false throughout — enum values, true and
// false, the literal strings used plus "any other text", numeric and date ranges split at the
// thresholds the rules use — and null where the field may be unknown.
import type { DecisionContract, FieldType, Localized } from '../../schemas/decisions/contract.js';
import type { Condition, RuleSetDocument } from '../../schemas/rule-set.js';
import { toEpoch } from '../engine/operators.js';

export type Piece =
  | { kind: 'value'; rep: unknown }
  | { kind: 'other'; rep: string }
  | { kind: 'null'; rep: null }
  /** A number or an epoch: the point itself. */
  | { kind: 'point'; rep: number }
  /** An open range between two thresholds (or ±∞); `rep` lies inside. */
  | { kind: 'range'; rep: number; low: number; high: number };

export interface Field {
  fact: string;
  path: string;
  type: FieldType;
  /** Whole numbers only. */
  integer: boolean;
  label: Localized;
  pieces: Piece[];
  /** Every piece. */
  all: bigint;
  /** Every piece but null and the values the decision never sees: the values a gap is looked for among. */
  known: bigint;
}

/** A value no rule tests, standing for every text the rules do not name. */
export const OTHER = '\u0000any other text';

const fieldKey = (fact: string, path: string) => `${fact}\u0000${path}`;

/** Every fact test in the document, in the order written (named conditions after the rules). */
export function* factTests(document: RuleSetDocument): Generator<Extract<Condition, { fact: string }>> {
  function* walk(c: Condition): Generator<Extract<Condition, { fact: string }>> {
    if ('fact' in c) yield c;
    else if ('all' in c) for (const x of c.all) yield* walk(x);
    else if ('any' in c) for (const x of c.any) yield* walk(x);
    else if ('not' in c) yield* walk(c.not);
  }
  for (const rule of document.rules) yield* walk(rule.conditions);
  for (const body of Object.values(document.conditions ?? {})) yield* walk(body);
}

function ranges(thresholds: number[]): Piece[] {
  const ts = [...new Set(thresholds)].sort((a, b) => a - b);
  if (ts.length === 0) return [{ kind: 'range', rep: 0, low: -Infinity, high: Infinity }];
  // Representatives a whole unit (or the threshold's own size) away, so they stay apart from huge thresholds.
  const away = (t: number) => Math.max(1, Math.abs(t));
  const out: Piece[] = [{ kind: 'range', rep: ts[0]! - away(ts[0]!), low: -Infinity, high: ts[0]! }];
  ts.forEach((t, i) => {
    out.push({ kind: 'point', rep: t });
    const next = ts[i + 1];
    out.push(next === undefined ? { kind: 'range', rep: t + away(t), low: t, high: Infinity } : { kind: 'range', rep: t / 2 + next / 2, low: t, high: next });
  });
  return out;
}

/**
 * The pieces a whole-number field can take: integer points only, and ranges that hold an integer,
 * each represented by one (so `<= 30` and `>= 31` leave no gap).
 */
function wholeNumbers(pieces: Piece[]): Piece[] {
  return pieces.flatMap((p): Piece[] => {
    if (p.kind === 'point') return Number.isInteger(p.rep) ? [p] : [];
    if (p.kind !== 'range') return [p];
    const first = p.low === -Infinity ? undefined : Math.floor(p.low) + 1;
    const last = p.high === Infinity ? undefined : Math.ceil(p.high) - 1;
    if (first !== undefined && last !== undefined && first > last) return [];
    const rep = first ?? last ?? 0;
    // Beyond 2^53 integers are no longer exact: keep the range as it was.
    if (!Number.isSafeInteger(rep)) return [p];
    return [{ ...p, rep }];
  });
}

function piecesOf(type: FieldType, enumValues: readonly string[] | undefined, literals: unknown[], integer = false): Piece[] | undefined {
  switch (type) {
    case 'boolean':
      return [true, false].map((rep) => ({ kind: 'value', rep }));
    case 'string':
      if (enumValues) return enumValues.map((rep) => ({ kind: 'value', rep }));
      return [...[...new Set(literals.filter((v): v is string => typeof v === 'string' && v !== OTHER))].map((rep): Piece => ({ kind: 'value', rep })), { kind: 'other', rep: OTHER }];
    case 'number': {
      const pieces = ranges(literals.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)));
      return integer ? wholeNumbers(pieces) : pieces;
    }
    case 'date':
      return ranges(literals.map(toEpoch).filter(Number.isFinite));
    case 'string[]':
      return undefined;
  }
}

/** The fields the document tests that the analysis can cut into pieces, in the order first tested. */
export function fieldsOf(document: RuleSetDocument, contract: DecisionContract): Map<string, Field> {
  const literals = new Map<string, unknown[]>();
  for (const test of factTests(document)) {
    if (test.path === undefined || !Object.hasOwn(contract.facts, test.fact)) continue;
    const name = test.path.slice(2);
    if (!Object.hasOwn(contract.facts[test.fact]!.fields, name)) continue;
    const key = fieldKey(test.fact, test.path);
    const list = literals.get(key) ?? [];
    literals.set(key, list);
    if (Array.isArray(test.value)) list.push(...test.value);
    else list.push(test.value);
  }
  const fields = new Map<string, Field>();
  for (const [key, values] of literals) {
    const [fact, path] = key.split('\u0000') as [string, string];
    const spec = contract.facts[fact]!.fields[path.slice(2)]!;
    const pieces = piecesOf(spec.type, spec.enum, values, spec.integer === true);
    if (!pieces) continue;
    if (spec.nullable) pieces.push({ kind: 'null', rep: null });
    const all = (1n << BigInt(pieces.length)) - 1n;
    // Known values: not null, and (where the decision says) only those it ever sees.
    const seen = contract.sees?.[`${fact}.${path.slice(2)}`];
    let known = spec.nullable ? all & ~(1n << BigInt(pieces.length - 1)) : all;
    if (seen) pieces.forEach((p, i) => (p.kind === 'value' && !seen.includes(p.rep as string) ? (known &= ~(1n << BigInt(i))) : undefined));
    fields.set(key, { fact, path, type: spec.type, integer: spec.type === 'number' && spec.integer === true, label: spec.label, pieces, all, known });
  }
  return fields;
}

export { fieldKey };
