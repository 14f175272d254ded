// Documents from quotes (issue 15 §3): generate a quotation or PI from an approved quote, list a
// customer's documents, download one as XLSX or PDF. Access follows the customer's (full read).
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { Id } from '../../schemas/common.js';
import { DocumentView, GenerateDocumentBody } from '../../schemas/documents.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonBody, jsonResponse } from '../http/openapi.js';
import { type DocumentService, XLSX_TYPE } from './documents.service.js';
import { attachment, binaryResponse } from './templates.routes.js';
import { AppError } from '../errors.js';

const IdParam = z.object({ id: Id });

const routes = {
  generate: createRoute({
    method: 'post',
    path: '/quotes/{id}/documents',
    tags: ['documents'],
    summary: 'Generate a quotation or proforma invoice from an approved quote (QUOTE_PENDING while it awaits approval; CONFLICT when rejected or withdrawn; COMPANY_PROFILE_INCOMPLETE when the company profile lacks the name or, for a PI, the bank details)',
    security: bearer,
    request: { params: IdParam, body: jsonBody(GenerateDocumentBody) },
    responses: { 201: jsonResponse(DocumentView, 'Generated and recorded; download it from /documents/{id}/file.'), ...errorResponses(404, 409) },
  }),
  list: createRoute({
    method: 'get',
    path: '/customers/{id}/documents',
    tags: ['documents'],
    summary: "The customer's documents, newest first, with who generated them and when",
    security: bearer,
    request: { params: IdParam },
    responses: { 200: jsonResponse(z.object({ items: z.array(DocumentView) }), 'Newest first.'), ...errorResponses(404) },
  }),
  get: createRoute({
    method: 'get',
    path: '/documents/{id}',
    tags: ['documents'],
    summary: 'One generated document',
    security: bearer,
    request: { params: IdParam },
    responses: { 200: jsonResponse(DocumentView, 'The document.'), ...errorResponses(404) },
  }),
  file: createRoute({
    method: 'get',
    path: '/documents/{id}/file',
    tags: ['documents'],
    summary: 'Download a document: the XLSX as generated, or a PDF of it (503 when this server has no Chromium, or with Retry-After while too many PDFs wait to be printed)',
    security: bearer,
    request: { params: IdParam, query: z.strictObject({ format: z.enum(['xlsx', 'pdf']).default('xlsx') }) },
    responses: { 200: binaryResponse([XLSX_TYPE, 'application/pdf'], 'The file.'), ...errorResponses(404, 503) },
  }),
};

export function registerDocumentRoutes(app: OpenAPIHono<AppEnv>, service: DocumentService) {
  app.openapi(routes.generate, async (c) => c.json(await service.generate(c.get('actor'), c.req.valid('param').id, c.req.valid('json'), c.get('language')), 201));
  app.openapi(routes.list, async (c) => c.json({ items: await service.list(c.get('actor'), c.req.valid('param').id) }, 200));
  app.openapi(routes.get, async (c) => c.json(await service.get(c.get('actor'), c.req.valid('param').id), 200));
  app.openapi(routes.file, async (c) => {
    const f = await service.file(c.get('actor'), c.req.valid('param').id, c.req.valid('query').format).catch((e: unknown) => {
      // Too many prints waiting: when to try again.
      if (e instanceof AppError && typeof e.details?.retryAfterSeconds === 'number') c.header('Retry-After', String(e.details.retryAfterSeconds));
      throw e;
    });
    return c.body(new Uint8Array(f.bytes), 200, { 'content-type': f.type, 'content-disposition': attachment(f.fileName), 'cache-control': 'private, no-store' });
  });
}
