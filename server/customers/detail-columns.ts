// A customer's details by their API names, with their columns: what a PATCH changes
// (customer-edit.service.ts) and, the company name aside, what an import fills when empty
// (imports/batch-types.ts FILLABLE). Ownership, stage and grade are not details.
import type { Customer } from '../db/database.js';

export const CONTACT_DETAILS = {
  contactName: 'contact_name',
  email: 'email',
  phone: 'phone',
  website: 'website',
  country: 'country',
  region: 'region',
  source: 'source',
  productLine: 'product_line',
  language: 'language',
} as const satisfies Record<string, keyof Customer>;

export const DETAILS = { companyName: 'company_name', ...CONTACT_DETAILS } as const satisfies Record<string, keyof Customer>;
