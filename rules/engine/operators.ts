// The operator table: json-rules-engine 7.3's ten built-ins, reproduced exactly, plus our four
// date comparisons, which are registered on json-rules-engine too so both engines share them.
import { type Engine, Operator as EngineOperator } from 'json-rules-engine';
import type { Operator } from '../../schemas/rule-set.js';

/**
 * One operator: `validate` vets the fact value first (a failed check makes the condition
 * false without calling `evaluate`), as json-rules-engine's `Operator` does.
 */
export interface OperatorSpec {
  readonly evaluate: (factValue: unknown, compareValue: unknown) => boolean;
  readonly validate?: (factValue: unknown) => boolean;
}

// json-rules-engine calls `b.indexOf(a)`, `a < b` … on whatever it is given, so a number as an
// `in` list, or an object that cannot become a string, throws and rejects the whole run — and
// only if that rule happens to be reached. We make such a condition false instead (the reference
// engine is wired the same way, see reference.ts), so a 'first' rule set may stop early safely.
type IndexOf = (this: unknown, search: unknown) => unknown;

/** What `indexOf` gives when json-rules-engine's call would have thrown. */
const THREW = Symbol('threw');

/**
 * `list.indexOf(item)` as json-rules-engine evaluates it, or THREW where that throws. Lists
 * without an `indexOf` method (null, numbers …) are answered without raising an exception:
 * building one costs microseconds, and a fact reference to a missing fact hits this every time.
 */
function indexOf(list: unknown, item: unknown): unknown {
  if (list === null || list === undefined) return THREW;
  try {
    const method = (list as { indexOf?: unknown }).indexOf;
    return typeof method === 'function' ? (method as IndexOf).call(list, item) : THREW;
  } catch {
    return THREW;
  }
}

/** json-rules-engine's `numberValidator`: `Number.parseFloat(v).toString() !== 'NaN'`. */
function isNumberLike(value: unknown): boolean {
  // parseFloat(String(n)) gives n back for every number but NaN, so numbers skip the string trip.
  if (typeof value === 'number') return !Number.isNaN(value);
  try {
    return !Number.isNaN(Number.parseFloat(value as string));
  } catch {
    return false;
  }
}

/** `a < b` etc. with JavaScript's own coercions; a value that cannot be coerced compares false. */
function relational(compare: (a: number, b: number) => boolean): OperatorSpec['evaluate'] {
  return (a, b) => {
    if (typeof a === 'number' && typeof b === 'number') return compare(a, b);
    try {
      return compare(a as number, b as number);
    } catch {
      return false;
    }
  };
}

/** json-rules-engine's `indexOf(…) > -1` (in, contains) or `=== -1` (notIn, doesNotContain); false where it throws. */
function found(index: unknown, wanted: boolean): boolean {
  if (index === THREW) return false;
  return wanted ? (index as number) > -1 : index === -1;
}

/**
 * Dates as epoch milliseconds: numbers as they are, strings through `Date.parse`, anything else
 * NaN (so a `Date` object or a boolean is not a date).
 */
export function toEpoch(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return Date.parse(value);
  return Number.NaN;
}

const isDate = (value: unknown) => Number.isFinite(toEpoch(value));

function dateComparison(compare: (a: number, b: number) => boolean): OperatorSpec {
  return {
    validate: isDate,
    evaluate: (a, b) => {
      const right = toEpoch(b);
      return Number.isFinite(right) && compare(toEpoch(a), right);
    },
  };
}

/** Every operator a rule set may use, by name. */
export const operators: Readonly<Record<Operator, OperatorSpec>> = Object.freeze({
  equal: { evaluate: (a, b) => a === b },
  notEqual: { evaluate: (a, b) => a !== b },
  in: { evaluate: (a, b) => found(indexOf(b, a), true) },
  notIn: { evaluate: (a, b) => found(indexOf(b, a), false) },
  contains: { validate: Array.isArray, evaluate: (a, b) => found(indexOf(a, b), true) },
  doesNotContain: { validate: Array.isArray, evaluate: (a, b) => found(indexOf(a, b), false) },
  lessThan: { validate: isNumberLike, evaluate: relational((a, b) => a < b) },
  lessThanInclusive: { validate: isNumberLike, evaluate: relational((a, b) => a <= b) },
  greaterThan: { validate: isNumberLike, evaluate: relational((a, b) => a > b) },
  greaterThanInclusive: { validate: isNumberLike, evaluate: relational((a, b) => a >= b) },
  before: dateComparison((a, b) => a < b),
  after: dateComparison((a, b) => a > b),
  onOrBefore: dateComparison((a, b) => a <= b),
  onOrAfter: dateComparison((a, b) => a >= b),
} satisfies Record<Operator, OperatorSpec>);

/** The operators json-rules-engine does not have; `registerDateOperators` adds them. */
export const DATE_OPERATORS = ['before', 'after', 'onOrBefore', 'onOrAfter'] as const satisfies readonly Operator[];

/**
 * A condition's outcome: the validator, then the comparison — json-rules-engine's
 * `validator(factValue) && callback(factValue, compareValue)`.
 *
 * @example
 * applyOperator(operators.lessThan, '5', 10); // true: '5' passes parseFloat, and '5' < 10
 * applyOperator(operators.contains, 'abc', 'a'); // false: the fact must be an array
 */
export function applyOperator(spec: OperatorSpec, factValue: unknown, compareValue: unknown): boolean {
  return (spec.validate === undefined || spec.validate(factValue)) && spec.evaluate(factValue, compareValue);
}

/**
 * Adds `before`, `after`, `onOrBefore` and `onOrAfter` to a json-rules-engine `Engine`.
 *
 * @example
 * const engine = new Engine([], { allowUndefinedFacts: true });
 * registerDateOperators(engine);
 */
export function registerDateOperators(engine: Engine): void {
  for (const name of DATE_OPERATORS) {
    const spec = operators[name];
    engine.addOperator(new EngineOperator<unknown, unknown>(name, spec.evaluate, spec.validate));
  }
}
