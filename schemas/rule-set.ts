// Rule-set documents: json-rules-engine's rule format plus the decision it is for and a hit policy.
// This zod schema gives the types and the OpenAPI shape; rules/validate checks the meaning
// (known facts, paths, operators, event params) and reports every fault with a JSON pointer.
import { z } from 'zod';

export const DecisionName = z.enum(['assignment', 'grading', 'caps', 'approval', 'reclaim']).meta({
  description: 'assignment: who gets a customer; grading: A–E; caps: rep quotas; approval: quote sign-off; reclaim: deadlines.',
});
export type DecisionName = z.infer<typeof DecisionName>;

export const HitPolicy = z.enum(['first', 'collect']).meta({
  description: 'first: the highest-priority rule that fires decides (ties: the earlier rule); collect: every rule that fires counts.',
});
export type HitPolicy = z.infer<typeof HitPolicy>;

/** Operators: json-rules-engine's built-ins plus date comparisons (both sides parsed as dates). */
export const OPERATORS = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'before',
  'after',
  'onOrBefore',
  'onOrAfter',
] as const;
export const Operator = z.enum(OPERATORS);
export type Operator = z.infer<typeof Operator>;

/** `$.field` or `$.field.sub`: a plain property path (no JSONPath filters or wildcards). */
export const FactPath = z.string().regex(/^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/, 'a path like "$.country"');

export const FactReference = z.strictObject({ fact: z.string(), path: FactPath.optional() });

export const FactCondition = z.strictObject({
  fact: z.string(),
  path: FactPath.optional(),
  operator: Operator,
  value: z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.union([z.string(), z.number(), z.boolean()])), FactReference]),
  name: z.string().optional(),
  priority: z.number().int().min(1).optional(),
});
export type FactCondition = z.infer<typeof FactCondition>;

export type Condition =
  | FactCondition
  | { all: Condition[]; name?: string | undefined; priority?: number | undefined }
  | { any: Condition[]; name?: string | undefined; priority?: number | undefined }
  | { not: Condition; name?: string | undefined; priority?: number | undefined }
  | { condition: string; name?: string | undefined; priority?: number | undefined };

export type TopLevelCondition = Exclude<Condition, FactCondition>;

const meta = { name: z.string().optional(), priority: z.number().int().min(1).optional() };
export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    FactCondition,
    z.strictObject({ all: z.array(ConditionSchema), ...meta }),
    z.strictObject({ any: z.array(ConditionSchema), ...meta }),
    z.strictObject({ not: ConditionSchema, ...meta }),
    z.strictObject({ condition: z.string(), ...meta }),
  ]),
).meta({ id: 'RuleCondition' });
export const TopLevelConditionSchema: z.ZodType<TopLevelCondition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(ConditionSchema), ...meta }),
    z.strictObject({ any: z.array(ConditionSchema), ...meta }),
    z.strictObject({ not: ConditionSchema, ...meta }),
    z.strictObject({ condition: z.string(), ...meta }),
  ]),
).meta({ id: 'RuleTopLevelCondition' });

/**
 * Comment lines of the rules language, each the text after its "#" (one space after the "#" is the
 * printer's). Documents carry them so that text → JSON → text keeps them (through the decision
 * table too); the engine, the hash and the per-rule diff ignore them.
 */
export const CommentLines = z
  .array(z.string().max(1000).regex(/^[^\r\n]*$/, 'one line of text'))
  .max(500)
  .meta({ description: 'Comment lines (the text after "#"), kept for the rules language; the engine ignores them.' });

export const RuleEvent = z.strictObject({ type: z.string(), params: z.record(z.string(), z.unknown()).optional() });

export const Rule = z.strictObject({
  comments: CommentLines.optional().meta({ description: 'Comment lines written before the rule or within it, in order.' }),
  name: z.string().max(200).optional(),
  priority: z.number().int().min(1).max(10_000).optional().meta({ description: 'Higher runs first; default 1.' }),
  conditions: TopLevelConditionSchema,
  event: RuleEvent,
});
export type Rule = z.infer<typeof Rule>;

/** The comments of a rule set that belong to no rule: before the header, before each named condition, after the last rule. */
export const RuleSetComments = z
  .strictObject({
    head: CommentLines.optional().meta({ description: 'Before and within the header (decision, hit policy, description).' }),
    conditions: z.record(z.string(), CommentLines).optional().meta({ description: 'Before or within each named condition, by its name.' }),
    end: CommentLines.optional().meta({ description: 'After the last rule.' }),
  })
  .meta({ id: 'RuleSetComments' });
export type RuleSetComments = z.infer<typeof RuleSetComments>;

export const RuleSetDocument = z
  .strictObject({
    decision: DecisionName,
    hitPolicy: HitPolicy,
    description: z.string().max(2000).optional(),
    conditions: z.record(z.string(), TopLevelConditionSchema).optional().meta({
      description: 'Named conditions rules can use as { "condition": "<name>" }.',
    }),
    rules: z.array(Rule),
    comments: RuleSetComments.optional(),
  })
  .meta({ id: 'RuleSetDocument' });
export type RuleSetDocument = z.infer<typeof RuleSetDocument>;

/**
 * The document without its comments: what is evaluated, and so what is hashed.
 *
 * @example
 * withoutComments({ ...doc, comments: { head: ['note'] } }); // doc
 */
export function withoutComments(doc: RuleSetDocument): RuleSetDocument {
  const { comments: _comments, ...rest } = doc;
  return { ...rest, rules: rest.rules.map(({ comments: _c, ...rule }) => rule) };
}
