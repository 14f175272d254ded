// Rule sets compiled to plain closures: the fast engine, with json-rules-engine's meaning (reference.ts).
import type { Rule, RuleSetDocument } from '../../schemas/rule-set.js';
import { AccessorTable, countReads } from './accessors.js';
import { type CompiledCondition, type Test, createConditionCompiler, frozenCopy } from './compile-condition.js';
import { asFacts } from './facts.js';
import { assertNoConditionCycle, namedConditions } from './named-conditions.js';
import { byPriorityThenIndex, rulePriority } from './rule-order.js';
import { createRuleFilter } from './rule-index.js';
import type { CompiledRuleSet, EvaluationResult, Explanation, Facts, FiredRule, RuleExplanation } from './types.js';

// Never written: with no slots no accessor keeps anything.
const NO_SLOTS: unknown[] = [];
const NOTHING_FIRED: EvaluationResult = Object.freeze({ fired: Object.freeze([]) });

interface CompiledRule {
  readonly source: Rule;
  readonly fired: FiredRule;
  readonly condition: CompiledCondition;
}

/**
 * Turns a rule-set document into closures that evaluate it without json-rules-engine, giving
 * the same fired rules for every document and facts (see reference.ts for the meaning). The
 * document is copied, so later edits to it do not affect the compiled rule set.
 *
 * @throws RuleEngineError CONDITION_CYCLE when named conditions refer to each other in a loop.
 * @example
 * const grading = compileRuleSet(document);
 * const { fired } = grading.evaluate({ customer: { noDemand: true } });
 * fired[0]?.event.params.grade; // 'E'
 * grading.explain({ customer: {} }).rules[0]?.conditions; // every condition with the values it saw
 */
export function compileRuleSet(doc: RuleSetDocument): CompiledRuleSet {
  const named = namedConditions(doc);
  assertNoConditionCycle(named);
  const accessors = new AccessorTable(countReads(doc));
  const compileCondition = createConditionCompiler(named, accessors);

  const rules: CompiledRule[] = doc.rules.map((rule, index) => ({
    source: rule,
    fired: Object.freeze({
      index,
      name: rule.name ?? null,
      priority: rulePriority(rule),
      event: Object.freeze({ type: rule.event.type, params: frozenCopy(rule.event.params ?? {}) }),
    }),
    condition: compileCondition(rule.conditions),
  }));
  const ordered = [...rules].sort((a, b) => byPriorityThenIndex(a.fired, b.fired));
  const tests: readonly Test[] = ordered.map((r) => r.condition.test);
  const firedRules: readonly FiredRule[] = ordered.map((r) => r.fired);
  // Hit policy 'first' has one possible result per rule (results are shared and read-only), so
  // an evaluation allocates nothing.
  const firstResults: readonly EvaluationResult[] = firedRules.map((fired) => Object.freeze({ fired: Object.freeze([fired]) }));
  // Positions worth testing for given facts: all of them, or fewer when a field many rules
  // require tells which cannot fire.
  const all = Object.freeze(ordered.map((_, i) => i));
  const filter = createRuleFilter(
    ordered.map((r) => r.source),
    accessors,
  );
  const slotCount = accessors.size;

  let evaluate: (facts: Facts) => EvaluationResult;
  if (doc.hitPolicy === 'first') {
    evaluate = (input) => {
      const facts = asFacts(input);
      const slots = slotCount === 0 ? NO_SLOTS : new Array<unknown>(slotCount);
      const positions = filter === null ? all : filter(facts, slots);
      for (let j = 0; j < positions.length; j++) {
        const i = positions[j]!;
        if (tests[i]!(facts, slots)) return firstResults[i]!;
      }
      return NOTHING_FIRED;
    };
  } else {
    evaluate = (input) => {
      const facts = asFacts(input);
      const slots = slotCount === 0 ? NO_SLOTS : new Array<unknown>(slotCount);
      const positions = filter === null ? all : filter(facts, slots);
      const fired: FiredRule[] = [];
      for (let j = 0; j < positions.length; j++) {
        const i = positions[j]!;
        if (tests[i]!(facts, slots)) fired.push(firedRules[i]!);
      }
      return { fired };
    };
  }

  const { decision, hitPolicy } = doc;
  const explain = (input: unknown): Explanation => {
    const facts = asFacts(input);
    const slots = new Array<unknown>(slotCount);
    const explained: RuleExplanation[] = rules.map(({ fired, condition }) => {
      const conditions = condition.explain(facts, slots);
      return { index: fired.index, name: fired.name, priority: fired.priority, result: conditions.result, conditions };
    });
    const passed = ordered.filter((r) => explained[r.fired.index]!.result).map((r) => r.fired);
    return { decision, hitPolicy, fired: hitPolicy === 'first' ? passed.slice(0, 1) : passed, rules: explained };
  };

  return Object.freeze({ evaluate, explain });
}
