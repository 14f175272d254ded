// A rule's conditions as a box: for each field, the pieces (domain.ts) on which they can hold.
// Conjunctions intersect, an `any` or a `not` over a single field stays a box, named conditions are
// read through; anything else (fact references, `any` across fields …) is not a box and is left out.
import { operatorsFor } from '../../schemas/decisions/contract.js';
import type { Condition, RuleSetDocument } from '../../schemas/rule-set.js';
import { applyOperator, DATE_OPERATORS, operators, toEpoch } from '../engine/operators.js';
import { type Field, fieldKey } from './domain.js';

/** One mask per field (in the fields' order); EMPTY: the conditions can never hold. */
export type Box = bigint[] | 'empty';
export const EMPTY = 'empty' as const;

export interface Space {
  fields: Field[];
  index: Map<string, number>;
}

export const fullBox = (space: Space): bigint[] => space.fields.map((f) => f.all);

const isLiteral = (v: unknown) => typeof v !== 'object' || v === null || Array.isArray(v);

function testBox(c: Extract<Condition, { fact: string }>, space: Space): Box | undefined {
  if (c.path === undefined || !isLiteral(c.value)) return undefined;
  const at = space.index.get(fieldKey(c.fact, c.path));
  if (at === undefined) return undefined;
  const field = space.fields[at]!;
  if (!operatorsFor[field.type].includes(c.operator)) return undefined;
  const numeric = ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'].includes(c.operator);
  if (numeric && !(typeof c.value === 'number' && Number.isFinite(c.value))) return undefined;
  if ((DATE_OPERATORS as readonly string[]).includes(c.operator) && !Number.isFinite(toEpoch(c.value))) return undefined;
  let mask = 0n;
  field.pieces.forEach((piece, i) => {
    if (applyOperator(operators[c.operator], piece.rep, c.value)) mask |= 1n << BigInt(i);
  });
  const box = fullBox(space);
  box[at] = mask;
  return mask === 0n ? EMPTY : box;
}

export function intersect(a: Box, b: Box): Box {
  if (a === EMPTY || b === EMPTY) return EMPTY;
  const out = a.map((m, i) => m & b[i]!);
  return out.some((m) => m === 0n) ? EMPTY : out;
}

/** The one field a box narrows, -1 when it narrows none, undefined when it narrows several. */
function singleField(box: bigint[], space: Space): number | undefined {
  const narrowed = box.flatMap((m, i) => (m === space.fields[i]!.all ? [] : [i]));
  return narrowed.length === 0 ? -1 : narrowed.length === 1 ? narrowed[0] : undefined;
}

/** The box of a condition tree, or undefined when it is not one. */
export function boxOf(c: Condition, space: Space, named: RuleSetDocument['conditions'], visiting: ReadonlySet<string> = new Set()): Box | undefined {
  if ('fact' in c) return testBox(c, space);
  if ('condition' in c) {
    const body = named && Object.hasOwn(named, c.condition) ? named[c.condition] : undefined;
    if (body === undefined || visiting.has(c.condition)) return undefined;
    return boxOf(body, space, named, new Set([...visiting, c.condition]));
  }
  if ('all' in c) {
    let box: Box = fullBox(space);
    for (const x of c.all) {
      const b = boxOf(x, space, named, visiting);
      if (b === undefined) return undefined;
      box = intersect(box, b);
    }
    return box;
  }
  if ('any' in c) {
    // json-rules-engine: an empty `any` holds, like an empty `all`.
    if (c.any.length === 0) return fullBox(space);
    const boxes = c.any.map((x) => boxOf(x, space, named, visiting));
    if (boxes.some((b) => b === undefined)) return undefined;
    const live = boxes.filter((b): b is bigint[] => b !== EMPTY);
    if (live.length === 0) return EMPTY;
    const fields = live.map((b) => singleField(b, space));
    if (fields.includes(undefined)) return undefined;
    if (fields.includes(-1)) return fullBox(space);
    if (new Set(fields).size !== 1) return undefined;
    const at = fields[0]!;
    const box = fullBox(space);
    box[at] = live.reduce((m, b) => m | b[at]!, 0n);
    return box;
  }
  const inner = boxOf(c.not, space, named, visiting);
  if (inner === undefined) return undefined;
  if (inner === EMPTY) return fullBox(space);
  const at = singleField(inner, space);
  if (at === undefined) return undefined;
  if (at === -1) return EMPTY;
  const box = fullBox(space);
  box[at] = space.fields[at]!.all & ~inner[at]!;
  return box[at] === 0n ? EMPTY : box;
}

export function spaceOf(fields: Map<string, Field>): Space {
  return { fields: [...fields.values()], index: new Map([...fields.keys()].map((k, i) => [k, i])) };
}

