// What evaluating a rule set gives back: the rules that fired, and on request why.
import type { ConditionExplanation, Explanation, FiredRule, RuleExplanation } from '../../schemas/explanation.js';

// Defined with the API's schemas, so the admin UI reads explanations without importing the engine.
export type { ConditionExplanation, Explanation, FiredRule, RuleExplanation };

/**
 * The facts of one decision by name (`customer`, `rep` …). Only own enumerable keys count; a
 * fact may hold any value, and a missing fact reads as `undefined`.
 */
export type Facts = Readonly<Record<string, unknown>>;

/**
 * Fired rules by priority (highest first), ties by index. Hit policy 'first' keeps only the
 * first of them; 'collect' keeps all. Results may be shared between calls and are read-only.
 */
export interface EvaluationResult {
  readonly fired: readonly FiredRule[];
}

/** A rule set turned into closures, ready to evaluate many times. */
export interface CompiledRuleSet {
  evaluate(facts: Facts): EvaluationResult;
  explain(facts: Facts): Explanation;
}
