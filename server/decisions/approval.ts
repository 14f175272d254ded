// The approval decision (R7): which levels must sign an external quote. Its facts are built here
// once, for the quote's submission and for the preview alike, so the preview says what submitting would.
import type { Kysely } from 'kysely';
import { approvalOutcome } from '../../rules/decide/outcomes.js';
import type { Customer, Database, Rep } from '../db/database.js';
import type { Decisions, RecordContext } from './decider.js';
import { customerFacts, repFacts } from './facts.js';

/** The quote as the approval rules see it; amounts already rounded to cents. */
export interface QuoteForApproval {
  amount: number;
  currency: string;
  /** Required unless the currency is USD (then it is the amount). */
  amountUsd?: number | undefined;
  discountPct: number;
  marginPct: number;
  itemCount: number;
}

/** The approval facts: the quote, the customer and the owner, and whether it is the customer's first quote. */
export async function approvalFacts(db: Kysely<Database>, subject: { customer: Customer; owner: Rep; quote: QuoteForApproval }, now: Date) {
  const { customer, owner, quote } = subject;
  const earlier = await db.selectFrom('quotes').select('id').where('customer_id', '=', customer.id).executeTakeFirst();
  return {
    quote: {
      amount: quote.amount,
      currency: quote.currency,
      amountUsd: quote.currency === 'USD' ? quote.amount : quote.amountUsd!,
      discountPct: quote.discountPct,
      marginPct: quote.marginPct,
      itemCount: quote.itemCount,
      isFirstQuote: earlier === undefined,
    },
    customer: customerFacts(customer, now),
    rep: repFacts(owner, now),
  };
}

export type ApprovalFacts = Awaited<ReturnType<typeof approvalFacts>>;

/** Decides the approval levels; recorded when the quote is submitted, not for a preview. */
export function decideApprovalLevels(decisions: Decisions, db: Kysely<Database>, facts: ApprovalFacts, record?: RecordContext) {
  return record ? decisions.decideAndRecord(db, 'approval', facts, approvalOutcome, record) : decisions.decide(db, 'approval', facts, approvalOutcome);
}
