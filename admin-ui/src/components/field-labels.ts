// The API's body fields by the labels the forms give them: a validation issue at /country reads
// "Country", an import column mapped to companyName reads "Company". Fields whose label depends on
// the form ("name": a person's or a thing's; "source": a lead's or a rule set's) are each form's own.
import type { TFunction } from 'i18next';

export const FIELD_LABELS = {
  companyName: 'fields.company',
  contactName: 'fields.contact',
  email: 'fields.email',
  phone: 'fields.phone',
  website: 'fields.website',
  country: 'fields.country',
  region: 'fields.region',
  productLine: 'fields.productLine',
  language: 'fields.language',
  grade: 'fields.grade',
  poolId: 'fields.pool',
  id: 'fields.id',
  role: 'fields.role',
  teamId: 'fields.team',
  timeZone: 'fields.timeZone',
  hiredAt: 'fields.hiredAt',
  tags: 'fields.tags',
  startsOn: 'leave.startsOn',
  endsOn: 'leave.endsOn',
  validUntil: 'quote.validUntil',
  discountPct: 'quote.discountPct',
  marginPct: 'quote.marginPct',
  amountUsd: 'quote.amountUsd',
} as const;

/** The customer fields an import maps columns to, by label (a customer's source is a lead's). */
const CUSTOMER_FIELD_LABELS = { ...FIELD_LABELS, source: 'fields.source' } as const;

/** A customer field's label, or the field's own name for one the UI does not know. */
export const fieldLabel = (t: TFunction, field: string): string => {
  const key = (CUSTOMER_FIELD_LABELS as Record<string, (typeof CUSTOMER_FIELD_LABELS)[keyof typeof CUSTOMER_FIELD_LABELS]>)[field];
  return key ? t(key) : field;
};
