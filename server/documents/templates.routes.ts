// Document templates and the company profile (issue 15 §3): admins upload, deactivate and edit;
// everyone signed in reads them (a rep picks a template when generating a document).
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { FormFile, Id } from '../../schemas/common.js';
import { CompanyProfile, CompanyProfileView, DocumentKind, TemplateLanguage, TemplateView, TemplatesQuery } from '../../schemas/documents.js';
import { requireRole } from '../auth/auth.middleware.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { parseMultipart } from '../http/multipart.middleware.js';
import { bearer, errorResponses, jsonBody, jsonResponse } from '../http/openapi.js';
import { refuseUnstorable } from '../http/unstorable-text.middleware.js';
import { textFault } from '../../schemas/storable-text.js';
import type { Kysely } from 'kysely';
import { readProfile, writeProfile } from './company-profile.repository.js';
import { REQUIRED } from './placeholders.js';
import { TEMPLATE_LIMITS, checkTemplate } from './template-check.js';
import { deactivateTemplate, findTemplate, insertTemplate, listTemplates } from './templates.repository.js';
import { XLSX_TYPE } from './documents.service.js';
import { invalidRequest } from '../request-issues.js';

const IdParam = z.object({ id: Id });

const UploadForm = z.strictObject({
  file: FormFile('The .xlsx template.'),
  kind: DocumentKind,
  language: TemplateLanguage,
  name: z
    .string()
    .trim()
    .min(1)
    .max(120)
    // A form field is not JSON: the middleware that refuses what PostgreSQL cannot store does not see it.
    .superRefine(refuseUnstorable),
});

export const binaryResponse = (types: string[], description: string) => ({
  description,
  content: Object.fromEntries(types.map((t) => [t, { schema: z.string().meta({ format: 'binary' }) }])),
});

const routes = {
  upload: createRoute({
    method: 'post',
    path: '/document-templates',
    tags: ['documents'],
    summary: 'Upload an XLSX template for quotations or proforma invoices (admins)',
    description: `At most ${TEMPLATE_LIMITS.maxBytes / 1024 / 1024} MiB. Refused (400, pointer /file, details.problems with sheet and cell) when the file is not an .xlsx workbook, uses an unknown placeholder or a malformed one (an unclosed "\${", a placeholder without its "$"), has a formula that reaches another sheet or workbook or calls ${'WEBSERVICE, HYPERLINK, INDIRECT, CALL …'}, or lacks a required placeholder (quotation: ${REQUIRED.quotation.join(', ')}; PI also company.bankAccount). Nothing is saved when refused.`,
    security: bearer,
    middleware: [requireRole('admin'), parseMultipart({ files: 1, fields: 5, fieldBytes: 4 * 1024, fileBytes: TEMPLATE_LIMITS.maxBytes })] as const,
    request: { body: { required: true, content: { 'multipart/form-data': { schema: UploadForm } } } },
    responses: { 201: jsonResponse(TemplateView, 'Saved and active: new documents of its kind and language use it.'), ...errorResponses(413, 415) },
  }),
  list: createRoute({
    method: 'get',
    path: '/document-templates',
    tags: ['documents'],
    summary: 'Document templates: uploaded ones (newest first) and the built-in ones',
    security: bearer,
    request: { query: TemplatesQuery },
    responses: { 200: jsonResponse(z.object({ items: z.array(TemplateView) }), 'Uploaded first, then built-in.'), ...errorResponses() },
  }),
  get: createRoute({
    method: 'get',
    path: '/document-templates/{id}',
    tags: ['documents'],
    summary: 'One document template',
    security: bearer,
    request: { params: IdParam },
    responses: { 200: jsonResponse(TemplateView, 'The template.'), ...errorResponses(404) },
  }),
  file: createRoute({
    method: 'get',
    path: '/document-templates/{id}/file',
    tags: ['documents'],
    summary: "Download a template's .xlsx (a built-in one is a starting point for your own)",
    security: bearer,
    request: { params: IdParam },
    responses: { 200: binaryResponse([XLSX_TYPE], 'The template.'), ...errorResponses(404) },
  }),
  deactivate: createRoute({
    method: 'delete',
    path: '/document-templates/{id}',
    tags: ['documents'],
    summary: 'Deactivate an uploaded template (admins); it is kept for the documents made from it',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(TemplateView, 'Deactivated.'), ...errorResponses(404, 409) },
  }),
  profile: createRoute({
    method: 'get',
    path: '/company-profile',
    tags: ['documents'],
    summary: 'The company profile the documents print (name, address, bank details, signature)',
    security: bearer,
    responses: { 200: jsonResponse(CompanyProfileView, 'Empty fields are printed empty.'), ...errorResponses() },
  }),
  putProfile: createRoute({
    method: 'put',
    path: '/company-profile',
    tags: ['documents'],
    summary: 'Replace the company profile (admins)',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { body: jsonBody(CompanyProfile) },
    responses: { 200: jsonResponse(CompanyProfileView, 'Saved; documents generated from now on print it.'), ...errorResponses() },
  }),
};

export const attachment = (fileName: string) => `attachment; filename="${fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

export function registerTemplateRoutes(app: OpenAPIHono<AppEnv>, deps: { db: Kysely<Database>; clock: Clock }) {
  const { db, clock } = deps;
  app.openapi(routes.upload, async (c) => {
    const form = c.req.valid('form');
    const file = form.file as unknown;
    if (!(file instanceof File)) {
      throw invalidRequest('form', [{ pointer: '/file', code: 'file_required' }], { message: 'Attach the template as the form field "file".' });
    }
    const bytes = Buffer.from(await file.arrayBuffer());
    const checked = await checkTemplate(bytes, form.kind);
    const fileName = (file.name || 'template.xlsx').slice(0, 200);
    if (textFault(fileName)) throw invalidRequest('form', [{ pointer: '/file', code: 'file_name' }], { message: 'The file name cannot be stored; rename the file.' });
    return c.json(await insertTemplate(db, { kind: form.kind, language: form.language, name: form.name, fileName, file: bytes, ...checked }, c.get('actor').repId, clock.now()), 201);
  });
  app.openapi(routes.list, async (c) => {
    const q = c.req.valid('query');
    return c.json({ items: await listTemplates(db, { kind: q.kind, language: q.language, active: q.active === undefined ? undefined : q.active === 'true' }) }, 200);
  });
  app.openapi(routes.get, async (c) => {
    const t = await findTemplate(db, c.req.valid('param').id);
    if (!t) throw new AppError(ErrorCode.NOT_FOUND, 'No such document template.');
    return c.json(t.view, 200);
  });
  app.openapi(routes.file, async (c) => {
    const t = await findTemplate(db, c.req.valid('param').id);
    if (!t) throw new AppError(ErrorCode.NOT_FOUND, 'No such document template.');
    return c.body(new Uint8Array(t.file), 200, { 'content-type': XLSX_TYPE, 'content-disposition': attachment(t.view.fileName) });
  });
  app.openapi(routes.deactivate, async (c) => c.json(await deactivateTemplate(db, c.req.valid('param').id, c.get('actor').repId, clock.now()), 200));
  app.openapi(routes.profile, async (c) => c.json(await readProfile(db), 200));
  app.openapi(routes.putProfile, async (c) => c.json(await writeProfile(db, c.req.valid('json'), c.get('actor').repId, clock.now()), 200));
}
