// The analysis of a valid rule set as the API reports it: each warning in the caller's language,
// with the line and column where source text wrote the rule (its name) or the rule set.
import { locate, parseRules } from '../../rules/dsl/index.js';
import { analyzeRuleSet } from '../../rules/analyze/index.js';
import { toTable } from '../../rules/table/index.js';
import { contracts } from '../../schemas/decisions/index.js';
import type { DecisionTable } from '../../schemas/decision-table/index.js';
import type { Language } from '../../schemas/language.js';
import type { RuleSetDocument } from '../../schemas/rule-set.js';
import type { ValidationWarning } from '../../schemas/rule-sets-api.js';

type Warning = { pointer: string; code: string; message: string; zh: string };

/** The warnings of a valid document (the analysis's, and `more` found elsewhere); `source` is its text when it was written in the rules language. */
export function analysisWarnings(document: RuleSetDocument, source: string | null, language: Language, more: readonly Warning[] = []): ValidationWarning[] {
  const warnings = [...analyzeRuleSet(document, contracts[document.decision]), ...more];
  const positions = source === null || warnings.length === 0 ? undefined : parseRules(source).positions;
  return warnings.map((w) => {
    const out: ValidationWarning = { pointer: w.pointer, code: w.code, message: language === 'zh' ? w.zh : w.message };
    if (positions) {
      const named = positions.get(`${w.pointer}/name`);
      Object.assign(out, named ?? locate(w.pointer, positions));
    }
    return out;
  });
}

/** The decision table of a valid document, for the grid view. */
export const tableOf = (document: RuleSetDocument): DecisionTable => toTable(document, contracts[document.decision]);
