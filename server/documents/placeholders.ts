// The placeholders a template may use (xlsx-template syntax): scalars `${company.name}`, and table
// rows `${table:items.product}` that repeat for each item. Anything else in a template is refused
// on upload, with its sheet and cell.
import type { DocumentKind } from '../../schemas/documents.js';

const COMPANY = ['name', 'address', 'phone', 'email', 'website', 'taxId', 'bankName', 'bankAddress', 'bankAccount', 'bankSwift', 'beneficiary', 'signatory', 'signatoryTitle'];
const CUSTOMER = ['name', 'contact', 'email', 'phone', 'country', 'website'];
const QUOTE = ['number', 'version', 'date', 'status', 'note', 'rep'];
const TOTALS = ['quantity', 'total', 'discountPct', 'amountUsd'];
const DOCUMENT = ['number', 'date', 'title'];

export const ITEM_COLUMNS = ['no', 'sku', 'product', 'quantity', 'unit', 'unitPrice', 'amount'];
export const APPROVAL_COLUMNS = ['level', 'approver', 'decidedAt', 'comment'];

/** Scalar placeholders: `${name}` or `${group.key}`. */
export const SCALARS = new Set([
  ...COMPANY.map((k) => `company.${k}`),
  ...CUSTOMER.map((k) => `customer.${k}`),
  ...QUOTE.map((k) => `quote.${k}`),
  ...TOTALS.map((k) => `totals.${k}`),
  ...DOCUMENT.map((k) => `document.${k}`),
  'date',
  'currency',
  'validity',
  'incoterms',
  'paymentTerms',
  'approvalSummary',
]);

/** Table placeholders: `${table:items.product}`, one row per item (or approval). */
export const TABLES = new Set([...ITEM_COLUMNS.map((k) => `table:items.${k}`), ...APPROVAL_COLUMNS.map((k) => `table:approvals.${k}`)]);

/** What a template of each kind must show; a PI is paid into the bank account it prints. */
export const REQUIRED: Record<DocumentKind, string[]> = {
  quotation: ['customer.name', 'quote.number', 'table:items.product', 'table:items.quantity', 'table:items.unitPrice', 'totals.total'],
  proforma_invoice: ['customer.name', 'quote.number', 'table:items.product', 'table:items.quantity', 'table:items.unitPrice', 'totals.total', 'company.bankAccount'],
};

// The same shape xlsx-template matches: ${type:name.key} with no braces or colons inside the parts.
const PLACEHOLDER = /\$\{(?:([^{}:]+?):)?([^{}:]+?)(?:\.([^{}:]+?))?(?::([^{}:]+?))??\}/g;

/** Every placeholder in a text, as written (`${…}`) and as named here (`table:items.product`). */
export function placeholdersIn(text: string): { written: string; name: string }[] {
  const found: { written: string; name: string }[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    const [written, type, name, key, sub] = m;
    const base = `${name}${key ? `.${key}` : ''}`;
    found.push({ written, name: sub ? `${type ?? 'normal'}:${base}:${sub}` : type ? `${type}:${base}` : base });
  }
  return found;
}

export const isKnown = (name: string) => SCALARS.has(name) || TABLES.has(name);

const shown = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text);

/**
 * What in a text looks meant as a placeholder but is not one xlsx-template fills (it would print
 * as written): a "${" that opens no placeholder (unclosed, empty, nested or with too many parts),
 * and a known placeholder written in braces without its "$".
 */
export function malformedIn(text: string): string[] {
  const starts = new Set([...text.matchAll(PLACEHOLDER)].map((m) => m.index));
  const problems: string[] = [];
  for (const m of text.matchAll(/\$\{/g)) {
    if (starts.has(m.index)) continue;
    const close = text.indexOf('}', m.index + 2);
    const next = text.indexOf('${', m.index + 2);
    if (close < 0 || (next >= 0 && next < close)) {
      problems.push(`unterminated placeholder "${shown(text.slice(m.index, next < 0 ? undefined : next))}": close it with "}"`);
    } else {
      problems.push(`malformed placeholder "${shown(text.slice(m.index, close + 1))}": write \${group.name} or \${table:items.column}`);
    }
  }
  for (const m of text.matchAll(/(?<!\$)(\{\{?)\s*([^{}$\s]+)\s*(\}\}?)/g)) {
    if (isKnown(m[2]!)) problems.push(`"${m[0]}" lacks its "$": write \${${m[2]}}`);
  }
  return problems;
}
