// The report of a spreadsheet import: what each row became (created, duplicate, invalid, failed)
// and why, and how the columns were read.
import { z } from 'zod';
import { AssignmentResult } from './customers.js';

const ImportRowReport = z.object({
  row: z.number().int().meta({ description: 'The spreadsheet row number (the header is row 1).' }),
  status: z.enum(['created', 'duplicate', 'invalid', 'failed']),
  customerId: z.string().optional(),
  existingId: z.string().optional().meta({ description: 'Duplicates: the customer it matches.' }),
  matchedOn: z.array(z.string()).optional(),
  errors: z.array(z.object({ column: z.string().nullable(), field: z.string(), message: z.string() })).optional(),
  assignment: AssignmentResult.optional(),
});

export const ImportReport = z
  .object({
    file: z.string(),
    format: z.enum(['csv', 'xlsx']),
    summary: z.object({
      rows: z.number(),
      created: z.number(),
      duplicates: z.number(),
      invalid: z.number(),
      failed: z.number(),
      assigned: z.number(),
    }),
    mapping: z.record(z.string(), z.string()).meta({ description: 'Column name → customer field.' }),
    unmappedColumns: z.array(z.string()),
    rows: z.array(ImportRowReport),
  })
  .meta({ id: 'ImportReport' });
