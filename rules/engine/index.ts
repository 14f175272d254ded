// The rules engine: compiled rule sets for production, json-rules-engine as their reference meaning.
export { compileRuleSet } from './compile.js';
export { RuleEngineError, RuleEngineErrorCode } from './errors.js';
export { operators, registerDateOperators } from './operators.js';
export { resolvePath } from './path.js';
export { type ReferenceOutcome, createSerialReference, evaluateReference } from './reference.js';
export type {
  CompiledRuleSet,
  ConditionExplanation,
  EvaluationResult,
  Explanation,
  Facts,
  FiredRule,
  RuleExplanation,
} from './types.js';
