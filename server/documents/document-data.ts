// The values a document's placeholders are filled with: the quote (items, totals, version), the
// customer, the company profile and who approved which level. Stored with the document, so the
// same template regenerates the same file.
import type { Kysely, Selectable } from 'kysely';
import { DateTime } from 'luxon';
import type { ApprovalSnapshot, CompanyProfile, DocumentKind, TemplateLanguage } from '../../schemas/documents.js';
import type { Database } from '../db/database.js';
import { lineCents } from '../../schemas/lifecycle.js';
import type { QuotesTable } from '../db/tables/quotes.js';

const TITLES: Record<TemplateLanguage, Record<DocumentKind, string>> = {
  en: { quotation: 'Quotation', proforma_invoice: 'Proforma Invoice' },
  zh: { quotation: '报价单', proforma_invoice: '形式发票' },
};

/** The calendar day of `d` where the quote's rep works (their time zone): a quote sent at 00:18 in Shanghai is dated that day, not the day before in UTC. */
export const day = (d: Date, timeZone: string) => DateTime.fromJSDate(d, { zone: timeZone }).toISODate() ?? d.toISOString().slice(0, 10);

/** The quote's printed number: Q-<yyyymmdd of submission, in the rep's time zone>-<the id's last 6 characters>. */
export const quoteNumber = (quote: { id: string; created_at: Date }, timeZone: string) => `Q-${day(quote.created_at, timeZone).replaceAll('-', '')}-${quote.id.slice(-6).toUpperCase()}`;

/** Which of the customer's quotes this is, oldest first (a resubmission after a rejection is the next version). */
export async function quoteVersion(db: Kysely<Database>, quote: { id: string; customer_id: string; created_at: Date }): Promise<number> {
  const row = await db
    .selectFrom('quotes')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('customer_id', '=', quote.customer_id)
    .where((eb) => eb.or([eb('created_at', '<', quote.created_at), eb.and([eb('created_at', '=', quote.created_at), eb('id', '<=', quote.id)])]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The levels signed, with the approvers' names, in level order. */
export async function approvalsOf(db: Kysely<Database>, quoteId: string): Promise<ApprovalSnapshot[]> {
  const rows = await db
    .selectFrom('quote_approvals as a')
    .leftJoin('reps as r', 'r.id', 'a.decided_by')
    .select(['a.level', 'a.decided_by', 'a.decided_at', 'a.comment', 'r.name'])
    .where('a.quote_id', '=', quoteId)
    .where('a.status', '=', 'approved')
    .orderBy('a.level')
    .execute();
  return rows.map((r) => ({ level: r.level, approverId: r.decided_by ?? '', approver: r.name ?? r.decided_by ?? '', decidedAt: r.decided_at?.toISOString() ?? '', comment: r.comment }));
}

export interface DocumentInputs {
  kind: DocumentKind;
  language: TemplateLanguage;
  number: string;
  now: Date;
  quote: Pick<Selectable<QuotesTable>, 'id' | 'created_at' | 'amount' | 'amount_usd' | 'currency' | 'discount_pct' | 'items' | 'note' | 'valid_until' | 'status'>;
  version: number;
  rep: string;
  /** The quote's rep's time zone: the days printed are theirs. */
  timeZone: string;
  customer: { company_name: string; contact_name: string | null; email: string | null; phone: string | null; country: string | null; website: string | null };
  profile: CompanyProfile;
  approvals: ApprovalSnapshot[];
  incoterms: string | undefined;
  paymentTerms: string | undefined;
}

const SUMMARY = {
  en: { none: 'No approval required', level: (a: ApprovalSnapshot, zone: string) => `L${a.level} ${a.approver} ${day(new Date(a.decidedAt), zone)}` },
  zh: { none: '无需审批', level: (a: ApprovalSnapshot, zone: string) => `第${a.level}级 ${a.approver} ${day(new Date(a.decidedAt), zone)}` },
};

export function documentData(i: DocumentInputs): Record<string, unknown> {
  const p = i.profile;
  const unit = p.defaultUnit || (i.language === 'zh' ? '件' : 'pcs');
  const items = i.quote.items.map((item, n) => ({
    no: n + 1,
    sku: item.sku ?? '',
    product: item.description,
    quantity: item.quantity,
    unit,
    unitPrice: item.unitPrice,
    amount: Number(lineCents(item)) / 100,
  }));
  const s = SUMMARY[i.language];
  return {
    company: {
      name: p.name ?? '',
      address: p.address ?? '',
      phone: p.phone ?? '',
      email: p.email ?? '',
      website: p.website ?? '',
      taxId: p.taxId ?? '',
      bankName: p.bankName ?? '',
      bankAddress: p.bankAddress ?? '',
      bankAccount: p.bankAccount ?? '',
      bankSwift: p.bankSwift ?? '',
      beneficiary: p.beneficiary ?? p.name ?? '',
      signatory: p.signatory ?? '',
      signatoryTitle: p.signatoryTitle ?? '',
    },
    customer: {
      name: i.customer.company_name,
      contact: i.customer.contact_name ?? '',
      email: i.customer.email ?? '',
      phone: i.customer.phone ?? '',
      country: i.customer.country ?? '',
      website: i.customer.website ?? '',
    },
    quote: { number: quoteNumber(i.quote, i.timeZone), version: i.version, date: day(i.quote.created_at, i.timeZone), status: i.quote.status, note: i.quote.note ?? '', rep: i.rep },
    document: { number: i.number, date: day(i.now, i.timeZone), title: TITLES[i.language][i.kind] },
    date: day(i.now, i.timeZone),
    currency: i.quote.currency,
    validity: i.quote.valid_until ?? '',
    incoterms: i.incoterms ?? p.defaultIncoterms ?? '',
    paymentTerms: i.paymentTerms ?? p.defaultPaymentTerms ?? '',
    totals: {
      quantity: i.quote.items.reduce((n, item) => n + item.quantity, 0),
      total: Number(i.quote.amount),
      discountPct: Number(i.quote.discount_pct),
      amountUsd: Number(i.quote.amount_usd),
    },
    items,
    approvals: i.approvals.map((a) => ({ level: a.level, approver: a.approver, decidedAt: day(new Date(a.decidedAt), i.timeZone), comment: a.comment ?? '' })),
    approvalSummary: i.approvals.length === 0 ? s.none : i.approvals.map((a) => s.level(a, i.timeZone)).join('; '),
  };
}
