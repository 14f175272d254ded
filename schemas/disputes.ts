// Disputes of rule decisions (客户分配申诉, issue 15 §2): what a rep files, what their manager or an
// admin decides, how a dispute reads back, and the report of disputes per rule.
import { z } from 'zod';
import { DecisionRecord } from './rule-sets-api.js';
import { PeriodView, ScopeView } from './reports.js';

/** What is disputed: an assignment by the rules, a refused claim, a reclaim to the pool. */
export const DISPUTE_KINDS = ['assignment', 'claim_refusal', 'reclaim'] as const;
export type DisputeKind = (typeof DISPUTE_KINDS)[number];
export const DISPUTE_STATUSES = ['open', 'upheld', 'reassigned'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
export const DISPUTE_OUTCOMES = ['uphold', 'reassign'] as const;

const Text = (max: number) => z.string().trim().min(1).max(max);

export const FileDisputeBody = z
  .strictObject({
    reason: Text(2_000).meta({ description: 'Why the decision was wrong, for the manager who decides.', example: 'I met this buyer at the Canton Fair last week.' }),
    kind: z.enum(DISPUTE_KINDS).optional().meta({ description: 'Which decision: default the latest one about you and this customer that may still be disputed.' }),
    decisionId: z.string().min(1).max(64).optional().meta({ description: 'A decision record (GET /customers/{id}/disputable) to dispute; default the latest of `kind`.' }),
  })
  .meta({ id: 'FileDispute' });
export type FileDisputeBody = z.infer<typeof FileDisputeBody>;

export const DecideDisputeBody = z
  .strictObject({
    outcome: z.enum(DISPUTE_OUTCOMES).meta({ description: 'uphold: the original decision stands; reassign: the customer goes to the disputing rep (within their caps).' }),
    comment: Text(2_000).meta({ description: 'Told to both sides.' }),
  })
  .meta({ id: 'DecideDispute' });
export type DecideDisputeBody = z.infer<typeof DecideDisputeBody>;

export const DisputesQuery = z
  .strictObject({
    status: z.enum(DISPUTE_STATUSES).optional(),
    customerId: z.string().min(1).max(64).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .meta({ id: 'DisputesQuery' });

/** A decision the rep may still dispute about this customer. */
export const DisputableDecision = z
  .object({
    kind: z.enum(DISPUTE_KINDS),
    decisionId: z.string(),
    at: z.string(),
    until: z.string().meta({ description: 'The last moment it may be disputed.' }),
    decision: z.string(),
    ruleSetVersion: z.number().nullable(),
    ruleName: z.string().nullable(),
    summary: z.string().meta({ description: 'What was decided, in a few words (who got it, what was refused, which deadline passed).' }),
    otherRepId: z.string().nullable().meta({ description: 'assignment: the rep the customer went to.' }),
    otherRepName: z.string().nullable().meta({ description: "`otherRepId`'s name." }),
    code: z.string().nullable().meta({ description: 'claim_refusal: the refusal (CAP_REACHED, DAILY_LIMIT_REACHED, COOLDOWN); reclaim: the reason.' }),
  })
  .meta({ id: 'DisputableDecision' });
export type DisputableDecision = z.infer<typeof DisputableDecision>;

export const DisputeView = z
  .object({
    id: z.string(),
    customerId: z.string(),
    companyName: z.string(),
    repId: z.string(),
    repName: z.string().nullable().meta({ description: "The disputing rep's name (null: a rep no longer found)." }),
    teamId: z.string().nullable(),
    kind: z.enum(DISPUTE_KINDS),
    otherRepId: z.string().nullable().meta({ description: 'The other side: the rep the customer went to, if any.' }),
    otherRepName: z.string().nullable().meta({ description: "`otherRepId`'s name." }),
    reason: z.string(),
    status: z.enum(DISPUTE_STATUSES),
    filedAt: z.string(),
    disputedAt: z.string().meta({ description: 'When the disputed decision was taken.' }),
    decidedBy: z.string().nullable(),
    decidedByName: z.string().nullable().meta({ description: "`decidedBy`'s name." }),
    decidedAt: z.string().nullable(),
    comment: z.string().nullable(),
    rule: z.object({ decision: z.string(), ruleSetId: z.string().nullable(), ruleSetVersion: z.number().nullable(), name: z.string().nullable() }),
    original: DecisionRecord.meta({ description: 'The disputed decision as recorded: version, rules fired, facts it saw, and why in a sentence.' }),
    canDecide: z.boolean().meta({ description: 'Whether you may decide it now.' }),
    decideRefusal: z
      .string()
      .nullable()
      .meta({ description: 'While it is open and you may not decide it: the error code deciding would answer (`NOT_DECIDER`: the rep\'s team manager, or an admin across teams, decides; `OWN_DISPUTE`: an admin decides). Null otherwise.' }),
  })
  .meta({ id: 'Dispute' });
export type DisputeView = z.infer<typeof DisputeView>;

export const DisputesReport = z
  .object({
    period: PeriodView,
    scope: ScopeView,
    rules: z
      .array(
        z.object({
          decision: z.string(),
          ruleSetId: z.string().nullable(),
          ruleSetVersion: z.number().nullable(),
          ruleName: z.string().nullable(),
          filed: z.number(),
          open: z.number(),
          upheld: z.number(),
          reassigned: z.number(),
        }),
      )
      .meta({ description: 'Per rule that fired (rule set version and rule name), most disputed first.' }),
    totals: z.object({ filed: z.number(), open: z.number(), upheld: z.number(), reassigned: z.number() }),
  })
  .meta({ id: 'DisputesReport' });
export type DisputesReport = z.infer<typeof DisputesReport>;
