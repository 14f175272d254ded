// One condition tree turned into two closures: a fast test, and an explainer that evaluates everything.
import type { Condition, FactCondition, TopLevelCondition } from '../../schemas/rule-set.js';
import { classifyCondition } from './condition-kind.js';
import { RuleEngineError } from './errors.js';
import { type AccessorTable, readField, type Slots } from './accessors.js';
import { isFactReference } from './facts.js';
import { type OperatorSpec, operators, toEpoch } from './operators.js';
import type { ConditionExplanation, Facts } from './types.js';

export type Test = (facts: Facts, slots: Slots) => boolean;
type Explainer = (facts: Facts, slots: Slots) => ConditionExplanation;

export interface CompiledCondition {
  readonly test: Test;
  readonly explain: Explainer;
}

const always: Test = () => true;
const never: Test = () => false;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Our own frozen copy, so later edits to the document cannot change a compiled rule set. */
export const frozenCopy = <T>(value: T): T => deepFreeze(structuredClone(value));

const epochComparisons: Partial<Record<FactCondition['operator'], (a: number, b: number) => boolean>> = {
  before: (a, b) => a < b,
  after: (a, b) => a > b,
  onOrBefore: (a, b) => a <= b,
  onOrAfter: (a, b) => a >= b,
};

const numberComparisons: Partial<Record<FactCondition['operator'], (a: number, b: number) => boolean>> = {
  lessThan: (a, b) => a < b,
  lessThanInclusive: (a, b) => a <= b,
  greaterThan: (a, b) => a > b,
  greaterThanInclusive: (a, b) => a >= b,
};

/**
 * The commonest conditions — `$.field` of a fact against a literal by equal, notEqual, in,
 * notIn — as one closure around `readField`, which V8 inlines; null for anything else.
 */
function fieldTest(operator: FactCondition['operator'], fact: string, field: string, value: unknown): Test | null {
  switch (operator) {
    case 'equal':
      return (facts) => readField(facts, fact, field) === value;
    case 'notEqual':
      return (facts) => readField(facts, fact, field) !== value;
    case 'in':
    case 'notIn': {
      if (!Array.isArray(value)) return null;
      const list: readonly unknown[] = value;
      const found = operator === 'in';
      return (facts) => {
        const item = readField(facts, fact, field);
        for (let i = 0; i < list.length; i++) if (list[i] === item) return found;
        return !found;
      };
    }
    default:
      return null;
  }
}

/** The test for a condition against a value fixed in the document, specialised where it pays. */
function constantTest(operator: FactCondition['operator'], spec: OperatorSpec, read: (facts: Facts, slots: Slots) => unknown, value: unknown): Test {
  if (operator === 'equal') return (facts, slots) => read(facts, slots) === value;
  if (operator === 'notEqual') return (facts, slots) => read(facts, slots) !== value;
  const epoch = epochComparisons[operator];
  if (epoch !== undefined) {
    // The document's date is parsed once here instead of on every evaluation.
    const right = toEpoch(value);
    if (!Number.isFinite(right)) return never;
    return (facts, slots) => {
      const left = toEpoch(read(facts, slots));
      return Number.isFinite(left) && epoch(left, right);
    };
  }
  if ((operator === 'in' || operator === 'notIn') && Array.isArray(value)) {
    // A list from the document is a plain frozen array, so json-rules-engine's `list.indexOf(x)`
    // is a strict-equality scan, done here without the call and its guard.
    const list: readonly unknown[] = value;
    const found = operator === 'in';
    return (facts, slots) => {
      const item = read(facts, slots);
      for (let i = 0; i < list.length; i++) if (list[i] === item) return found;
      return !found;
    };
  }
  const { validate, evaluate } = spec;
  if (validate === undefined) return (facts, slots) => evaluate(read(facts, slots), value);
  const relation = numberComparisons[operator];
  if (relation !== undefined && typeof value === 'number') {
    // A number fact needs neither the parseFloat validator (it fails only NaN, which compares
    // false anyway) nor a guard.
    return (facts, slots) => {
      const left = read(facts, slots);
      if (typeof left === 'number') return relation(left, value);
      return validate(left) && evaluate(left, value);
    };
  }
  return (facts, slots) => {
    const left = read(facts, slots);
    return validate(left) && evaluate(left, value);
  };
}

function compileFact(condition: FactCondition, accessors: AccessorTable): CompiledCondition {
  if (!Object.hasOwn(operators, condition.operator)) {
    throw new RuleEngineError('UNKNOWN_OPERATOR', `unknown operator "${String(condition.operator)}"`, '');
  }
  const spec = operators[condition.operator];
  const read = accessors.accessor(condition.fact, condition.path);
  const path = condition.path ?? null;
  const rawValue = condition.value;
  let compared: (facts: Facts, slots: Slots) => unknown;
  let test: Test;
  if (isFactReference(rawValue)) {
    compared = accessors.accessor(rawValue.fact, rawValue.path);
    const { validate, evaluate } = spec;
    test = (facts, slots) => {
      const left = read(facts, slots);
      return (validate === undefined || validate(left)) && evaluate(left, compared(facts, slots));
    };
  } else {
    const value = frozenCopy(rawValue);
    compared = () => value;
    const simple = accessors.simpleField(condition.fact, condition.path);
    test = (simple && fieldTest(condition.operator, simple.fact, simple.field, value)) ?? constantTest(condition.operator, spec, read, value);
  }
  const { fact, operator } = condition;
  return {
    test,
    explain: (facts, slots) => {
      const factValue = read(facts, slots);
      const value = compared(facts, slots);
      const result = (spec.validate === undefined || spec.validate(factValue)) && spec.evaluate(factValue, value);
      return { kind: 'fact', fact, path, operator, value, factValue, result };
    },
  };
}

function combine(kind: 'all' | 'any', children: readonly CompiledCondition[]): CompiledCondition {
  const tests = children.map((c) => c.test);
  let test: Test;
  // json-rules-engine answers true for an empty list whether it is `all` or `any`.
  if (tests.length === 0) test = always;
  else if (tests.length === 1) test = tests[0]!;
  else if (tests.length === 2) {
    const [a, b] = tests as [Test, Test];
    test = kind === 'all' ? (facts, slots) => a(facts, slots) && b(facts, slots) : (facts, slots) => a(facts, slots) || b(facts, slots);
  } else if (tests.length === 3) {
    const [a, b, c] = tests as [Test, Test, Test];
    test =
      kind === 'all'
        ? (facts, slots) => a(facts, slots) && b(facts, slots) && c(facts, slots)
        : (facts, slots) => a(facts, slots) || b(facts, slots) || c(facts, slots);
  } else if (kind === 'all') {
    test = (facts, slots) => {
      for (let i = 0; i < tests.length; i++) if (!tests[i]!(facts, slots)) return false;
      return true;
    };
  } else {
    test = (facts, slots) => {
      for (let i = 0; i < tests.length; i++) if (tests[i]!(facts, slots)) return true;
      return false;
    };
  }
  return {
    test,
    explain: (facts, slots) => {
      const conditions = children.map((c) => c.explain(facts, slots));
      const result = conditions.length === 0 || (kind === 'all' ? conditions.every((c) => c.result) : conditions.some((c) => c.result));
      return { kind, result, conditions };
    },
  };
}

/**
 * Compiles conditions against a document's named conditions; each named condition is compiled
 * once, on first use. The caller has already ruled out loops (assertNoConditionCycle).
 */
export function createConditionCompiler(
  named: ReadonlyMap<string, TopLevelCondition>,
  accessors: AccessorTable,
): (node: Condition) => CompiledCondition {
  const compiledNamed = new Map<string, CompiledCondition>();

  const reference = (name: string): CompiledCondition => {
    const target = named.get(name);
    if (target === undefined) {
      // json-rules-engine with allowUndefinedConditions: an unknown name is simply false.
      return { test: never, explain: () => ({ kind: 'reference', name, result: false, condition: null }) };
    }
    let body = compiledNamed.get(name);
    if (body === undefined) {
      body = compile(target);
      compiledNamed.set(name, body);
    }
    const inner = body;
    return {
      test: inner.test,
      explain: (facts, slots) => {
        const condition = inner.explain(facts, slots);
        return { kind: 'reference', name, result: condition.result, condition };
      },
    };
  };

  const compile = (node: Condition): CompiledCondition => {
    const c = classifyCondition(node);
    switch (c.kind) {
      case 'all':
      case 'any':
        return combine(c.kind, c.conditions.map(compile));
      case 'not': {
        const inner = compile(c.condition);
        const innerTest = inner.test;
        return {
          test: (facts, slots) => !innerTest(facts, slots),
          explain: (facts, slots) => {
            const condition = inner.explain(facts, slots);
            return { kind: 'not', result: !condition.result, condition };
          },
        };
      }
      case 'reference':
        return reference(c.name);
      case 'fact':
        return compileFact(c.condition, accessors);
    }
  };
  return compile;
}
