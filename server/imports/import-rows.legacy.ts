// Bulk import (R11): every row through the same path as a single create (validation, dedup,
// grading), then the assignment rules with trigger "import"; a report line per row.
import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import { isSupportedCountry } from 'libphonenumber-js';
import { CreateCustomerBody } from '../../schemas/customers.js';
import { AppError, ErrorCode, isAppError } from '../errors.js';
import type { Actor } from '../auth/actor.js';
import { customerIdentities, type Identity } from '../customers/identity.js';
import { type AssignmentResult, type CustomerDeps, assignNewCustomer, insertCustomer } from '../customers/customers.service.js';
import type { ImportField } from './column-mapping.js';
import { mapColumns } from './column-mapping.js';
import { IMPORT_LIMITS } from './import-limits.js';
import type { Sheet } from './spreadsheet.js';
import { type Metrics, metrics as processMetrics } from '../metrics/metrics.js';

const require = createRequire(import.meta.url);
countries.registerLocale(require('i18n-iso-countries/langs/en.json'));
countries.registerLocale(require('i18n-iso-countries/langs/zh.json'));

const MAX_IMPORT_ROWS = IMPORT_LIMITS.maxRows;

/** "DE", "Germany", "德国" → "DE"; anything else is left for validation to refuse. */
function countryCode(value: string): string {
  const v = value.trim();
  if (/^[A-Za-z]{2}$/.test(v) && isSupportedCountry(v.toUpperCase())) return v.toUpperCase();
  return countries.getAlpha2Code(v, 'en') ?? countries.getAlpha2Code(v, 'zh') ?? v;
}

export interface ImportOptions {
  mapping?: Record<string, ImportField>;
  defaults: { source?: string | undefined; poolId?: string | undefined; country?: string | undefined };
  assign: boolean;
}

export interface RowReport {
  /** The spreadsheet row number (the header is row 1). */
  row: number;
  status: 'created' | 'duplicate' | 'invalid' | 'failed';
  customerId?: string;
  existingId?: string;
  matchedOn?: string[];
  errors?: { column: string | null; field: string; message: string }[];
  assignment?: AssignmentResult;
}

/** Row indexes grouped so that rows sharing any identity fall in one group, each in file order. */
function groupBySharedIdentity(identitiesPerRow: Identity[][]): number[][] {
  const parent = identitiesPerRow.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const firstRowWith = new Map<string, number>();
  identitiesPerRow.forEach((identities, i) => {
    for (const { kind, value } of identities) {
      const key = `${kind}:${value}`;
      const seen = firstRowWith.get(key);
      if (seen === undefined) firstRowWith.set(key, i);
      else parent[find(i)] = find(seen);
    }
  });
  const groups = new Map<number, number[]>();
  identitiesPerRow.forEach((_, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), i]);
  });
  return [...groups.values()];
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  }));
  return out;
}

/** `metrics`: where rows are counted by outcome (created, duplicate, invalid, failed); default the process's registry. */
export async function importCustomers(deps: CustomerDeps & { metrics?: Metrics | undefined }, actor: Actor, sheet: Sheet, options: ImportOptions) {
  if (sheet.rows.length > MAX_IMPORT_ROWS) {
    throw new AppError(ErrorCode.VALIDATION_FAILED, `The file has ${sheet.rows.length} rows; import at most ${MAX_IMPORT_ROWS} at a time.`, {
      location: 'body',
      issues: [{ pointer: '/file', message: `more than ${MAX_IMPORT_ROWS} rows` }],
    });
  }
  const { mapping, unmapped } = mapColumns(sheet.headers, options.mapping);
  const columnOf = Object.fromEntries(Object.entries(mapping).map(([header, field]) => [field, header]));
  if (!columnOf.companyName) {
    throw new AppError(ErrorCode.VALIDATION_FAILED, `No column holds the company name; name one "Company" (公司名称) or map it. Columns: ${sheet.headers.join(', ')}.`, {
      location: 'body',
      issues: [{ pointer: '/mapping', message: 'no company name column' }],
    });
  }

  const parsedRows = sheet.rows.map((cells) => {
    const input: Record<string, string> = {};
    for (const [header, field] of Object.entries(mapping)) {
      const value = cells[header] ?? '';
      if (value !== '') input[field] = field === 'country' ? countryCode(value) : field === 'grade' ? value.toUpperCase() : value;
    }
    for (const [k, v] of Object.entries(options.defaults)) if (v && input[k] === undefined) input[k] = v;
    return CreateCustomerBody.safeParse({ ...input, assign: false });
  });

  const importRow = async (i: number): Promise<RowReport> => {
    const row = i + 2;
    const parsed = parsedRows[i]!;
    if (!parsed.success) {
      return {
        row,
        status: 'invalid',
        errors: parsed.error.issues.map((issue) => {
          const field = String(issue.path[0] ?? '');
          return { column: columnOf[field] ?? null, field, message: issue.message };
        }),
      };
    }
    try {
      const customer = await insertCustomer(deps, actor, parsed.data, 'import');
      const report: RowReport = { row, status: 'created', customerId: customer.id };
      if (options.assign) report.assignment = await assignNewCustomer(deps, customer, 'import');
      return report;
    } catch (e) {
      if (isAppError(e) && e.code === ErrorCode.DUPLICATE_CUSTOMER) {
        return { row, status: 'duplicate', existingId: String(e.details?.existingId), matchedOn: e.details?.matchedOn as string[] };
      }
      if (isAppError(e) && e.code === ErrorCode.VALIDATION_FAILED) {
        const issues = (e.details?.issues ?? []) as { pointer: string; message: string }[];
        return {
          row,
          status: 'invalid',
          errors: issues.map((issue) => {
            const field = issue.pointer.replace(/^\//, '');
            return { column: columnOf[field] ?? null, field, message: issue.message };
          }),
        };
      }
      if (isAppError(e) && e.status < 500) return { row, status: 'failed', errors: [{ column: null, field: '', message: e.message }] };
      throw e;
    }
  };

  // Rows run a few at a time (each may start a workflow when assigned), but rows that share an
  // identity (name, email, phone, domain) run one after another in file order: the first one is
  // created and the later ones are its duplicates, every time.
  const groups = groupBySharedIdentity(parsedRows.map((p) => (p.success ? customerIdentities(p.data) : [])));
  const rows: RowReport[] = new Array(sheet.rows.length);
  await mapLimit(groups, 4, async (group) => {
    for (const i of group) rows[i] = await importRow(i);
  });

  const count = (s: RowReport['status']) => rows.filter((r) => r.status === s).length;
  for (const status of ['created', 'duplicate', 'invalid', 'failed'] as const) {
    const n = count(status);
    if (n > 0) (deps.metrics ?? processMetrics).importRows.inc({ outcome: status }, n);
  }
  return {
    summary: {
      rows: rows.length,
      created: count('created'),
      duplicates: count('duplicate'),
      invalid: count('invalid'),
      failed: count('failed'),
      assigned: rows.filter((r) => r.assignment?.status === 'assigned').length,
    },
    mapping,
    unmappedColumns: unmapped,
    rows,
  };
}
