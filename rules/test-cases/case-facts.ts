// A test case's facts against its decision's contract: every fact and field it names must exist
// and hold a value of the field's type; a case may leave facts and fields out (they read as missing).
import { z } from 'zod';
import { factsSchema } from '../../schemas/decisions/contract.js';
import { contracts } from '../../schemas/decisions/index.js';
import type { DecisionName } from '../../schemas/rule-set.js';

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
