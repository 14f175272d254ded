// API bodies and views of rule sets, decisions, explanations and decision records.
import { z } from 'zod';
import { DecisionName, RuleSetDocument } from './rule-set.js';
import { GRADES } from './vocabulary.js';

export const RuleSetWriteBody = z
  .strictObject({
    document: z.unknown().meta({ description: 'A rule-set document; see GET /decisions/{decision}/schema.' }),
    comment: z.string().trim().max(1000).optional(),
  })
  .meta({ id: 'RuleSetWrite' });

export const ValidateBody = z.strictObject({ document: z.unknown() }).meta({ id: 'RuleSetValidate' });

export const Issue = z.object({ pointer: z.string(), message: z.string() });
export const ValidationReport = z.object({ valid: z.boolean(), issues: z.array(Issue) }).meta({ id: 'ValidationReport' });

export const RuleSetSummary = z
  .object({
    id: z.string(),
    decision: DecisionName,
    version: z.number(),
    status: z.enum(['draft', 'published', 'archived']),
    hash: z.string(),
    comment: z.string().nullable(),
    authorId: z.string().nullable(),
    rolledBackFrom: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    publishedAt: z.string().nullable(),
    publishedBy: z.string().nullable(),
  })
  .meta({ id: 'RuleSetSummary' });

export const RuleSetVersion = RuleSetSummary.extend({ document: RuleSetDocument }).meta({ id: 'RuleSetVersion' });

export const PublishBody = z.strictObject({ comment: z.string().trim().max(1000).optional() }).meta({ id: 'Publish' });
export const RollbackBody = z
  .strictObject({ version: z.number().int().min(1), comment: z.string().trim().max(1000).optional() })
  .meta({ id: 'Rollback' });

export const ExplainBody = z
  .strictObject({ facts: z.record(z.string(), z.unknown()).meta({ description: 'The facts, e.g. { "customer": { "grade": "A", … } }.' }) })
  .meta({ id: 'Explain' });

export const QuoteFacts = z
  .strictObject({
    amount: z.number().positive().max(1e12),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as "USD"'),
    amountUsd: z.number().positive().max(1e12).optional().meta({ description: 'Required unless the currency is USD.' }),
    discountPct: z.number().min(0).max(100),
    marginPct: z.number().min(-100).max(100),
    itemCount: z.number().int().min(1).max(10_000).default(1),
  })
  .refine((q) => q.currency === 'USD' || q.amountUsd !== undefined, { message: 'give amountUsd for a quote not in USD', path: ['amountUsd'] })
  .meta({ id: 'QuoteFacts' });

export const SimulationScope = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('all') }),
    z.strictObject({ kind: z.literal('sample'), size: z.number().int().min(1).max(1_000_000) }),
    z.strictObject({
      kind: z.literal('filter'),
      status: z.enum(['pool', 'owned', 'won']).optional(),
      poolId: z.string().max(64).optional(),
      country: z.string().max(2).optional(),
      region: z.string().max(60).optional(),
      grade: z.enum(GRADES).optional(),
      ownerId: z.string().max(64).optional(),
      source: z.string().max(60).optional(),
    }),
  ])
  .meta({ id: 'SimulationScope', description: 'all customers, a random sample, or a filter (caps simulations run over reps).' });

export const SimulationBody = z
  .strictObject({
    candidateRuleSetId: z.string().max(64).optional().meta({ description: 'A stored version (usually a draft) to try.' }),
    document: z.unknown().optional().meta({ description: 'Or an unsaved document to try.' }),
    baselineRuleSetId: z.string().max(64).optional().meta({ description: 'Compare with this version; default: the published one.' }),
    scope: SimulationScope.default({ kind: 'all' }),
    quote: z.record(z.string(), z.unknown()).optional().meta({ description: 'Approval simulations: the quote facts to try on every customer.' }),
    wait: z.boolean().default(false).meta({ description: 'Answer with the result instead of 202 and a job to poll.' }),
  })
  .refine((b) => (b.candidateRuleSetId === undefined) !== (b.document === undefined), { message: 'give either candidateRuleSetId or document', path: ['candidateRuleSetId'] })
  .meta({ id: 'Simulation' });
