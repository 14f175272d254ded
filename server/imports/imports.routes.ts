// Imports as jobs (R11, issue 14): POST /imports stages a CSV or XLSX upload and starts its
// workflow (202); the job's progress, rows and downloads; committing a preview; cancelling.
import { unstorableText } from '../http/unstorable-text.middleware.js';
import { KeysetCursorParam } from '../../schemas/cursors.js';
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { FormFile, Id } from '../../schemas/common.js';
import { LANGUAGES, type Language } from '../../schemas/language.js';
import { CommitImportBody, ImportJob, ImportJobList, ImportRowDefaults, ImportRowsPage, ImportRowsQuery } from '../../schemas/imports.js';
import { AppError, ErrorCode } from '../errors.js';
import { type IssueCode, type IssueParams, invalidRequest } from '../request-issues.js';
import { issueText } from '../request-issue-words.js';
import { refuseUnstorable } from '../http/unstorable-text.middleware.js';
import type { AppEnv } from '../http/app-env.js';
import { parseMultipart } from '../http/multipart.middleware.js';
import { bearer, errorResponses, jsonBody, jsonResponse } from '../http/openapi.js';
import { IMPORT_FIELDS } from './column-mapping.js';
import { IMPORT_LIMITS, MAX_IMPORT_BYTES } from './import-limits.js';
import { type ImportServiceDeps, createImportService } from './imports.service.js';
import { detectFormat } from './spreadsheet.js';

export { MAX_IMPORT_BYTES };

const ImportForm = z.strictObject({
  file: FormFile('A .csv (UTF-8 or GB18030) or .xlsx file; the first row holds the column names.'),
  mode: z.enum(['preview', 'commit']).default('commit').meta({ description: 'preview: decide every row, write no customer; commit it later with POST /imports/{id}/commit.' }),
  existing: z.enum(['skip', 'fill']).default('skip').meta({ description: "A row matching an existing customer: skip (reported as duplicate) or fill the customer's empty fields from it." }),
  overridePrivate: z.enum(['true', 'false']).default('false').meta({ description: "Admins: fill may touch another rep's private customer." }),
  // As a commit's body and POST /customers take them; the source is checked for what PostgreSQL cannot store (a form is not JSON).
  // Form fields are not JSON, so the NUL middleware does not see them; PostgreSQL text cannot hold NUL.
  source: ImportRowDefaults.shape.source.unwrap().superRefine(refuseUnstorable).optional().meta({ description: 'Source channel for rows without one, e.g. "canton_fair_2026".' }),
  poolId: ImportRowDefaults.shape.poolId.meta({ description: 'The pool new customers go to (default: "default").' }),
  country: ImportRowDefaults.shape.country.meta({ description: 'Country for rows without one (ISO 3166-1 alpha-2 code, or the name in English or Chinese).' }),
  assign: z.enum(['true', 'false']).default('true').meta({ description: 'Apply the assignment rules (trigger "import"); false keeps every new customer in the pool.' }),
  mapping: z.string().max(10_000).optional().meta({ description: 'JSON object { "column name": "field" } for columns the importer does not recognise.' }),
});

const IdParam = z.object({ id: Id });
/** A file's language: `lang`, else Accept-Language (zh* Chinese, else English). */
const FileQuery = z.object({
  lang: z.enum(LANGUAGES).optional().meta({ description: "The language of the headers and reasons the server writes (the upload's own columns stay as they were): en or zh. Default: Accept-Language (zh* Chinese, else English)." }),
});
const RemapImportBody = z
  .object({
    mapping: z
      .record(z.string().max(10_000), z.string())
      .meta({ description: `{ "column name": "field" }, as the job names its columns (mapping and unmappedColumns); the fields: ${IMPORT_FIELDS.join(', ')}. Each column of the file, each field at most once.` }),
  })
  .strict()
  .meta({ id: 'RemapImportBody' });
const download = (type: string, description: string) => ({ description, content: { [type]: { schema: z.string().meta({ format: 'binary' }) } } });
const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const routes = {
  start: createRoute({
    method: 'post',
    path: '/imports',
    tags: ['imports'],
    summary: 'Import customers from CSV or XLSX as a job: staged, then validated, deduplicated, graded and assigned in batches',
    security: bearer,
    middleware: [parseMultipart({ files: 1, fields: 12, fieldBytes: 64 * 1024, fileBytes: MAX_IMPORT_BYTES })] as const,
    request: { body: { required: true, content: { 'multipart/form-data': { schema: ImportForm } } } },
    description: `At most ${MAX_IMPORT_BYTES / 1024 / 1024} MiB (413 otherwise), ${IMPORT_LIMITS.maxRows} rows, ${IMPORT_LIMITS.maxColumns} columns and ${IMPORT_LIMITS.maxCellChars} characters per cell; an .xlsx part (sheet, shared strings) may unpack to at most ${IMPORT_LIMITS.xlsx.maxPartBytes / 1024 / 1024} MiB. The file is read as a stream and refused (400, pointer /file or /mapping; 415 for another format) at the first fault, before any job exists. Otherwise the rows are staged and the job starts: 202 with the job and Location /imports/{id}.`,
    responses: { 202: jsonResponse(ImportJob, 'Staged; follow the job at GET /imports/{id}.'), ...errorResponses(413, 415, 503) },
  }),
  list: createRoute({
    method: 'get',
    path: '/imports',
    tags: ['imports'],
    summary: 'Import jobs, newest first (admins: all; managers: their team; others: their own)',
    security: bearer,
    request: { query: z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20), cursor: KeysetCursorParam.optional() }) },
    responses: { 200: jsonResponse(ImportJobList, 'A page of jobs.'), ...errorResponses() },
  }),
  get: createRoute({
    method: 'get',
    path: '/imports/{id}',
    tags: ['imports'],
    summary: 'An import job: status, progress (rows read, created, duplicates, updated, refused, percent, rows per second) and the first rows of each outcome',
    security: bearer,
    request: { params: IdParam },
    responses: { 200: jsonResponse(ImportJob, 'The job.'), ...errorResponses(404) },
  }),
  commit: createRoute({
    method: 'post',
    path: '/imports/{id}/commit',
    tags: ['imports'],
    summary: 'Commit a previewed import: the same staged upload as a new job (options may be changed)',
    security: bearer,
    request: { params: IdParam, body: { ...jsonBody(CommitImportBody), required: false } },
    responses: { 202: jsonResponse(ImportJob, 'The commit job; the preview names it as committedJobId.'), ...errorResponses(404, 409, 503) },
  }),
  remap: createRoute({
    method: 'post',
    path: '/imports/{id}/remap',
    tags: ['imports'],
    summary: "Preview an import's kept upload again with another column mapping, without sending the file again",
    description: "A new preview job of the same upload and options (while the upload is kept, IMPORT_UPLOAD_TTL); the mapping replaces the job's: columns it does not name are recognised by their headers as at upload. 400 at /mapping when no column holds the company name; 409 once the upload has expired.",
    security: bearer,
    request: { params: IdParam, body: { ...jsonBody(RemapImportBody), required: true } },
    responses: { 202: jsonResponse(ImportJob, 'The new preview job.'), ...errorResponses(404, 409, 503) },
  }),
  cancel: createRoute({
    method: 'post',
    path: '/imports/{id}/cancel',
    tags: ['imports'],
    summary: 'Cancel an import job: it stops after the batch that is running; every processed row stays recorded',
    security: bearer,
    request: { params: IdParam },
    responses: { 200: jsonResponse(ImportJob, 'The job (cancelled once its running batch ends).'), ...errorResponses(404, 409) },
  }),
  rows: createRoute({
    method: 'get',
    path: '/imports/{id}/rows',
    tags: ['imports'],
    summary: "An import job's per-row report, in row order, optionally one outcome",
    security: bearer,
    request: { params: IdParam, query: ImportRowsQuery },
    responses: { 200: jsonResponse(ImportRowsPage, 'A page of rows.'), ...errorResponses(404) },
  }),
  reportCsv: createRoute({
    method: 'get',
    path: '/imports/{id}/report.csv',
    tags: ['imports'],
    summary: 'The per-row report as CSV (UTF-8 with BOM)',
    security: bearer,
    request: { params: IdParam, query: FileQuery },
    responses: { 200: download(CSV, 'row, outcome, customer (id and company name), duplicate of, matched on, assignment (rep id and name), filled fields, errors, similar names.'), ...errorResponses(404) },
  }),
  reportXlsx: createRoute({
    method: 'get',
    path: '/imports/{id}/report.xlsx',
    tags: ['imports'],
    summary: 'The per-row report as XLSX',
    security: bearer,
    request: { params: IdParam, query: FileQuery },
    responses: { 200: download(XLSX, 'The report, one sheet.'), ...errorResponses(404) },
  }),
  rejectsCsv: createRoute({
    method: 'get',
    path: '/imports/{id}/rejects.csv',
    tags: ['imports'],
    summary: "Refused and duplicate rows in the upload's own columns, plus a column saying why: fix and upload again",
    security: bearer,
    request: { params: IdParam, query: FileQuery },
    responses: { 200: download(CSV, 'The rejected rows.'), ...errorResponses(404, 409) },
  }),
  rejectsXlsx: createRoute({
    method: 'get',
    path: '/imports/{id}/rejects.xlsx',
    tags: ['imports'],
    summary: "Refused and duplicate rows in the upload's own columns, plus a column saying why, as XLSX",
    security: bearer,
    request: { params: IdParam, query: FileQuery },
    responses: { 200: download(XLSX, 'The rejected rows.'), ...errorResponses(404, 409) },
  }),
};

/** The JSON in `text`, or undefined when it is not JSON. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The upload refused at `pointer`; the message is the issue's own sentence. */
const bad = (pointer: string, code: IssueCode, params: IssueParams = {}) => invalidRequest('body', [{ pointer, code, params }], { message: issueText(code, params, 'en') });

export function registerImportRoutes(app: OpenAPIHono<AppEnv>, deps: ImportServiceDeps) {
  const service = createImportService(deps);

  app.openapi(routes.start, async (c) => {
    const form = c.req.valid('form');
    const file = form.file as unknown;
    if (!(file instanceof File)) throw bad('/file', 'attach_spreadsheet');
    const buffer = Buffer.from(await file.arrayBuffer());
    const format = detectFormat(file.name, buffer);
    if (!format) throw new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, `"${file.name}" is neither .csv nor .xlsx; export the list in one of those formats.`);
    // Only the shape here: what the entries name is checked against the file's columns with a
    // remap's (mappingIssues), each at its own pointer.
    let mapping: Record<string, string> | undefined;
    if (form.mapping) {
      const raw = parseJson(form.mapping);
      // Checked as a JSON body is (a key named "__proto__" would vanish in the record below).
      const faults = unstorableText(raw);
      if (faults.length > 0) throw invalidRequest('body', faults.map((f) => ({ ...f, pointer: `/mapping${f.pointer}` })));
      const parsed = z.record(z.string(), z.string()).safeParse(raw);
      if (!parsed.success) throw bad('/mapping', 'mapping_json', { fields: IMPORT_FIELDS.join(', ') });
      mapping = parsed.data;
    }
    const job = await service.start(c.get('actor'), {
      fileName: file.name,
      format,
      buffer,
      mode: form.mode,
      mapping,
      options: {
        existing: form.existing,
        overridePrivate: form.overridePrivate === 'true',
        poolId: form.poolId ?? null,
        source: form.source ?? null,
        country: form.country ?? null,
        assign: form.assign === 'true',
      },
    }, c.get('language') as Language);
    c.header('location', `/imports/${job.id}`);
    return c.json(job, 202);
  });
  app.openapi(routes.list, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    return c.json(await service.list(c.get('actor'), limit, cursor, c.get('language')), 200);
  });
  app.openapi(routes.get, async (c) => c.json(await service.get(c.get('actor'), c.req.valid('param').id, c.get('language')), 200));
  app.openapi(routes.commit, async (c) => {
    const job = await service.commit(c.get('actor'), c.req.valid('param').id, (c.req.valid('json') as CommitImportBody | undefined) ?? {}, c.get('language'));
    c.header('location', `/imports/${job.id}`);
    return c.json(job, 202);
  });
  app.openapi(routes.remap, async (c) => {
    const job = await service.remap(c.get('actor'), c.req.valid('param').id, c.req.valid('json').mapping, c.get('language'));
    c.header('location', `/imports/${job.id}`);
    return c.json(job, 202);
  });
  app.openapi(routes.cancel, async (c) => c.json(await service.cancel(c.get('actor'), c.req.valid('param').id, c.get('language')), 200));
  app.openapi(routes.rows, async (c) => c.json(await service.rows(c.get('actor'), c.req.valid('param').id, c.req.valid('query'), c.get('language')), 200));

  const send = (file: { body: Uint8Array; name: string; type: string }) =>
    new Response(file.body as unknown as ConstructorParameters<typeof Response>[0], { status: 200, headers: { 'content-type': file.type, 'content-disposition': `attachment; filename="${file.name}"` } });
  app.openapi(routes.reportCsv, async (c) => send(await service.report(c.get('actor'), c.req.valid('param').id, 'csv', c.req.valid('query').lang ?? c.get('language'))) as never);
  app.openapi(routes.reportXlsx, async (c) => send(await service.report(c.get('actor'), c.req.valid('param').id, 'xlsx', c.req.valid('query').lang ?? c.get('language'))) as never);
  app.openapi(routes.rejectsCsv, async (c) => send(await service.rejects(c.get('actor'), c.req.valid('param').id, 'csv', c.req.valid('query').lang ?? c.get('language'))) as never);
  app.openapi(routes.rejectsXlsx, async (c) => send(await service.rejects(c.get('actor'), c.req.valid('param').id, 'xlsx', c.req.valid('query').lang ?? c.get('language'))) as never);
}
