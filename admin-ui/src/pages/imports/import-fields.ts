// The customer fields a column can be imported into, and their labels.
import type { TFunction } from 'i18next';

export const IMPORT_FIELDS = ['companyName', 'contactName', 'email', 'phone', 'website', 'country', 'region', 'source', 'productLine', 'language', 'grade'] as const;

const LABELS: Record<string, 'fields.company' | 'fields.contact' | 'fields.email' | 'fields.phone' | 'fields.website' | 'fields.country' | 'fields.region' | 'fields.source' | 'fields.productLine' | 'fields.language' | 'fields.grade'> = {
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
};

/** A field's label, or the field's own name for one the UI does not know. */
export const fieldLabel = (t: TFunction, field: string) => {
  const key = LABELS[field];
  return key ? t(key) : field;
};
