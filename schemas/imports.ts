// Spreadsheet imports as durable jobs (issue 14 §1): the upload is staged in the database, then a
// workflow processes it in batches (validation, dedup, grading, assignment). A preview decides
// everything and writes no customer; committing it processes the same staged upload again as a
// new job (`committedJobId` on the preview names it).
//
// Names follow CONTRACT-imports.md, with these refinements:
// - `duplicateOf.customerId` is null for a duplicate of an earlier row of the same file in a
//   preview (that row's customer does not exist yet); `duplicateOf.row` then names the row. It is
//   null too (with `visibility: "restricted"`) for a customer the reader may not read in full: a
//   report shows each reader what the access policy lets them see (R9).
// - `POST /imports/{id}/commit` answers 202 with a NEW job (mode commit); the preview stays
//   `previewed` and gets `committedJobId`.
// - `outcome` of a row in a preview is what a commit would do (created, duplicate, updated, refused).
import { z } from 'zod';
import { IntegerParam, IsoDateTime } from './common.js';
import { CreateCustomerBody } from './customers.js';

export const IMPORT_OUTCOMES = ['created', 'duplicate', 'updated', 'refused'] as const;
export const ImportOutcome = z.enum(IMPORT_OUTCOMES);
export type ImportOutcome = z.infer<typeof ImportOutcome>;

export const IMPORT_JOB_STATUSES = ['queued', 'running', 'previewed', 'completed', 'cancelled', 'failed'] as const;
export const ImportJobStatus = z.enum(IMPORT_JOB_STATUSES);
export type ImportJobStatus = z.infer<typeof ImportJobStatus>;

export const IdentityKind = z.enum(['email', 'phone', 'domain', 'name']);

export const ImportRow = z
  .object({
    row: z.number().int().meta({ description: 'The spreadsheet row number (the header is row 1).' }),
    outcome: ImportOutcome,
    customerId: z.string().optional().meta({ description: 'created: the new customer; updated: the filled customer.' }),
    companyName: z.string().optional().meta({ description: "The company name of the row's customer (customerId), when you may read that customer in full." }),
    uploadedCompanyName: z.string().optional().meta({ description: "The company name as the row's upload gives it (while the upload is kept): a preview's rows, and rows that made no customer, name their company by it." }),
    duplicateOf: z
      .object({
        customerId: z.string().nullable().meta({ description: 'The existing customer; null for an earlier row of this file in a preview, and for a customer you may not read in full (visibility).' }),
        visibility: z
          .literal('restricted')
          .optional()
          .meta({ description: "The existing customer is one you may not read in full (another rep's, or in a pool not open to you): its id is left out, as GET /customers/lookup leaves it out; the look-up says where it is." }),
        row: z.number().int().optional().meta({ description: 'The earlier row of this file it repeats, when it repeats one.' }),
        companyName: z.string().optional().meta({ description: "The existing customer's company name, when you may read it in full (as customerId)." }),
        matchedOn: z.array(IdentityKind),
      })
      .optional(),
    errors: z
      .array(
        z.object({
          column: z.string().nullable(),
          field: z.string(),
          message: z.string().meta({ description: "Why, in the request's language (Accept-Language: zh* Chinese, else English)." }),
          code: z.string().optional().meta({ description: 'A stable code for why (empty, formula, invalid_email, unknown_pool …); absent in reports written before codes.' }),
        }),
      )
      .optional(),
    assignment: z
      .object({
        status: z.enum(['assigned', 'pool']),
        repId: z.string().nullable(),
        repName: z.string().nullable().meta({ description: 'The name of the rep (repId).' }),
        reason: z.string(),
      })
      .optional()
      .meta({ description: 'created rows: the rep the assignment rules gave it to, or why it stays in the pool.' }),
    filledFields: z.array(z.string()).optional().meta({ description: 'updated rows: the empty fields of the existing customer filled from the row.' }),
    possibleDuplicates: z
      .array(
        z.object({
          customerId: z.string().nullable().meta({ description: "Null when you may not read the customer in full (another rep's, or in a pool not open to you), as GET /customers/lookup leaves it out." }),
          companyName: z.string(),
          score: z.number(),
          row: z.number().int().optional().meta({ description: 'A customer this import created: its row (the earlier row of a similar pair names none).' }),
        }),
      )
      .optional()
      .meta({ description: 'created rows: customers with a similar (not equal) company name, found as the rows are recorded (the similar-names phase runs beside them); shown, never refused.' }),
  })
  .meta({ id: 'ImportRow' });
export type ImportRow = z.infer<typeof ImportRow>;

export const ImportOptions = z.object({
  existing: z.enum(['skip', 'fill']),
  overridePrivate: z.boolean(),
  poolId: z.string().nullable(),
  source: z.string().nullable(),
  country: z.string().nullable(),
  assign: z.boolean(),
});
export type ImportOptions = z.infer<typeof ImportOptions>;

export const ImportJob = z
  .object({
    id: z.string(),
    file: z.string(),
    format: z.enum(['csv', 'xlsx']),
    mode: z.enum(['preview', 'commit']),
    status: ImportJobStatus,
    options: ImportOptions,
    mapping: z.record(z.string(), z.string()).meta({ description: 'Column name → customer field.' }),
    unmappedColumns: z.array(z.string()),
    progress: z.object({
      rowsTotal: z.number().int(),
      rowsRead: z.number().int().meta({ description: 'Rows processed so far.' }),
      created: z.number().int(),
      duplicates: z.number().int(),
      updated: z.number().int(),
      refused: z.number().int(),
      assigned: z.number().int(),
      percent: z.number(),
      rowsPerSecond: z.number(),
      phase: z.enum(['rows', 'similar', 'done']).meta({ description: 'rows: recording rows (their company names compared beside them: similarChecked); similar: every row recorded, the last created rows\' company names being compared with the customers; done: finished.' }),
      similarChecked: z.number().int().meta({ description: 'Created rows compared for similar company names so far.' }),
      similarTotal: z.number().int().meta({ description: 'Created rows to compare (the created count).' }),
    }),
    samples: z.object({
      created: z.array(ImportRow),
      duplicate: z.array(ImportRow),
      updated: z.array(ImportRow),
      refused: z.array(ImportRow),
    }).meta({ description: 'The first rows of each outcome (up to 20).' }),
    createdBy: z.string(),
    createdByName: z.string().nullable().meta({ description: "`createdBy`'s name (null: a rep no longer found)." }),
    createdAt: IsoDateTime,
    startedAt: IsoDateTime.nullable(),
    finishedAt: IsoDateTime.nullable(),
    rowsDoneAt: IsoDateTime.nullable().meta({ description: 'When every row was recorded (the counts are final); the similar-names phase, which runs beside the rows, ends by finishedAt.' }),
    uploadExpiresAt: IsoDateTime.meta({ description: 'Until then the upload is kept: a preview can be committed and the rejects downloaded.' }),
    committedJobId: z.string().nullable().meta({ description: 'A preview: the commit job started from it.' }),
    previewJobId: z.string().nullable().meta({ description: 'A commit job started from a preview: that preview.' }),
    error: z.string().nullable().meta({ description: 'A failed job: why.' }),
  })
  .meta({ id: 'ImportJob' });
export type ImportJob = z.infer<typeof ImportJob>;

export const ImportJobList = z.object({ items: z.array(ImportJob), nextCursor: z.string().nullable() });

export const ImportRowsPage = z.object({ items: z.array(ImportRow), nextCursor: z.string().nullable() });

export const ImportRowsQuery = z.object({
  outcome: ImportOutcome.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: IntegerParam('the cursor is a row number this API returned').optional().meta({ description: 'nextCursor of the previous page.' }),
});

/**
 * The defaults an import gives its rows, validated as POST /customers validates the same fields
 * (an upload's form and a commit's body alike), so a bad one is refused with its pointer before
 * any row is read: an empty pool id does not skip the pool check, a bad country refuses no row.
 */
export const ImportRowDefaults = CreateCustomerBody.pick({ poolId: true, source: true, country: true });

export const CommitImportBody = z
  .object({
    existing: z.enum(['skip', 'fill']).optional(),
    overridePrivate: z.boolean().optional(),
    ...ImportRowDefaults.shape,
    assign: z.boolean().optional(),
  })
  .strict()
  .meta({ description: "Options that differ from the preview's; omitted ones stay." });
export type CommitImportBody = z.infer<typeof CommitImportBody>;
