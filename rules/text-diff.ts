// Two versions of a rule set as text side by side, and the unified diff between them: in the rules
// language by default (each printed from its document, comments included, so that only what changed
// shows, never layout), or as the JSON documents.
import { createTwoFilesPatch } from 'diff';
import type { RuleFormat, TextDiff } from '../schemas/rule-sets-api.js';
import type { RuleSetDocument } from '../schemas/rule-set.js';
import { printRules } from './dsl/index.js';

/** A document as the JSON view shows it. */
const pretty = (document: RuleSetDocument) => `${JSON.stringify(document, null, 2)}\n`;

/**
 * The text of both versions and their unified diff, labelled (e.g. "v3", "v5").
 *
 * @example
 * textDiff({ label: 'v1', document: a }, { label: 'v2', document: b }).unified;
 * // '--- v1\n+++ v2\n@@ -5,3 +5,3 @@\n …\n-  when customer.expectedCloseDays <= 30\n+  when customer.expectedCloseDays <= 20\n'
 */
export function textDiff(before: { label: string; document: RuleSetDocument }, after: { label: string; document: RuleSetDocument }, format: RuleFormat = 'dsl'): TextDiff {
  const show = format === 'dsl' ? printRules : pretty;
  const [a, b] = [show(before.document), show(after.document)];
  // Without the "Index:"/"===" lines createTwoFilesPatch starts with: the diff alone.
  const unified = createTwoFilesPatch(before.label, after.label, a, b, undefined, undefined, { context: 3 }).replace(/^(?:Index:[^\n]*\n)?=+\n/, '');
  return { format, before: a, after: b, unified };
}
