// POST /imports: a CSV or XLSX upload (multipart), imported row by row with a per-row report.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { ImportReport } from '../../schemas/imports.js';
import { AppError, ErrorCode } from '../errors.js';
import { faultMessage, textFault } from '../http/unstorable-text.middleware.js';
import type { AppEnv } from '../http/app-env.js';
import { parseMultipart } from '../http/multipart.middleware.js';
import { bearer, errorResponses, jsonResponse } from '../http/openapi.js';
import type { CustomerDeps } from '../customers/customers.service.js';
import { IMPORT_FIELDS, type ImportField } from './column-mapping.js';
import { IMPORT_LIMITS, MAX_IMPORT_BYTES } from './import-limits.js';
import { importCustomers } from './imports.service.js';
import { detectFormat, readSheet } from './spreadsheet.js';
import type { Metrics } from '../metrics/metrics.js';

export { MAX_IMPORT_BYTES };

// Form fields are not JSON, so the NUL middleware does not see them; PostgreSQL text cannot hold NUL.
const formText = (max: number) =>
  z
    .string()
    .max(max)
    .superRefine((v, ctx) => {
      const fault = textFault(v);
      if (fault) ctx.addIssue({ code: 'custom', message: faultMessage[fault] });
    });

const ImportForm = z.object({
  file: z.any().meta({ type: 'string', format: 'binary', description: 'A .csv (UTF-8 or GB18030) or .xlsx file; the first row holds the column names.' }),
  source: formText(60).optional().meta({ description: 'Source channel for rows without one, e.g. "canton_fair_2026".' }),
  poolId: formText(64).optional(),
  country: formText(2).optional().meta({ description: 'Country for rows without one.' }),
  assign: z.enum(['true', 'false']).default('true').meta({ description: 'Apply the assignment rules (trigger "import").' }),
  mapping: z.string().max(10_000).optional().meta({ description: 'JSON object { "column name": "field" } for columns the importer does not recognise.' }),
});

const route = createRoute({
  method: 'post',
  path: '/imports',
  tags: ['customers'],
  summary: 'Import customers from CSV or XLSX: dedup, grading and assignment per row, with a report of what was refused and why',
  security: bearer,
  middleware: [parseMultipart({ files: 1, fields: 10, fieldBytes: 64 * 1024, fileBytes: MAX_IMPORT_BYTES })] as const,
  request: { body: { required: true, content: { 'multipart/form-data': { schema: ImportForm } } } },
  description: `At most ${MAX_IMPORT_BYTES / 1024 / 1024} MiB (413 otherwise), ${IMPORT_LIMITS.maxRows} rows, ${IMPORT_LIMITS.maxColumns} columns and ${IMPORT_LIMITS.maxCellChars} characters per cell; an .xlsx part (sheet, shared strings) may unpack to at most ${IMPORT_LIMITS.xlsx.maxPartBytes / 1024 / 1024} MiB. The file is read as a stream and refused (400, pointer /file) at the first limit it passes, before anything is written.`,
  responses: { 200: jsonResponse(ImportReport, 'The per-row report.'), ...errorResponses(413) },
});

const bad = (pointer: string, message: string) => new AppError(ErrorCode.VALIDATION_FAILED, message, { location: 'body', issues: [{ pointer, message }] });

export function registerImportRoutes(app: OpenAPIHono<AppEnv>, deps: CustomerDeps & { metrics?: Metrics | undefined }) {
  app.openapi(route, async (c) => {
    const form = c.req.valid('form');
    const file = form.file as unknown;
    if (!(file instanceof File)) throw bad('/file', 'Attach the spreadsheet as the form field "file".');
    const buffer = Buffer.from(await file.arrayBuffer());
    const format = detectFormat(file.name, buffer);
    if (!format) throw new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, `"${file.name}" is neither .csv nor .xlsx; export the list in one of those formats.`);
    let mapping: Record<string, ImportField> | undefined;
    if (form.mapping) {
      try {
        const parsed = z.record(z.string(), z.enum(IMPORT_FIELDS)).parse(JSON.parse(form.mapping));
        mapping = parsed;
      } catch {
        throw bad('/mapping', `mapping must be JSON like {"Firma": "companyName"}; fields are ${IMPORT_FIELDS.join(', ')}`);
      }
    }
    const sheet = await readSheet(buffer, format);
    const report = await importCustomers(deps, c.get('actor'), sheet, {
      mapping,
      defaults: { source: form.source, poolId: form.poolId, country: form.country },
      assign: form.assign === 'true',
    });
    return c.json({ file: file.name, format, ...report }, 200);
  });
}
