// Customers as the API accepts and returns them, including the restricted view of R9.
import { z } from 'zod';
import { CustomerStatus, Grade, Id, IsoDateTime, PageQuery, lineText, page } from './common.js';
import { countryCodeOf } from './country.js';

/** A customer's field is one line as people type it (common.ts). */
const text = lineText;

export const CountryCode = z
  .string()
  .max(100)
  .transform((c, ctx) => {
    const code = countryCodeOf(c);
    if (code) return code;
    ctx.addIssue({ code: 'custom', message: 'expected a country: its ISO 3166-1 alpha-2 code such as "DE" or "CN", or its name such as "Germany" or "德国"' });
    return z.NEVER;
  })
  .meta({ description: 'ISO 3166-1 alpha-2 country code; a country name in English or Chinese ("Germany", "德国") is read as its code.', example: 'DE' });

export const CreateCustomerBody = z
  .strictObject({
    companyName: text(200),
    contactName: text(120).optional(),
    email: z.email().max(200).optional(),
    phone: text(40).optional().meta({ description: 'International format (+49 …) or national format of `country`.' }),
    website: text(200).optional(),
    country: CountryCode.optional(),
    region: text(60).optional(),
    source: text(60).optional().meta({ description: 'Source channel, e.g. alibaba, trade_show, website, referral.' }),
    productLine: text(60).optional(),
    language: text(20).optional(),
    grade: Grade.optional().meta({ description: "The creator's own grading (a grading-rule input)." }),
    poolId: Id.optional(),
    assign: z.boolean().default(true).meta({ description: 'Run the assignment rules (default); false leaves the customer in the pool.' }),
    claim: z.boolean().default(false).meta({ description: 'The creating rep claims the customer at once (instead of assignment).' }),
  })
  .meta({ id: 'CreateCustomer' });
export type CreateCustomerBody = z.infer<typeof CreateCustomerBody>;

/** A change of a customer's details (PATCH): only the fields sent change; null clears a field (the company name is never empty). */
export const UpdateCustomerBody = z
  .strictObject({
    companyName: text(200).optional(),
    contactName: text(120).nullable().optional(),
    email: z.email().max(200).nullable().optional(),
    phone: text(40).nullable().optional().meta({ description: 'International format (+49 …) or national format of `country`.' }),
    website: text(200).nullable().optional(),
    country: CountryCode.nullable().optional(),
    region: text(60).nullable().optional(),
    source: text(60).nullable().optional(),
    productLine: text(60).nullable().optional(),
    language: text(20).nullable().optional(),
  })
  .meta({ id: 'UpdateCustomer' });
export type UpdateCustomerBody = z.infer<typeof UpdateCustomerBody>;

export const CustomerView = z
  .object({
    visibility: z.literal('full'),
    id: z.string(),
    companyName: z.string(),
    contactName: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    website: z.string().nullable(),
    country: z.string().nullable(),
    region: z.string().nullable(),
    source: z.string().nullable(),
    productLine: z.string().nullable(),
    language: z.string().nullable(),
    poolId: z.string(),
    status: CustomerStatus,
    stage: z.string().nullable(),
    ownerId: z.string().nullable(),
    ownerName: z.string().nullable().meta({ description: "`ownerId`'s name (null: no owner, or one no longer found)." }),
    grade: Grade.nullable(),
    keyCustomer: z.boolean(),
    followUps: z.number(),
    reclaims: z.number(),
    expectedCloseDays: z.number().nullable(),
    noDemand: z.boolean(),
    repGrade: Grade.nullable(),
    previousOwnerId: z.string().nullable(),
    previousOwnerName: z.string().nullable().meta({ description: "`previousOwnerId`'s name." }),
    mergedIntoId: z.string().nullable(),
    wonAt: z.string().nullable(),
    deadline: z.string().nullable(),
    deadlineKind: z.string().nullable(),
    claimedAt: z.string().nullable(),
    lastFollowUpAt: z.string().nullable(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Customer' });
export type CustomerView = z.infer<typeof CustomerView>;

export const AssignmentResult = z
  .object({
    status: z.enum(['assigned', 'claimed', 'pool']),
    repId: z.string().nullable(),
    repName: z.string().nullable().meta({ description: "`repId`'s name." }),
    reason: z.string().meta({ description: "Why, in the request's language (Accept-Language: zh* Chinese, else English); a rule's own reason as its author wrote it. With a refusal, its message follows the code (in English)." }),
    refusal: z.string().nullable().meta({ description: 'Error code when the picked rep could not take the customer.' }),
  })
  .meta({ id: 'AssignmentResult' });

export const RestrictedCustomerView = z
  .object({
    visibility: z.literal('restricted'),
    id: z.string(),
    companyName: z.string(),
    country: z.string().nullable(),
    status: z.literal('owned'),
  })
  .meta({ id: 'RestrictedCustomer', description: "Another rep's private customer: only that it is owned (R9)." });

export const HistoryEntry = z
  .object({
    type: z.enum(['ownership', 'activity']),
    id: z.string(),
    at: z.string(),
    kind: z.string(),
    repId: z.string().nullable().meta({ description: 'The rep who logged the activity, or the new owner.' }),
    repName: z.string().nullable().meta({ description: "`repId`'s name (null: no rep, or one no longer found)." }),
    fromRepId: z.string().nullable(),
    fromRepName: z.string().nullable().meta({ description: "`fromRepId`'s name." }),
    actorId: z.string().nullable().meta({ description: 'Who did it: a manager reassigning, a collaborator marking it won, the rep themselves (null: the rules or a deadline).' }),
    actorName: z.string().nullable().meta({ description: "`actorId`'s name." }),
    reason: z.string().nullable(),
    note: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'HistoryEntry' });

export const CustomerDetail = z
  .object({
    customer: CustomerView,
    history: z.array(HistoryEntry),
    workflowId: z.string(),
    workflowUrl: z.string().optional().meta({ description: 'The tenure in the Temporal UI.' }),
    actions: z.array(z.enum(['follow_up', 'stage', 'key', 'release', 'edit'])).meta({
      description:
        "What you may do with it now by the access policy (owner, collaborator, their manager, an admin): log follow-ups, stage work (inquiry, costing, quote, samples, won), mark it key (the owner's key quota: not a collaborator), release, edit its details (PATCH; a pool customer's: managers and admins). The commands may still refuse (stage order, caps).",
    }),
  })
  .meta({ id: 'CustomerDetail' });

export const CustomerPage = page(CustomerView).meta({ id: 'CustomerPage' });

export const PoolQuery = PageQuery.extend({
  poolId: Id.optional(),
  country: CountryCode.optional(),
  region: text(60).optional(),
  source: text(60).optional(),
  productLine: text(60).optional(),
  grade: Grade.optional(),
  q: text(100).optional().meta({ description: 'Company name contains (case-insensitive).' }),
}).strict();

export const OwnedQuery = PageQuery.extend({
  status: z.enum(['owned', 'won']).optional(),
}).strict();

export const FollowUpBody = z
  .strictObject({
    kind: z.enum(['email', 'call', 'visit', 'meeting', 'message', 'other']),
    note: z.string().trim().max(5000).optional(),
    occurredAt: IsoDateTime.optional().meta({ description: 'When the contact happened; defaults to now.' }),
    grade: Grade.optional().meta({ description: "The rep's own grading after this contact (a grading-rule input)." }),
    expectedCloseDays: z.number().int().min(0).max(3650).optional().meta({ description: 'Estimated days until the deal closes (a grading-rule input).' }),
    noDemand: z.boolean().optional().meta({ description: 'The customer has no demand (a grading-rule input).' }),
  })
  .meta({ id: 'FollowUp' });
export type FollowUpBody = z.infer<typeof FollowUpBody>;

export const ReleaseBody = z
  .strictObject({ reason: z.string().trim().min(1).max(500).optional() })
  .meta({ id: 'Release' });

export const OwnershipResult = z
  .object({
    customerId: z.string(),
    ownerId: z.string().nullable(),
    status: CustomerStatus,
    stage: z.string().nullable(),
    grade: Grade.nullable(),
    deadline: z.string().nullable(),
    deadlineKind: z.string().nullable(),
    deadlineReason: z.string().nullable().meta({ description: 'Recorded as the reclaim reason if the deadline passes.' }),
    warnAt: z.string().nullable().meta({ description: 'When the owner is warned before the deadline.' }),
    cooldownMs: z.number().nullable().meta({ description: 'Cooldown for the owner if this deadline reclaims the customer.' }),
    reclaimPool: z.string().nullable().meta({ description: 'The pool a reclaim by this deadline sends the customer to (null: its own).' }),
    tenureId: z.string().nullable(),
    workflowId: z.string(),
  })
  .meta({ id: 'OwnershipResult' });
export type OwnershipResult = z.infer<typeof OwnershipResult>;
