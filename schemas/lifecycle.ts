// API bodies of the lifecycle after the claim: stages, quotes and approvals, key customers,
// reassignment and merges; pools as the API accepts and returns them.
import { z } from 'zod';
import { CurrencyCode, Id, IsoDateTime, lineText, uniqueList } from './common.js';
import { patchBody } from './patch.js';

const note = z.string().trim().max(5000).optional();

export const InquiryBody = z
  .strictObject({
    note,
    products: z.array(z.string().trim().min(1).max(120)).max(50).optional(),
    quantity: z.string().trim().max(120).optional().meta({ description: 'As the buyer put it, e.g. "2 x 40HQ" or "5,000 pcs".' }),
    targetPrice: z.string().trim().max(120).optional(),
    occurredAt: IsoDateTime.optional(),
  })
  .meta({ id: 'Inquiry' });

export const CostingBody = z
  .strictObject({
    note,
    factory: z.string().trim().max(200).optional(),
    unitCost: z.number().nonnegative().max(1e9).optional(),
    currency: CurrencyCode.optional(),
  })
  .meta({ id: 'Costing' });

/**
 * The largest quote total accepted. The amount columns are numeric(18, 2) (below 10^16); staying
 * under 10^13 also keeps every cent exact in a double, so the stored total is the one computed.
 */
export const MAX_QUOTE_TOTAL = 1e13;
export const quoteTotal = (items: readonly { quantity: number; unitPrice: number }[]) => items.reduce((sum, i) => sum + i.quantity * i.unitPrice, 0);

/** A number as the decimal it was written as (its shortest form): digits and how many of them are decimals. */
function decimal(n: number): { digits: bigint; scale: number } {
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(Math.abs(n)));
  if (!m) return { digits: BigInt(Math.round(Math.abs(n) * 100)), scale: 2 };
  const fraction = m[2] ?? '';
  const scale = fraction.length - Number(m[3] ?? 0);
  const digits = BigInt(m[1]! + fraction);
  return scale >= 0 ? { digits, scale } : { digits: digits * 10n ** BigInt(-scale), scale: 0 };
}

/**
 * A line's amount (quantity × unit price) in whole cents, computed on the decimals as typed and
 * rounded half up once: 3 × 1.115 is 3.35 (a double's product, 3.3449999…, would print 3.34).
 */
export function lineCents(item: { quantity: number; unitPrice: number }): bigint {
  const q = decimal(item.quantity);
  const p = decimal(item.unitPrice);
  const scale = BigInt(q.scale + p.scale);
  const product = q.digits * p.digits * 100n; // in 10^-scale cents
  const unit = 10n ** scale;
  return (product + unit / 2n) / unit;
}

/** A quote's total: its lines' amounts, each rounded to the cent, added up; what its documents print line by line. */
export const quoteAmount = (items: readonly { quantity: number; unitPrice: number }[]): number => Number(items.reduce((sum, i) => sum + lineCents(i), 0n)) / 100;

export const QuoteItem = z.strictObject({
  sku: z.string().trim().max(60).optional(),
  description: z.string().trim().min(1).max(500),
  quantity: z.number().positive().max(1e9),
  unitPrice: z.number().nonnegative().max(1e9),
});

export const QuoteBody = z
  .strictObject({
    currency: CurrencyCode,
    amountUsd: z.number().positive().max(MAX_QUOTE_TOTAL).optional().meta({ description: 'Required unless the currency is USD.' }),
    discountPct: z.number().min(0).max(100),
    marginPct: z.number().min(-100).max(100),
    items: z.array(QuoteItem).min(1).max(500),
    validUntil: z.iso
      .date()
      // Today somewhere on earth (UTC−12) or later: a quote valid until a past day cannot be sent.
      .refine((d) => d >= new Date(Date.now() - 12 * 3_600_000).toISOString().slice(0, 10), 'must be today or later: a quote cannot be valid until a day that has passed')
      .optional(),
    note,
  })
  .refine((q) => q.currency === 'USD' || q.amountUsd !== undefined, { message: 'give amountUsd for a quote not in USD', path: ['amountUsd'] })
  // A free line (a sample at 0) is fine; a quote of nothing is not: it would be sent without approval.
  .refine((q) => quoteAmount(q.items) > 0, { message: 'the total (the sum of quantity × unit price) must be at least 0.01', path: ['items'] })
  .refine((q) => quoteTotal(q.items) <= MAX_QUOTE_TOTAL, {
    message: `the total (the sum of quantity × unit price) must be at most ${MAX_QUOTE_TOTAL.toLocaleString('en')}; split the quote`,
    path: ['items'],
  })
  .meta({ id: 'Quote' });
export type QuoteBody = z.infer<typeof QuoteBody>;

export const SampleBody = z
  .strictObject({
    kind: z.enum(['make', 'send']).meta({ description: 'make: sample production (打样); send: shipped (寄样).' }),
    trackingNumber: z.string().trim().max(120).optional(),
    note,
  })
  .meta({ id: 'Sample' });

export const WonBody = z
  .strictObject({
    orderValueUsd: z.number().positive().max(1e12).optional(),
    note,
  })
  .meta({ id: 'Won' });

export const KeyBody = z.strictObject({ key: z.boolean() }).meta({ id: 'KeyCustomer' });

export const ReassignBody = z
  .strictObject({ repId: Id, reason: z.string().trim().min(1).max(500) })
  .meta({ id: 'Reassign' });

export const MergeBody = z
  .strictObject({ into: Id.meta({ description: 'The customer that survives; this one is merged into it.' }) })
  .meta({ id: 'Merge' });

/** The level the approver was shown: a decision never falls on another. */
const ShownLevel = z
  .number()
  .int()
  .min(1)
  .max(1000)
  .optional()
  .meta({ description: 'The level you were shown. If another level waits by now (someone decided this one meanwhile), the decision is refused with 409 APPROVAL_DECIDED instead of deciding that one. Without it, the level waiting when the request arrives.' });
export const ApprovalDecisionBody = z
  .strictObject({ comment: z.string().trim().min(1).max(2000).optional(), level: ShownLevel })
  .meta({ id: 'ApprovalDecision' });
export const RejectionBody = z
  .strictObject({ comment: z.string().trim().min(1, 'say why, so the rep can revise the quote').max(2000), level: ShownLevel })
  .meta({ id: 'Rejection' });

export const PoolBody = z
  .strictObject({
    id: Id.optional(),
    name: lineText(120),
    description: z.string().trim().max(1000).optional(),
    openToAll: z.boolean().default(true),
    teamIds: uniqueList(Id).max(200).default([]),
    repIds: uniqueList(Id).max(2000).default([]),
  })
  .meta({ id: 'Pool' });
export const PoolUpdateBody = patchBody(PoolBody.omit({ id: true })).meta({ id: 'PoolUpdate' });

export const PoolView = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    openToAll: z.boolean(),
    teamIds: z.array(z.string()),
    repIds: z.array(z.string()),
    customers: z.number().meta({ description: 'Customers in the pool now.' }),
  })
  .meta({ id: 'PoolView' });
