// The customer fields a column can be imported into (their labels: components/field-labels.ts).
export const IMPORT_FIELDS = ['companyName', 'contactName', 'email', 'phone', 'website', 'country', 'region', 'source', 'productLine', 'language', 'grade'] as const;
