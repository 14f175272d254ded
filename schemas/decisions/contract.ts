// What a decision may see and say: its facts (typed fields, so paths and operators can be checked),
// the events it may emit with their params, and its hit policy.
import { z } from 'zod';
import type { DecisionName, HitPolicy, Operator } from '../rule-set.js';

export const FieldType = z.enum(['string', 'number', 'boolean', 'date', 'string[]']);
export type FieldType = z.infer<typeof FieldType>;

/** A text in English and Simplified Chinese; the UI and the explanations pick one by the user's language. */
export const Localized = z.object({ en: z.string(), zh: z.string() }).meta({ id: 'Localized' });
export type Localized = { en: string; zh: string };

/** What an id names: a rep, a team or a pool. Rule sets may name only ones that exist. */
export const ReferenceKind = z.enum(['rep', 'team', 'pool']);
export type ReferenceKind = z.infer<typeof ReferenceKind>;

export const FieldSpec = z.object({
  type: FieldType,
  label: Localized,
  description: Localized,
  /** Allowed values of a string field (shown as completions). */
  enum: z.array(z.string()).readonly().optional(),
  /** Words for the allowed values, as explanations say them ("inquiry" → 询盘); a value without is shown as written. */
  values: z.record(z.string(), Localized).optional(),
  /** The value may be null (unknown). */
  nullable: z.boolean().optional(),
  /** A number field that only holds whole numbers (days, counts); the analysis sees no gap between 30 and 31. */
  integer: z.boolean().optional(),
  /** The field holds the id of a rep, a team or a pool: a value a rule compares it with must exist. */
  refers: ReferenceKind.optional(),
});
export type FieldSpec = z.infer<typeof FieldSpec>;

export const FactSpec = z.object({ label: Localized, description: Localized, fields: z.record(z.string(), FieldSpec) });
export type FactSpec = z.infer<typeof FactSpec>;

/** The label and description of one event parameter. */
export interface ParamLabel {
  label: Localized;
  description: Localized;
}

export interface EventSpec {
  label: Localized;
  description: Localized;
  params: z.ZodType;
  /** One entry per key of `params` (a test keeps them in step). */
  paramLabels: Record<string, ParamLabel>;
  /** The params that hold the id of a rep, a team or a pool, which must exist. */
  references?: Record<string, ReferenceKind>;
}

export interface DecisionContract {
  name: DecisionName;
  label: Localized;
  description: Localized;
  hitPolicy: HitPolicy;
  facts: Record<string, FactSpec>;
  events: Record<string, EventSpec>;
  /** What happens when no rule fires. */
  whenNothingFires: Localized;
  /**
   * The values a field ever has when this decision runs, where fewer than its type allows, by
   * "fact.field" (reclaim decides for owned and won customers only). The analysis looks for gaps
   * among these alone, so a reclaim set is not told it has no rule for customers in the pool.
   */
  sees?: Record<string, readonly string[]>;
}

/** Operators a field type allows, and what their value must be. */
export const operatorsFor: Record<FieldType, readonly Operator[]> = {
  string: ['equal', 'notEqual', 'in', 'notIn'],
  number: ['equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'in', 'notIn'],
  boolean: ['equal', 'notEqual'],
  date: ['before', 'after', 'onOrBefore', 'onOrAfter'],
  'string[]': ['contains', 'doesNotContain'],
};

/** How an operator reads: `text` is its spelling in the rules language, `en`/`zh` its words. */
export interface OperatorLabel {
  text: string;
  en: string;
  zh: string;
}

export const operatorLabels: Record<Operator, OperatorLabel> = {
  equal: { text: '=', en: 'equals', zh: '等于' },
  notEqual: { text: '!=', en: 'does not equal', zh: '不等于' },
  lessThan: { text: '<', en: 'less than', zh: '小于' },
  lessThanInclusive: { text: '<=', en: 'at most', zh: '小于等于' },
  greaterThan: { text: '>', en: 'greater than', zh: '大于' },
  greaterThanInclusive: { text: '>=', en: 'at least', zh: '大于等于' },
  in: { text: 'in', en: 'is one of', zh: '属于' },
  notIn: { text: 'not in', en: 'is none of', zh: '不属于' },
  contains: { text: 'contains', en: 'contains', zh: '包含' },
  doesNotContain: { text: 'does not contain', en: 'does not contain', zh: '不包含' },
  before: { text: 'before', en: 'before', zh: '早于' },
  after: { text: 'after', en: 'after', zh: '晚于' },
  onOrBefore: { text: 'on or before', en: 'on or before', zh: '不晚于' },
  onOrAfter: { text: 'on or after', en: 'on or after', zh: '不早于' },
};

/**
 * The longest text a string fact holds: the longest customer field (the company name) is 200
 * characters, ids and codes are shorter; so a test case cannot store facts no decision ever sees.
 */
const MAX_FACT_TEXT = 200;
/** The most items a list fact (a rep's tags) holds. */
const MAX_FACT_ITEMS = 100;

const fieldSchema = (f: FieldSpec): z.ZodType => {
  let s: z.ZodType;
  switch (f.type) {
    case 'string':
      s = f.enum ? z.enum(f.enum as [string, ...string[]]) : z.string().max(MAX_FACT_TEXT);
      break;
    case 'number':
      // Whole-number fields (days, counts) are never negative nor fractional when the product builds them.
      s = f.integer ? z.number().int().min(0) : z.number();
      break;
    case 'boolean':
      s = z.boolean();
      break;
    case 'date':
      s = z.iso.datetime({ offset: true });
      break;
    case 'string[]':
      s = z.array(z.string().max(MAX_FACT_TEXT)).max(MAX_FACT_ITEMS);
      break;
  }
  return f.nullable ? s.nullable() : s;
};

/** The zod schema of a decision's facts, to check what the product feeds it. */
export function factsSchema(contract: DecisionContract) {
  return z.object(
    Object.fromEntries(
      Object.entries(contract.facts).map(([name, fact]) => [
        name,
        z.object(Object.fromEntries(Object.entries(fact.fields).map(([k, f]) => [k, fieldSchema(f)]))),
      ]),
    ),
  );
}
