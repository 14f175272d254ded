// A rule set as the API receives it: a JSON document, or source text in the rules language
// (rules/dsl). Either way one document comes out, validated, with its source text; or every problem,
// in the caller's language, with a JSON pointer and, for source text, the line and column.
import { printRules, validateRules } from '../../rules/dsl/index.js';
import { validateRuleSet } from '../../rules/validate/index.js';
import type { KnownIds } from '../../rules/validate/references.js';
import type { Issue, RuleFormat } from '../../schemas/rule-sets-api.js';
import type { RuleSetDocument } from '../../schemas/rule-set.js';
import type { Language } from '../../schemas/language.js';

export interface RuleSetInput {
  format: RuleFormat;
  document?: unknown;
  source?: string | undefined;
}

export type ReadResult =
  | { ok: true; document: RuleSetDocument; /** As written; null when written as JSON. */ source: string | null }
  | { ok: false; issues: Issue[]; location: 'document' | 'source' };

/** The message in the caller's language, where the issue carries a translation. */
const say = (issue: { message: string; zh?: string }, language: Language) => (language === 'zh' && issue.zh ? issue.zh : issue.message);

/** `known`: the reps, teams and pools that exist; given, a rule set naming any other is refused (saving, publishing). */
export function readRuleSet(input: RuleSetInput, language: Language, known?: KnownIds): ReadResult {
  if (input.format === 'dsl') {
    const parsed = validateRules(input.source ?? '', { known });
    if (parsed.issues.length > 0 || !parsed.document) {
      const issues = parsed.issues.map((i) => ({
        pointer: '/source',
        message: say(i, language),
        code: i.code,
        line: i.line,
        column: i.column,
        endLine: i.endLine,
        endColumn: i.endColumn,
      }));
      return { ok: false, issues, location: 'source' };
    }
    // validateRules has checked it; the validator's result is the canonical document.
    const checked = validateRuleSet(parsed.document);
    if (!checked.ok) throw new Error('a parsed rule set failed validation after validateRules passed it');
    return { ok: true, document: checked.document, source: input.source ?? '' };
  }
  const result = validateRuleSet(input.document, { known });
  if (!result.ok) return { ok: false, issues: result.issues.map((i) => ({ pointer: i.pointer, message: say(i, language), code: i.code })), location: 'document' };
  return { ok: true, document: result.document, source: null };
}

/** The source text of a version: as written, else printed from its document. */
export const sourceOf = (document: RuleSetDocument, source: string | null) => source ?? printRules(document);
