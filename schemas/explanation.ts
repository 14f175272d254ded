// Why a rule set decided as it did: the rules that fired, and every condition with the values it
// saw. The engine (rules/engine) produces these; the API and the admin UI show them.
import { z } from 'zod';
import { DecisionName, HitPolicy, Operator } from './rule-set.js';

/** A rule whose conditions held. */
export const FiredRule = z.object({
  index: z.number().int().meta({ description: "Position in the document's rules." }),
  name: z.string().nullable(),
  priority: z.number(),
  event: z.object({ type: z.string(), params: z.record(z.string(), z.unknown()) }),
});
export type FiredRule = z.infer<typeof FiredRule>;

/** One condition with the values it saw; `result` is its true outcome even where evaluation would have stopped early. */
export type ConditionExplanation =
  | { readonly kind: 'all' | 'any'; readonly result: boolean; readonly conditions: ConditionExplanation[] }
  | { readonly kind: 'not'; readonly result: boolean; readonly condition: ConditionExplanation }
  | {
      readonly kind: 'reference';
      /** The named condition; `condition` is null when the document does not define it (then it is false). */
      readonly name: string;
      readonly result: boolean;
      readonly condition: ConditionExplanation | null;
    }
  | {
      readonly kind: 'fact';
      readonly fact: string;
      readonly path: string | null;
      readonly operator: Operator;
      /** The compared value; the referenced fact's value when the document gave a fact reference. */
      readonly value: unknown;
      readonly factValue: unknown;
      readonly result: boolean;
    };

export const ConditionExplanation: z.ZodType<ConditionExplanation> = z
  .lazy(() =>
    z.union([
      z.object({ kind: z.enum(['all', 'any']), result: z.boolean(), conditions: z.array(ConditionExplanation) }),
      z.object({ kind: z.literal('not'), result: z.boolean(), condition: ConditionExplanation }),
      z.object({ kind: z.literal('reference'), name: z.string(), result: z.boolean(), condition: ConditionExplanation.nullable() }),
      z.object({
        kind: z.literal('fact'),
        fact: z.string(),
        path: z.string().nullable(),
        operator: Operator,
        value: z.unknown(),
        factValue: z.unknown(),
        result: z.boolean(),
      }),
    ]),
  )
  .meta({ id: 'ConditionExplanation' });

export const RuleExplanation = z.object({
  index: z.number().int(),
  name: z.string().nullable(),
  priority: z.number(),
  result: z.boolean(),
  conditions: ConditionExplanation,
});
export type RuleExplanation = z.infer<typeof RuleExplanation>;

/** Every rule (in document order) with every condition evaluated, and what fired. */
export const Explanation = z
  .object({ decision: DecisionName, hitPolicy: HitPolicy, fired: z.array(FiredRule), rules: z.array(RuleExplanation) })
  .meta({ id: 'Explanation' });
export type Explanation = z.infer<typeof Explanation>;
