// A test case's facts against its decision's contract: every fact and field it names must exist
// and hold a value of the field's type; a case may leave facts and fields out (they read as missing).
import { z } from 'zod';
import { factsSchema } from '../../schemas/decisions/contract.js';
import { contracts } from '../../schemas/decisions/index.js';
import type { DecisionName } from '../../schemas/rule-set.js';
import type { ExpectedOutcome } from '../../schemas/test-cases.js';

export interface FactsIssue {
  /** JSON pointer into the facts, e.g. /customer/grade. */
  pointer: string;
  message: string;
}

const pointer = (path: readonly PropertyKey[]) => path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/** The decision's facts schema with every fact and field optional and unknown names refused. */
const partialSchemas = Object.fromEntries(
  Object.entries(contracts).map(([name, contract]) => {
    const full = factsSchema(contract);
    const shape = Object.fromEntries(Object.entries(full.shape).map(([fact, s]) => [fact, (s as z.ZodObject).partial().strict().optional()]));
    return [name, z.strictObject(shape)];
  }),
) as Partial<Record<DecisionName, z.ZodType>>;

export function checkCaseFacts(decision: DecisionName, facts: unknown): FactsIssue[] {
  const result = partialSchemas[decision]!.safeParse(facts);
  return result.success ? [] : result.error.issues.flatMap((i) => {
    // An unknown key: point at it, not at its parent.
    if (i.code === 'unrecognized_keys') return i.keys.map((k) => ({ pointer: pointer([...i.path, k]), message: `${decision} has no fact or field "${k}"` }));
    return [{ pointer: pointer(i.path), message: i.message }];
  });
}

/** Keeps the facts and fields the decision's contract knows (a decision record also holds others). */
export function contractFacts(decision: DecisionName, facts: Record<string, unknown>): Record<string, unknown> {
  const specs = contracts[decision].facts;
  return Object.fromEntries(
    Object.entries(facts).flatMap(([fact, value]) => {
      const spec = specs[fact];
      if (!spec || typeof value !== 'object' || value === null) return [];
      return [[fact, Object.fromEntries(Object.entries(value).filter(([k]) => Object.hasOwn(spec.fields, k)))]];
    }),
  );
}

/**
 * A test case's expected params against its decision's events: each stated param must be one some
 * event of the decision has, with a value that event accepts; otherwise the case could never pass
 * and would block publishing until someone found why. Pointers are into `expected`.
 */
export function checkExpected(decision: DecisionName, expected: ExpectedOutcome): FactsIssue[] {
  const events = Object.entries(contracts[decision].events);
  const issues: FactsIssue[] = [];
  expected.fired.forEach((rule, i) => {
    for (const [key, value] of Object.entries(rule.params ?? {})) {
      const at = pointer(['fired', i, 'params', key]);
      const fields = events.flatMap(([, spec]) => {
        const field = (spec.params as z.ZodObject).shape?.[key] as z.ZodType | undefined;
        return field ? [field] : [];
      });
      if (fields.length === 0) {
        const known = [...new Set(events.flatMap(([, spec]) => Object.keys(spec.paramLabels)))];
        issues.push({ pointer: at, message: `"${key}" is not a parameter of the ${decision} decision's events; they have ${known.map((k) => `"${k}"`).join(', ')}` });
        continue;
      }
      const tries = fields.map((f) => f.safeParse(value));
      const failed = tries.find((t) => !t.success);
      if (tries.every((t) => !t.success) && failed && !failed.success) {
        issues.push({ pointer: at, message: `the parameter "${key}" cannot be ${JSON.stringify(value)}: ${failed.error.issues[0]?.message ?? 'invalid value'}` });
      }
    }
  });
  return issues;
}
