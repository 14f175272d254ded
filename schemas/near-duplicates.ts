// The duplicate look-up for reps (查重) and near-duplicate company names (issue 14 §2, §3).
import { PairCursorParam } from './cursors.js';
import { z } from 'zod';
import { Id, IsoDateTime, PageQuery, page } from './common.js';

export const LookupQuery = z.object({
  q: z
    .string()
    .trim()
    .min(2, 'type at least 2 characters')
    .max(200)
    .meta({ description: 'A company name, e-mail address, phone number (international format) or website.' }),
});

export const LookupKind = z.enum(['name', 'email', 'phone', 'domain']);
export type LookupKind = z.infer<typeof LookupKind>;

const Refusal = z
  .object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional().meta({ description: "The refusal's details as the claim itself answers them (COOLDOWN: until; CAP_REACHED: count, cap)." }),
  })
  .meta({ id: 'LookupRefusal', description: 'Why the caller cannot claim it (the claim checks).' });
const Owner = z.object({ id: z.string(), name: z.string() });

/** Where a customer is, and nothing else of it unless the caller may read it in full (R9). */
export const LookupLocation = z
  .discriminatedUnion('status', [
    z.object({
      status: z.literal('pool'),
      poolId: z.string(),
      poolName: z.string(),
      claimable: z.boolean(),
      refusal: Refusal.nullable(),
      customerId: z.string().optional().meta({ description: 'Only when the pool is open to the caller.' }),
    }),
    z.object({
      status: z.literal('owned'),
      owner: Owner,
      yours: z.boolean(),
      customerId: z.string().optional().meta({ description: "Only for the caller's own customers (managers: their team's; admins: all)." }),
    }),
    z.object({
      status: z.literal('won'),
      owner: Owner.nullable(),
      yours: z.boolean(),
      customerId: z.string().optional().meta({ description: "Only for the caller's own customers (managers: their team's; admins: all)." }),
    }),
  ])
  .meta({ id: 'LookupLocation' });
export type LookupLocation = z.infer<typeof LookupLocation>;

export const LookupMatch = z
  .object({
    companyName: z.string(),
    matchedOn: z.array(z.enum(['name', 'email', 'phone', 'domain', 'similar_name'])),
    score: z.number().nullable().meta({ description: 'Name similarity 0..1 for similar names; null for exact matches.' }),
    mergedInto: z.string().nullable().meta({ description: 'The matched record was merged: the company name of the customer it lives on as (described by `location`).' }),
    location: LookupLocation,
  })
  .meta({ id: 'LookupMatch' });
export type LookupMatch = z.infer<typeof LookupMatch>;

export const LookupResult = z
  .object({
    query: z.string(),
    readAs: z.array(LookupKind),
    matches: z.array(LookupMatch),
    truncated: z.boolean().meta({ description: 'More matched than are shown; refine the query.' }),
  })
  .meta({ id: 'LookupResult' });

export const LookupAuditQuery = PageQuery.extend({ repId: Id.optional() });
export const LookupAuditEntry = z
  .object({ id: z.string(), repId: z.string(), repName: z.string(), query: z.string(), readAs: z.array(z.string()), matches: z.number().int(), at: IsoDateTime })
  .meta({ id: 'LookupAuditEntry' });
export const LookupAuditPage = page(LookupAuditEntry).meta({ id: 'LookupAuditPage' });

export const PossibleDuplicate = z
  .object({
    customerId: z.string().nullable().meta({ description: 'Null when the customer is in a pool not open to the caller.' }),
    companyName: z.string(),
    score: z.number(),
  })
  .meta({ id: 'PossibleDuplicate', description: 'A customer with a similar company name (never a refusal).' });

const PairSide = z.object({ id: z.string(), companyName: z.string(), status: z.string(), ownerId: z.string().nullable(), ownerName: z.string().nullable(), poolId: z.string(), createdAt: IsoDateTime });
export const DuplicatePair = z
  .object({ a: PairSide, b: PairSide, score: z.number(), foundAt: IsoDateTime })
  .meta({ id: 'DuplicatePair' });
export const DuplicatePairPage = page(DuplicatePair).meta({ id: 'DuplicatePairPage' });
export const DuplicatePairQuery = PageQuery.extend({ cursor: PairCursorParam.optional() });
export const DismissPairBody = z
  .strictObject({ customerIds: z.tuple([Id, Id]).meta({ description: 'The two customers of the pair, in any order.' }) })
  .meta({ id: 'DismissDuplicatePair' });
export const ScanState = z
  .object({
    status: z.enum(['idle', 'running', 'completed', 'failed']),
    startedAt: IsoDateTime.nullable(),
    finishedAt: IsoDateTime.nullable(),
    customers: z.number().int().meta({ description: 'Customers compared so far.' }),
    pairs: z.number().int().meta({ description: 'Pairs found so far.' }),
    error: z.string().nullable(),
  })
  .meta({ id: 'DuplicateScan', description: 'The rescan of this API process (one at a time).' });
