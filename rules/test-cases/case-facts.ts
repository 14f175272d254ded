// A test case's facts against its decision's contract: every fact and field it names must exist
// and hold a value of the field's type; a case may leave facts and fields out (they read as missing).
import { z } from 'zod';
import { factsSchema } from '../../schemas/decisions/contract.js';
import { contracts } from '../../schemas/decisions/index.js';
import type { DecisionName } from '../../schemas/rule-set.js';
import type { ExpectedOutcome } from '../../schemas/test-cases.js';
import { Issues, type ValidationIssue } from '../validate/issues.js';
import { nearest } from '../validate/nearest.js';

const pointer = (path: readonly PropertyKey[]) => path.map((p) => String(p));

/** The decision's facts schema with every fact and field optional and unknown names refused. */
const partialSchemas = Object.fromEntries(
  Object.entries(contracts).map(([name, contract]) => {
    const full = factsSchema(contract);
    const shape = Object.fromEntries(Object.entries(full.shape).map(([fact, s]) => [fact, (s as z.ZodObject).partial().strict().optional()]));
    return [name, z.strictObject(shape)];
  }),
) as Partial<Record<DecisionName, z.ZodType>>;

const valueAt = (root: unknown, path: readonly PropertyKey[]) => path.reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined), root);

/** Problems with a case's facts (pointers into the facts), in English and Chinese, as the rules validator words them. */
export function checkCaseFacts(decision: DecisionName, facts: unknown): ValidationIssue[] {
  const contract = contracts[decision];
  const result = partialSchemas[decision]!.safeParse(facts);
  if (result.success) return [];
  const issues = new Issues();
  for (const i of result.error.issues) {
    const [fact, field] = i.path.map(String);
    if (i.code === 'unrecognized_keys') {
      // An unknown key: point at it, not at its parent.
      for (const k of i.keys) {
        if (fact === undefined) issues.add([k], 'rules.unknown-fact', k, decision, Object.keys(contract.facts));
        else {
          const fields = Object.keys(contract.facts[fact]?.fields ?? {});
          issues.add([fact, k], 'rules.unknown-field', fact, `$.${k}`, fields, nearest(k, fields));
        }
      }
    } else {
      const spec = fact !== undefined && field !== undefined ? contract.facts[fact]?.fields[field] : undefined;
      issues.add(pointer(i.path), 'rules.case-fact-invalid', i.path.map(String).join('.') || decision, spec?.label.zh ?? '', i, valueAt(facts, i.path));
    }
  }
  return issues.list;
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
export function checkExpected(decision: DecisionName, expected: ExpectedOutcome): ValidationIssue[] {
  const events = Object.entries(contracts[decision].events);
  const issues = new Issues();
  expected.fired.forEach((rule, i) => {
    for (const [key, value] of Object.entries(rule.params ?? {})) {
      const at = ['fired', i, 'params', key];
      const fields = events.flatMap(([, spec]) => {
        const field = (spec.params as z.ZodObject).shape?.[key] as z.ZodType | undefined;
        return field ? [field] : [];
      });
      if (fields.length === 0) {
        issues.add(at, 'rules.case-unknown-param', key, decision, [...new Set(events.flatMap(([, spec]) => Object.keys(spec.paramLabels)))]);
        continue;
      }
      const tries = fields.map((f) => f.safeParse(value));
      const failed = tries.find((t) => !t.success);
      if (tries.every((t) => !t.success) && failed && !failed.success) {
        const issue = failed.error.issues[0]!;
        issues.add([...at, ...(issue.path as (string | number)[])], 'rules.param-invalid', { ...issue, path: [key, ...issue.path] }, value);
      }
    }
  });
  return issues.list;
}
