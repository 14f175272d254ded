// Whether what a rule set did is what a test case expects: the same rules fired in the same order,
// and every param the case states equal to the actual one (params it does not state are not checked).
import stableStringify from 'fast-json-stable-stringify';
import type { FiredRule } from '../../schemas/explanation.js';
import type { ActualOutcome, ExpectedOutcome } from '../../schemas/test-cases.js';

/** Equal as JSON values (params are JSON: they come from documents and request bodies). */
const sameJson = (a: unknown, b: unknown) => stableStringify(a) === stableStringify(b);

export function actualOutcome(fired: readonly FiredRule[]): ActualOutcome {
  return { fired: fired.map((f) => ({ name: f.name, type: f.event.type, params: f.event.params })) };
}

export function outcomeMatches(expected: ExpectedOutcome, actual: ActualOutcome): boolean {
  if (expected.fired.length !== actual.fired.length) return false;
  return expected.fired.every((e, i) => {
    const a = actual.fired[i]!;
    if (e.name !== a.name) return false;
    return Object.entries(e.params ?? {}).every(([k, v]) => Object.hasOwn(a.params, k) && sameJson(a.params[k], v));
  });
}

/** Today's outcome as a case would state it: every fired rule with all its params. */
export function expectedFrom(fired: readonly { name: string | null; event: { params?: Record<string, unknown> | undefined } }[]): ExpectedOutcome {
  return { fired: fired.map((f) => ({ name: f.name, params: f.event.params ?? {} })) };
}
