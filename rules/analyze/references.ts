// Warnings about the reps a valid rule set names: a deactivated one is named but reaches nobody. (An
// id that does not exist is an error of the validator: rules/validate/references.ts.)
import { pointerOf } from '../validate/issues.js';
import { inactiveReps, type KnownIds } from '../validate/references.js';
import type { RuleSetDocument } from '../../schemas/rule-set.js';
import type { AnalysisWarning } from './index.js';
import { renderAnalysis } from './messages.js';

/**
 * A warning at every place that names a deactivated rep.
 *
 * @example
 * referenceWarnings(doc, known); // [{ pointer: '/rules/0/event/params/rep', code: 'analysis.inactive-rep', … }]
 */
export function referenceWarnings(document: RuleSetDocument, known: KnownIds): AnalysisWarning[] {
  return inactiveReps(document, known).map((r) => ({ pointer: pointerOf(r.path), code: 'analysis.inactive-rep', ...renderAnalysis('analysis.inactive-rep', r.id) }));
}
