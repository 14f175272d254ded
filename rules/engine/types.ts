// What evaluating a rule set gives back: the rules that fired, and on request why.
import type { DecisionName, HitPolicy, Operator } from '../../schemas/rule-set.js';

/**
 * The facts of one decision by name (`customer`, `rep` …). Only own enumerable keys count; a
 * fact may hold any value, and a missing fact reads as `undefined`.
 */
export type Facts = Readonly<Record<string, unknown>>;

/** A rule whose conditions held. */
export interface FiredRule {
  /** Position in the document's `rules`. */
  readonly index: number;
  readonly name: string | null;
  readonly priority: number;
  readonly event: { readonly type: string; readonly params: Readonly<Record<string, unknown>> };
}

/**
 * Fired rules by priority (highest first), ties by index. Hit policy 'first' keeps only the
 * first of them; 'collect' keeps all. Results may be shared between calls and are read-only.
 */
export interface EvaluationResult {
  readonly fired: readonly FiredRule[];
}

/** One condition with the values it saw; `result` is its true outcome even where evaluation would have stopped early. */
export type ConditionExplanation =
  | { readonly kind: 'all' | 'any'; readonly result: boolean; readonly conditions: ConditionExplanation[] }
  | { readonly kind: 'not'; readonly result: boolean; readonly condition: ConditionExplanation }
  | {
      readonly kind: 'reference';
      /** The named condition; `condition` is null when the document does not define it (then it is false). */
      readonly name: string;
      readonly result: boolean;
      readonly condition: ConditionExplanation | null;
    }
  | {
      readonly kind: 'fact';
      readonly fact: string;
      readonly path: string | null;
      readonly operator: Operator;
      /** The compared value; the referenced fact's value when the document gave a fact reference. */
      readonly value: unknown;
      readonly factValue: unknown;
      readonly result: boolean;
    };

export interface RuleExplanation {
  readonly index: number;
  readonly name: string | null;
  readonly priority: number;
  readonly result: boolean;
  readonly conditions: ConditionExplanation;
}

/** Every rule (in document order) with every condition evaluated, and what fired. */
export interface Explanation {
  readonly decision: DecisionName;
  readonly hitPolicy: HitPolicy;
  fired: FiredRule[];
  readonly rules: RuleExplanation[];
}

/** A rule set turned into closures, ready to evaluate many times. */
export interface CompiledRuleSet {
  evaluate(facts: Facts): EvaluationResult;
  explain(facts: Facts): Explanation;
}
