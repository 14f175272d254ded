// Quotes and their approval levels as the API returns them (R7): a customer's quotes, the answer to
// a submission and to an approver's decision, the approver's inbox, and a preview of the levels.
import { z } from 'zod';
import { OwnershipResult } from './customers.js';
import { LEVEL_STATUSES, QUOTE_STATUSES } from './vocabulary.js';

const QuoteStatus = z.enum(QUOTE_STATUSES);
const LevelStatus = z.enum(LEVEL_STATUSES).meta({
  description: 'waiting: a later level not yet reached; skipped: never reached because an earlier one rejected.',
});

export const Approver = z
  .union([z.object({ role: z.enum(['manager', 'admin']) }), z.object({ rep: z.string(), name: z.string().nullable().optional().meta({ description: "`rep`'s name, in the views." }) })])
  .meta({ id: 'Approver', description: "Who may sign a level: a role (the rep's team manager, any admin) or a named rep." });
export type Approver = z.infer<typeof Approver>;

/** A level as a submission or a decision answers it. */
const LevelSummary = z.object({
  level: z.number().int(),
  approvers: z.array(Approver),
  status: LevelStatus,
  dueAt: z.string().nullable().meta({ description: 'When the pending level escalates.' }),
});

/** A level with who decided it, when and why. */
export const QuoteLevel = LevelSummary.extend({
  escalated: z.boolean(),
  reasons: z.array(z.string()).meta({ description: 'Why the approval rules asked for this level.' }),
  decidedBy: z.string().nullable(),
  decidedByName: z.string().nullable().meta({ description: "`decidedBy`'s name (null: undecided, or a rep no longer found)." }),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
}).meta({ id: 'QuoteLevel' });
export type QuoteLevel = z.infer<typeof QuoteLevel>;

export const QuoteItemView = z.object({
  sku: z.string().optional(),
  description: z.string(),
  quantity: z.number(),
  unitPrice: z.number(),
});
export type QuoteItemView = z.infer<typeof QuoteItemView>;

export const QuoteView = z
  .object({
    id: z.string(),
    customerId: z.string(),
    repId: z.string(),
    repName: z.string().nullable().meta({ description: "`repId`'s name (the owner the quote was for)." }),
    submittedBy: z.string().meta({ description: 'The owner, their manager or an admin; none of them may approve it.' }),
    submittedByName: z.string().nullable().meta({ description: "`submittedBy`'s name (null: a rep no longer found)." }),
    status: QuoteStatus,
    amount: z.number(),
    currency: z.string(),
    amountUsd: z.number(),
    discountPct: z.number(),
    marginPct: z.number(),
    items: z.array(QuoteItemView),
    note: z.string().nullable(),
    validUntil: z.string().nullable(),
    rejectionReason: z.string().nullable(),
    ruleSetVersion: z.number().nullable(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    levels: z.array(QuoteLevel),
  })
  .meta({ id: 'QuoteView' });
export type QuoteView = z.infer<typeof QuoteView>;

export const QuoteState = z.object({
  id: z.string(),
  status: QuoteStatus,
  submittedBy: z.string(),
  required: z.boolean().meta({ description: 'Whether any level must approve it.' }),
  levels: z.array(LevelSummary),
});

export const QuoteSubmitted = z
  .object({ ownership: OwnershipResult, quote: QuoteState })
  .meta({ id: 'QuoteSubmitted', description: 'The customer as it is now and the quote with its levels.' });
export type QuoteSubmitted = z.infer<typeof QuoteSubmitted>;
export type QuoteState = z.infer<typeof QuoteState>;

/** A quote level waiting for its approvers; the tenure escalates it at dueAt (epoch ms; null: it no longer will). */
export interface PendingApproval {
  quoteId: string;
  level: number;
  dueAt: number | null;
}

const Decided = z.enum(['approved', 'rejected', 'level_approved']).meta({
  description: 'level_approved: this level signed, the next one now waits.',
});

export const ApprovalDecided = z
  .object({
    decided: Decided,
    quote: QuoteState,
    ownership: OwnershipResult.nullable().meta({ description: 'The customer after the last approval or a rejection; null while levels remain.' }),
  })
  .meta({ id: 'ApprovalDecided' });
export type ApprovalDecided = z.infer<typeof ApprovalDecided>;

/** What a quote command answers the tenure: the API's answer and the level now waiting, if any. */
export type QuoteSubmission = QuoteSubmitted & { pending: PendingApproval | null };
export type ApprovalDecision = ApprovalDecided & { pending: PendingApproval | null };

export const ApprovalItem = z
  .object({
    quoteId: z.string(),
    level: z.number().int(),
    status: LevelStatus,
    approvers: z.array(Approver),
    reasons: z.array(z.string()),
    escalated: z.boolean(),
    dueAt: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedByName: z.string().nullable(),
    decidedAt: z.string().nullable(),
    comment: z.string().nullable(),
    amount: z.number(),
    currency: z.string(),
    amountUsd: z.number(),
    discountPct: z.number(),
    marginPct: z.number(),
    repId: z.string(),
    repName: z.string(),
    submittedBy: z.string(),
    submittedByName: z.string().nullable(),
    customerId: z.string(),
    companyName: z.string(),
    submittedAt: z.string(),
  })
  .meta({ id: 'ApprovalItem', description: 'One level of a quote, with the quote and the customer it is for.' });
export type ApprovalItem = z.infer<typeof ApprovalItem>;

const RuleRef = z.object({ index: z.number().int(), name: z.string().nullable() });

export const ApprovalPreview = z
  .object({
    ruleSet: z.object({ id: z.string(), version: z.number(), hash: z.string() }).nullable(),
    required: z.boolean(),
    levels: z.array(
      z.object({
        level: z.number().int(),
        approvers: z.array(Approver),
        timeoutMs: z.number().meta({ description: 'Escalation after this long undecided.' }),
        reasons: z.array(z.string()),
        rules: z.array(RuleRef),
      }),
    ),
    fired: z.array(RuleRef),
  })
  .meta({ id: 'ApprovalPreview' });
