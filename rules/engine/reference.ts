// json-rules-engine 7.3 running a rule-set document: the reference meaning the compiled engine must match.
import { Engine, Fact, Operator as EngineOperator, type RuleResult, type TopLevelCondition as EngineCondition } from 'json-rules-engine';
import type { RuleSetDocument } from '../../schemas/rule-set.js';
import { asFacts, factNames } from './facts.js';
import { assertNoConditionCycle, namedConditions } from './named-conditions.js';
import { registerDateOperators } from './operators.js';
import { resolvePath } from './path.js';
import { byPriorityThenIndex } from './rule-order.js';
import type { EvaluationResult, Facts, FiredRule } from './types.js';

/** What json-rules-engine keeps of an operator; its operator map is not in the published types. */
interface BuiltInOperator {
  readonly name: string;
  evaluate(factValue: unknown, compareValue: unknown): boolean;
}

const BUILT_INS = ['equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'];

/**
 * json-rules-engine's own built-in operators, each wrapped so that a throw (`in` against a
 * number, a value that cannot become a string …) is a false condition instead of a rejected
 * run; operators.ts does the same. Its validators and comparisons are otherwise untouched.
 */
const guardedBuiltIns: readonly EngineOperator[] = (() => {
  const map = (new Engine() as unknown as { operators: { get(name: string): BuiltInOperator | null } }).operators;
  return BUILT_INS.map((name) => {
    const original = map.get(name);
    if (!original) throw new Error(`json-rules-engine has no "${name}" operator`);
    return new EngineOperator<unknown, unknown>(name, (a, b) => {
      try {
        return original.evaluate(a, b);
      } catch {
        return false;
      }
    });
  });
})();

const RULE_NAME = /^rule#(\d+)$/;

/**
 * A fresh Engine for `doc`. Rules are named `rule#<index>` so results map back to positions;
 * the document's own names are reported from the document.
 */
function buildEngine(doc: RuleSetDocument): Engine {
  const named = namedConditions(doc);
  assertNoConditionCycle(named);
  const engine = new Engine([], {
    // A missing fact is undefined rather than an UndefinedFactError, and an unknown named
    // condition is false rather than a thrown error.
    allowUndefinedFacts: true,
    allowUndefinedConditions: true,
    // Its default JSONPath resolver is slow, had advisories, and reads inherited members.
    pathResolver: resolvePath,
  });
  for (const op of guardedBuiltIns) engine.addOperator(op);
  registerDateOperators(engine);
  // json-rules-engine writes into the condition objects it is given; hand it copies.
  for (const [name, condition] of named) engine.setCondition(name, structuredClone(condition) as EngineCondition);
  doc.rules.forEach((rule, index) => {
    const copy = structuredClone(rule);
    engine.addRule({ name: `rule#${index}`, priority: copy.priority as number, conditions: copy.conditions as EngineCondition, event: copy.event });
  });
  return engine;
}

/**
 * The facts as json-rules-engine should see them: own properties only (its `for…in` would
 * also pick up inherited ones), no empty name (its Fact constructor throws on one), and values
 * that are functions or Facts wrapped so they stay values instead of being called.
 */
function runtimeFacts(input: unknown): Record<string, unknown> {
  const facts = asFacts(input);
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of factNames(facts)) {
    const value = facts[key];
    out[key] = typeof value === 'function' || value instanceof Fact ? new Fact(key, () => value) : value;
  }
  return out;
}

/** One run: the hit-policy result and every rule's outcome, by index. */
export interface ReferenceOutcome {
  readonly result: EvaluationResult;
  readonly ruleResults: readonly boolean[];
}

async function runOnce(engine: Engine, doc: RuleSetDocument, facts: unknown): Promise<ReferenceOutcome> {
  const { results } = await engine.run(runtimeFacts(facts));
  const ruleResults: boolean[] = doc.rules.map(() => false);
  const indexOf = (r: RuleResult) => Number(RULE_NAME.exec(r.name)?.[1] ?? Number.NaN);
  const fired: FiredRule[] = results.map((r) => {
    const index = indexOf(r);
    ruleResults[index] = true;
    const event = r.event ?? { type: 'unknown' };
    return { index, name: doc.rules[index]?.name ?? null, priority: r.priority ?? 1, event: { type: event.type, params: event.params ?? {} } };
  });
  // json-rules-engine runs every rule and lists results as they finish; we order them.
  fired.sort(byPriorityThenIndex);
  return { result: { fired: doc.hitPolicy === 'first' ? fired.slice(0, 1) : fired }, ruleResults };
}

/**
 * Evaluates `doc` with json-rules-engine: the reference meaning of a rule set, slow (every run
 * deep-clones the rules and goes through promises) but authoritative. A new Engine per call,
 * because a shared Engine running concurrent `run()`s can skip priority levels.
 *
 * @throws RuleEngineError CONDITION_CYCLE when named conditions refer to each other in a loop.
 * @example
 * const { fired } = await evaluateReference(document, { customer: { grade: 'A' } });
 */
export async function evaluateReference(doc: RuleSetDocument, facts: Facts): Promise<EvaluationResult> {
  return (await runOnce(buildEngine(doc), doc, facts)).result;
}

/**
 * One Engine reused for many runs of the same document, for tests and benchmarks that need the
 * reference fast. Strictly one run at a time: a second call before the first settles throws.
 *
 * @example
 * const reference = createSerialReference(document);
 * for (const facts of inputs) compare(await reference(facts));
 */
export function createSerialReference(doc: RuleSetDocument): (facts: Facts) => Promise<ReferenceOutcome> {
  const engine = buildEngine(doc);
  let busy = false;
  return async (facts) => {
    if (busy) throw new Error('createSerialReference: one run at a time; a shared Engine skips priority levels under concurrency');
    busy = true;
    try {
      return await runOnce(engine, doc, facts);
    } finally {
      busy = false;
    }
  };
}
