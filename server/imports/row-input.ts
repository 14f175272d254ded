// One staged row as a customer to create: the mapped cells read into the create body (defaults for
// empty cells; the body reads country names as codes), validated like POST /customers, with each fault
// pointing at the upload's column.
import type { z } from 'zod';
import { CreateCustomerBody } from '../../schemas/customers.js';
import { customerIdentities, identityProblems, type Identity } from '../customers/identity.js';
import type { ImportField } from './column-mapping.js';
import { type RefusalCode, type RowError, refusal } from './refusal-words.js';

export type { RowError };

/** The error values a spreadsheet shows in a cell (what a CSV export writes for them, too). */
const EXCEL_ERROR = /^#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/;

export type ParsedRow =
  | { ok: true; body: CreateCustomerBody; identities: Identity[] }
  | { ok: false; errors: RowError[] };

export interface RowReader {
  /** The column each field is read from. */
  columnOf: Partial<Record<ImportField, string>>;
  read(cells: readonly string[]): ParsedRow;
}

/** A validator's issue on a create body field as a refusal code with its values (none: told as the validator worded it). */
function issueCode(issue: z.core.$ZodIssue, field: string): [RefusalCode | null, Record<string, string | number | null>] {
  if (issue.code === 'too_big') return ['too_long', { max: Number(issue.maximum) }];
  if (issue.code === 'too_small') return ['blank', {}];
  if (issue.code === 'invalid_format' && issue.message === 'one line of text, without control characters') return ['control_characters', {}];
  if (issue.code === 'invalid_value') return ['invalid_grade', { values: issue.values.map(String).join(', ') }];
  if (field === 'email') return ['invalid_email', {}];
  if (field === 'country') return ['invalid_country', {}];
  if (field === 'poolId') return ['invalid_id', {}];
  return [null, {}];
}

/** A cell marked as text by a leading apostrophe before what a spreadsheet would run (as the report and rejects files write it): the value without the mark. */
export const unmarked = (v: string) => (/^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v);

/** Reads rows of an upload with these headers and this mapping (header → field). */
export function rowReader(headers: readonly string[], mapping: Record<string, string>, defaults: { source?: string | null; poolId?: string | null; country?: string | null }): RowReader {
  const fields = Object.entries(mapping).map(([header, field]) => ({ index: headers.indexOf(header), header, field: field as ImportField }));
  const columnOf = Object.fromEntries(fields.map((f) => [f.field, f.header])) as Partial<Record<ImportField, string>>;
  const columnFor = (field: string) => columnOf[field as ImportField] ?? null;
  return {
    columnOf,
    read(cells) {
      const input: Record<string, string | boolean> = {};
      const formulas: RowError[] = [];
      for (const { index, header, field } of fields) {
        // A cell's line breaks (Alt+Enter in a spreadsheet) and tabs read as one space: a field is one line.
        const value = unmarked(index >= 0 ? (cells[index] ?? '') : '').replace(/[\t\r\n\u2028\u2029]+/g, ' ');
        if (value === '') continue;
        // A cell holding formula text ("=HYPERLINK(…)", or an .xlsx formula without a value) is not
        // data; it would also run in whoever opens the report. An error value is not data either.
        if (value.startsWith('=')) {
          formulas.push(refusal(header, field, 'formula', { value: value.slice(0, 60) }));
        } else if (EXCEL_ERROR.test(value)) {
          formulas.push(refusal(header, field, 'error_value', { value }));
        }
        input[field] = field === 'grade' ? value.toUpperCase() : value;
      }
      if (formulas.length > 0) return { ok: false, errors: formulas };
      for (const [k, v] of Object.entries(defaults)) if (v && input[k] === undefined) input[k] = v;
      input.assign = false;
      const parsed = CreateCustomerBody.safeParse(input);
      if (!parsed.success) {
        return {
          ok: false,
          errors: parsed.error.issues.map((issue) => {
            const field = String(issue.path[0] ?? '');
            // A required field with nothing in its cell (zod says "expected string, received undefined").
            const missing = issue.code === 'invalid_type' && input[field] === undefined;
            const column = columnFor(field);
            if (missing) return refusal(column, field, 'empty');
            const [code, params] = issueCode(issue, field);
            return code ? refusal(column, field, code, params, issue.message) : { column, field, message: issue.message };
          }),
        };
      }
      const problems = identityProblems(parsed.data);
      if (problems.length > 0) {
        return {
          ok: false,
          // identityProblems' codes are the import's own refusal codes (one list of words).
          errors: problems.map((p) => {
            const field = p.pointer.replace(/^\//, '');
            return refusal(columnFor(field), field, p.code as RefusalCode, { country: parsed.data.country ?? null });
          }),
        };
      }
      return { ok: true, body: parsed.data, identities: customerIdentities(parsed.data) };
    },
  };
}
