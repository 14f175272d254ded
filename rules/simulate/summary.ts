// Accumulates a simulation: counts of changed outcomes, the transitions, and a few examples.
import type { DecisionName } from '../../schemas/rule-set.js';
import { changeKind, type Outcome } from './outcome.js';

interface Example {
  subjectId: string;
  subject: string;
  before: string;
  after: string;
  /** Filled for examples only: both explanations, so a person can see why. */
  explanation?: { baseline: unknown; candidate: unknown };
  /** The facts both versions saw, so the example can be pinned as a test case. */
  facts?: Record<string, unknown>;
}

export function createSummary(decision: DecisionName, maxExamples = 10) {
  const transitions = new Map<string, number>();
  const examples: Example[] = [];
  let evaluated = 0;
  let changed = 0;
  return {
    add(subjectId: string, subject: string, before: Outcome, after: Outcome): boolean {
      evaluated++;
      if (before.key === after.key) return false;
      changed++;
      const t = `${before.label} → ${after.label}`;
      transitions.set(t, (transitions.get(t) ?? 0) + 1);
      if (examples.length < maxExamples) {
        examples.push({ subjectId, subject, before: before.label, after: after.label });
        return true;
      }
      return false;
    },
    examples,
    result() {
      return {
        decision,
        evaluated,
        changed,
        unchanged: evaluated - changed,
        changes: { [changeKind[decision]]: changed },
        transitions: [...transitions].sort((a, b) => b[1] - a[1]).slice(0, 50).map(([change, count]) => ({ change, count })),
        examples,
      };
    },
  };
}
