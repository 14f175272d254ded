// The API's body fields by the labels the forms give them: a validation issue at /country reads
// "Country", an import column mapped to companyName reads "Company".
import type { TFunction } from 'i18next';

export const FIELD_LABELS = {
  companyName: 'fields.company',
  contactName: 'fields.contact',
  email: 'fields.email',
  phone: 'fields.phone',
  website: 'fields.website',
  country: 'fields.country',
  region: 'fields.region',
  source: 'fields.source',
  productLine: 'fields.productLine',
  language: 'fields.language',
  grade: 'fields.grade',
  poolId: 'fields.pool',
  id: 'fields.id',
  name: 'fields.name',
  role: 'fields.role',
  teamId: 'fields.team',
  timeZone: 'fields.timeZone',
  hiredAt: 'fields.hiredAt',
  tags: 'fields.tags',
  startsOn: 'leave.startsOn',
  endsOn: 'leave.endsOn',
} as const;

/** A field's label, or the field's own name for one the UI does not know. */
export const fieldLabel = (t: TFunction, field: string): string => {
  const key = (FIELD_LABELS as Record<string, (typeof FIELD_LABELS)[keyof typeof FIELD_LABELS]>)[field];
  return key ? t(key) : field;
};
