// API bodies and views of rule sets, decisions, explanations and decision records.
import { z } from 'zod';
import { CurrencyCode, Id } from './common.js';
import { CountryCode } from './customers.js';
import { FactSpec, Localized } from './decisions/contract.js';
import { DecisionTable } from './decision-table/index.js';
import { Explanation } from './explanation.js';
import { MAX_QUOTE_TOTAL } from './lifecycle.js';
import { DecisionName, HitPolicy, Operator, RuleSetDocument } from './rule-set.js';
import { TestsSummary } from './test-cases.js';
import { GRADES } from './vocabulary.js';

export const RuleFormat = z
  .enum(['json', 'dsl'])
  .meta({ description: 'json: a json-rules-engine document; dsl: source text in the rules language (rules/dsl/README.md).' });
export type RuleFormat = z.infer<typeof RuleFormat>;

const RuleSource = z.string().max(500_000).meta({ description: 'The rule set in the rules language, e.g. rule "…" priority 10 when customer.grade = "A" then …' });

/** A rule set as JSON (`document`) or as rules-language source (`format: "dsl"`, `source`). */
const RuleSetInput = {
  format: RuleFormat.default('json'),
  document: z.unknown().optional().meta({ description: 'With format json: the rule-set document; see GET /decisions/{decision}/schema.' }),
  source: RuleSource.optional().meta({ description: 'With format dsl: the source text.' }),
};
const oneInput = (b: { format: RuleFormat; document?: unknown; source?: string | undefined }, ctx: z.RefinementCtx) => {
  if (b.format === 'dsl') {
    if (b.source === undefined) ctx.addIssue({ code: 'custom', path: ['source'], message: 'give the rule set as source text (format "dsl")' });
    if (b.document !== undefined) ctx.addIssue({ code: 'custom', path: ['document'], message: 'give either source (format "dsl") or document (format "json"), not both' });
  } else {
    if (b.document === undefined) ctx.addIssue({ code: 'custom', path: ['document'], message: 'give the rule-set document (or format "dsl" and source)' });
    if (b.source !== undefined) ctx.addIssue({ code: 'custom', path: ['format'], message: 'source text needs format "dsl"' });
  }
};

export const RuleSetWriteBody = z
  .strictObject({ ...RuleSetInput, comment: z.string().trim().max(1000).optional() })
  .superRefine(oneInput)
  .meta({ id: 'RuleSetWrite' });

export const ValidateBody = z.strictObject(RuleSetInput).superRefine(oneInput).meta({ id: 'RuleSetValidate' });

export const Issue = z.object({
  pointer: z.string().meta({ description: 'JSON pointer into the request body: /document/… or /source.' }),
  message: z.string().meta({ description: "In the request's language (Accept-Language: zh or en)." }),
  code: z.string().optional().meta({ description: 'Stable code, e.g. dsl.missing-then, dsl.too-deep, rules.unknown-fact, rules.unknown-rep (also -team, -pool: an id that does not exist).' }),
  line: z.number().int().optional().meta({ description: 'Source text: where the problem starts (1-based line and column) …' }),
  column: z.number().int().optional(),
  endLine: z.number().int().optional().meta({ description: '… and where it ends (exclusive column).' }),
  endColumn: z.number().int().optional(),
});
export type Issue = z.infer<typeof Issue>;
export const ValidationWarning = z
  .object({
    pointer: z.string().meta({ description: 'JSON pointer into the document: /rules/3 (a rule), /rules (the rule set as a whole, e.g. a gap).' }),
    code: z.string().meta({ description: 'analysis.gap, analysis.deadline-gap, analysis.gap-more, analysis.gaps-stopped (too large to look at every combination), analysis.shadowed, analysis.never, analysis.overlap, analysis.skipped, analysis.stopped, analysis.inactive-rep (a rule names a deactivated rep) or analysis.unfired.' }),
    message: z.string().meta({ description: "In the request's language (Accept-Language: zh or en)." }),
    line: z.number().int().optional().meta({ description: 'Source text: where the rule (its name) or the rule set was written …' }),
    column: z.number().int().optional(),
    endLine: z.number().int().optional(),
    endColumn: z.number().int().optional(),
  })
  .meta({ id: 'ValidationWarning', description: 'What a valid rule set may do that its author does not mean; never blocks saving or publishing.' });
export type ValidationWarning = z.infer<typeof ValidationWarning>;

export const ValidationReport = z
  .object({
    valid: z.boolean(),
    issues: z.array(Issue),
    warnings: z.array(ValidationWarning).meta({ description: 'When valid: gaps, rules that never fire, same-priority overlaps (empty when invalid).' }),
    table: DecisionTable.optional().meta({ description: 'When valid: the rule set as a decision table (rows that do not fit point at their rule).' }),
    document: RuleSetDocument.optional().meta({ description: 'When valid: the document (compiled from the source when format is dsl).' }),
    source: z.string().optional().meta({ description: 'When valid: the source text (printed from the document when format is json).' }),
    tests: TestsSummary.optional().meta({ description: "When valid: the decision's test cases run against it." }),
  })
  .meta({ id: 'ValidationReport' });

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

export const RuleSetVersion = RuleSetSummary.extend({
  document: RuleSetDocument,
  format: RuleFormat.meta({ description: 'How the version was written.' }),
  source: z.string().meta({ description: 'Its rules-language text: as written (comments and layout kept), or printed from the document.' }),
}).meta({ id: 'RuleSetVersion' });

/** Which version decided: its id, number and content hash. */
const RuleSetRef = z.object({ id: z.string(), version: z.number(), hash: z.string() });

const ParamInfo = z.object({
  label: Localized,
  description: Localized,
  type: z.string().optional().meta({ description: 'The JSON Schema type of the value, where it has one ("string", "number", "integer", "boolean", "array").' }),
  enum: z.array(z.string()).optional().meta({ description: 'The values it may take, where only a few may (e.g. a strategy).' }),
});

const EventInfo = z.object({ label: Localized, description: Localized, params: z.record(z.string(), ParamInfo) });

export const OperatorInfo = z.object({
  text: z.string().meta({ description: 'The spelling in the rules language, e.g. "<=" or "not in".' }),
  en: z.string(),
  zh: z.string(),
});

export const DecisionInfo = z
  .object({
    name: DecisionName,
    label: Localized,
    description: Localized,
    hitPolicy: HitPolicy,
    whenNothingFires: Localized,
    facts: z.record(z.string(), FactSpec).meta({ description: 'The facts its rules may test, with typed, labelled fields.' }),
    events: z.record(z.string(), EventInfo).meta({ description: 'The events its rules may emit, with their params.' }),
    operators: z.record(Operator, OperatorInfo).meta({ description: 'Every operator with its rules-language spelling and its words.' }),
    published: RuleSetRef.extend({ publishedAt: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'DecisionInfo' });

export const JsonSchema = z
  .record(z.string(), z.unknown())
  .meta({ id: 'JsonSchema', description: "A JSON Schema (draft-07) of the decision's rule-set documents." });

const RolloutView = z
  .object({
    workflowId: z.string(),
    status: z.enum(['started', 'pending', 'superseded']).meta({
      description: 'pending: Temporal did not answer; the rollout is on record and is started as soon as it does.',
    }),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
  })
  .nullable()
  .meta({ description: 'Reclaim policies: the workflow re-deciding open deadlines (null for other decisions).' });

export const PublishResult = z.object({
  published: RuleSetSummary,
  previous: z.object({ id: z.string(), version: z.number() }).nullable(),
  rollout: RolloutView,
});

const Change = z.enum(['added', 'removed', 'changed', 'unchanged']);

export const FieldChange = z.object({
  field: z.enum(['priority', 'conditions', 'event.type', 'event.params', 'position']),
  before: z.unknown(),
  after: z.unknown(),
});
export type FieldChange = z.infer<typeof FieldChange>;

export const RuleDiff = z.object({
  key: z.string().meta({ description: 'The rule name, else "#" and its position.' }),
  status: Change,
  beforeIndex: z.number().nullable(),
  afterIndex: z.number().nullable(),
  changes: z.array(FieldChange),
});
export type RuleDiff = z.infer<typeof RuleDiff>;

/** Differences between two versions of a rule set, per rule (rules/diff.ts computes them). */
export const RuleSetChanges = z.object({
  summary: z.object({ added: z.number(), removed: z.number(), changed: z.number(), unchanged: z.number() }),
  description: z.object({ before: z.string().nullable(), after: z.string().nullable() }).nullable().meta({ description: 'null: unchanged.' }),
  conditions: z.array(z.object({ name: z.string(), status: Change })).meta({ description: 'Named conditions added, removed or changed.' }),
  rules: z.array(RuleDiff),
});
export type RuleSetChanges = z.infer<typeof RuleSetChanges>;

/** Both versions as text and the unified diff between them (rules/text-diff.ts). */
export const TextDiff = z
  .object({
    format: RuleFormat.meta({ description: 'dsl (the default): the rules language, printed from each document with its comments; json: the documents.' }),
    before: z.string().meta({ description: 'The earlier version (against) as text.' }),
    after: z.string().meta({ description: 'This version as text.' }),
    unified: z.string().meta({ description: 'The unified diff of the two texts ("--- v3", "+++ v5", hunks); empty when they are the same.' }),
  })
  .meta({ id: 'RuleSetTextDiff' });
export type TextDiff = z.infer<typeof TextDiff>;

export const RuleSetDiff = RuleSetChanges.extend({ before: RuleSetSummary, after: RuleSetSummary, text: TextDiff }).meta({ id: 'RuleSetDiff' });

const Sentence = z.string().meta({
  description: 'The outcome and why, in one sentence in the language of Accept-Language (zh* Chinese, else English).',
  examples: ['Grade A, because expected close days 20 ≤ 30 (rule "Close within 1 month: A", v4)'],
});

export const ExplainResult = Explanation.extend({ ruleSet: RuleSetSummary, sentence: Sentence }).meta({ id: 'ExplainResult' });

export const DecisionRecord = z
  .object({
    id: z.string(),
    decision: z.string(),
    trigger: z.string(),
    at: z.string(),
    ruleSet: RuleSetRef.nullable(),
    repId: z.string().nullable(),
    fired: z.array(z.object({ index: z.number(), name: z.string().nullable(), event: z.object({ type: z.string(), params: z.record(z.string(), z.unknown()).optional() }) })),
    outcome: z.unknown(),
    facts: z.record(z.string(), z.unknown()),
    sentence: Sentence,
  })
  .meta({ id: 'DecisionRecord' });

export const PublishBody = z.strictObject({ comment: z.string().trim().max(1000).optional() }).meta({ id: 'Publish' });
export const RollbackBody = z
  .strictObject({ version: z.number().int().min(1), comment: z.string().trim().max(1000).optional() })
  .meta({ id: 'Rollback' });

export const ExplainBody = z
  .strictObject({ facts: z.record(z.string(), z.unknown()).meta({ description: 'The facts, e.g. { "customer": { "grade": "A", … } }.' }) })
  .meta({ id: 'Explain' });

export const QuoteFacts = z
  .strictObject({
    amount: z.number().positive().max(MAX_QUOTE_TOTAL),
    currency: CurrencyCode,
    amountUsd: z.number().positive().max(MAX_QUOTE_TOTAL).optional().meta({ description: 'Required unless the currency is USD.' }),
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
      poolId: Id.optional(),
      // As the customer filters take it: "de" is DE.
      country: CountryCode.optional(),
      region: z.string().max(60).optional(),
      grade: z.enum(GRADES).optional(),
      ownerId: Id.optional(),
      source: z.string().max(60).optional(),
    }),
  ])
  .meta({ id: 'SimulationScope', description: 'all customers, a random sample, or a filter (caps simulations run over reps).' });
export type SimulationScope = z.infer<typeof SimulationScope>;

export const SimulationBody = z
  .strictObject({
    candidateRuleSetId: z.string().max(64).optional().meta({ description: 'A stored version (usually a draft) to try.' }),
    document: z.unknown().optional().meta({ description: 'Or an unsaved document to try.' }),
    format: RuleFormat.default('json').meta({ description: 'dsl: try unsaved source text (source) instead.' }),
    source: RuleSource.optional().meta({ description: 'With format dsl: the unsaved source text to try.' }),
    baselineRuleSetId: z.string().max(64).optional().meta({ description: 'Compare with this version; default: the published one.' }),
    scope: SimulationScope.default({ kind: 'all' }),
    quote: z.record(z.string(), z.unknown()).optional().meta({ description: 'Approval simulations: the quote facts to try on every customer.' }),
    wait: z.boolean().default(false).meta({ description: 'Answer with the result instead of 202 and a job to poll.' }),
  })
  .refine((b) => [b.candidateRuleSetId, b.document, b.source].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of candidateRuleSetId, document, or source (with format "dsl")',
    path: ['candidateRuleSetId'],
  })
  .refine((b) => (b.format === 'dsl') === (b.source !== undefined), { message: 'source text goes with format "dsl"', path: ['format'] })
  .meta({ id: 'Simulation' });
