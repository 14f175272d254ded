// The rules engine: compiled rule sets for production, json-rules-engine as their reference meaning.
export { compileRuleSet } from './compile.js';
export { createSerialReference, evaluateReference } from './reference.js';
export type { CompiledRuleSet, EvaluationResult, Facts, FiredRule } from './types.js';
