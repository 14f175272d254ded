// What a decision may see and say: its facts (typed fields, so paths and operators can be checked),
// the events it may emit with their params, and its hit policy.
import { z } from 'zod';
import type { DecisionName, HitPolicy, Operator } from '../rule-set.js';

export const FieldType = z.enum(['string', 'number', 'boolean', 'date', 'string[]']);
export type FieldType = z.infer<typeof FieldType>;

export const FieldSpec = z.object({
  type: FieldType,
  description: z.string(),
  /** Allowed values of a string field (shown as completions). */
  enum: z.array(z.string()).readonly().optional(),
  /** The value may be null (unknown). */
  nullable: z.boolean().optional(),
});
export type FieldSpec = z.infer<typeof FieldSpec>;

export const FactSpec = z.object({ description: z.string(), fields: z.record(z.string(), FieldSpec) });
export type FactSpec = z.infer<typeof FactSpec>;

export interface EventSpec {
  description: string;
  params: z.ZodType;
}

export interface DecisionContract {
  name: DecisionName;
  description: string;
  hitPolicy: HitPolicy;
  facts: Record<string, FactSpec>;
  events: Record<string, EventSpec>;
  /** What happens when no rule fires. */
  whenNothingFires: string;
}

/** Operators a field type allows, and what their value must be. */
export const operatorsFor: Record<FieldType, readonly Operator[]> = {
  string: ['equal', 'notEqual', 'in', 'notIn'],
  number: ['equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'in', 'notIn'],
  boolean: ['equal', 'notEqual'],
  date: ['before', 'after', 'onOrBefore', 'onOrAfter'],
  'string[]': ['contains', 'doesNotContain'],
};

export const operatorDescriptions: Record<Operator, string> = {
  equal: 'fact === value',
  notEqual: 'fact !== value',
  in: 'the fact is one of the listed values (value: an array)',
  notIn: 'the fact is none of the listed values (value: an array)',
  contains: 'the fact (a list) contains the value',
  doesNotContain: 'the fact (a list) does not contain the value',
  lessThan: 'fact < value (numbers)',
  lessThanInclusive: 'fact <= value (numbers)',
  greaterThan: 'fact > value (numbers)',
  greaterThanInclusive: 'fact >= value (numbers)',
  before: 'the fact date is before the value date',
  after: 'the fact date is after the value date',
  onOrBefore: 'the fact date is on or before the value date',
  onOrAfter: 'the fact date is on or after the value date',
};

const fieldSchema = (f: FieldSpec): z.ZodType => {
  let s: z.ZodType;
  switch (f.type) {
    case 'string':
      s = f.enum ? z.enum(f.enum as [string, ...string[]]) : z.string();
      break;
    case 'number':
      s = z.number();
      break;
    case 'boolean':
      s = z.boolean();
      break;
    case 'date':
      s = z.iso.datetime({ offset: true });
      break;
    case 'string[]':
      s = z.array(z.string());
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
