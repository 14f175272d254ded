// The duplicate look-up (GET /customers/lookup, any signed-in rep, rate-limited and audited) and the
// admins' likely duplicate pairs (list, dismiss, rescan); merging a pair is POST /customers/{id}/merge.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { z } from 'zod';
import {
  DismissPairBody,
  DuplicatePairPage,
  DuplicatePairQuery,
  LookupAuditPage,
  LookupAuditQuery,
  LookupQuery,
  LookupResult,
  ScanState,
} from '../../schemas/near-duplicates.js';
import { requireRole } from '../auth/auth.middleware.js';
import { decodeCursor, toPage } from '../db/pagination.js';
import type { AppEnv } from '../http/app-env.js';
import type { Logger } from 'pino';
import { bearer, errorResponses, jsonBody, jsonResponse } from '../http/openapi.js';
import { type LookupDeps, lookupCustomers } from './lookup.service.js';
import { createDuplicateScanner } from './duplicate-scan.js';
import { decodePairCursor, dismissPair, listOpenPairs } from './duplicate-pairs.repository.js';
import { invalidRequest } from '../request-issues.js';

const routes = {
  lookup: createRoute({
    method: 'get',
    path: '/customers/lookup',
    tags: ['customers'],
    summary: 'Is this company already ours? (查重) Where each matching customer is, without its contacts; rate-limited and audited per rep',
    security: bearer,
    request: { query: LookupQuery },
    responses: { 200: jsonResponse(LookupResult, 'At most 10 matches, exact ones first.'), ...errorResponses(429) },
  }),
  lookupAudit: createRoute({
    method: 'get',
    path: '/customers/lookup/audit',
    tags: ['customers'],
    summary: 'Who looked up what, when, and how many matches they got, newest first (admin)',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { query: LookupAuditQuery },
    responses: { 200: jsonResponse(LookupAuditPage, 'A page of look-ups.'), ...errorResponses() },
  }),
  pairs: createRoute({
    method: 'get',
    path: '/customers/duplicate-pairs',
    tags: ['customers'],
    summary: 'Likely duplicate customers (similar company names), most similar first, without dismissed pairs (admin)',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { query: DuplicatePairQuery },
    responses: { 200: jsonResponse(DuplicatePairPage, 'A page of pairs.'), ...errorResponses() },
  }),
  dismiss: createRoute({
    method: 'post',
    path: '/customers/duplicate-pairs/dismissals',
    tags: ['customers'],
    summary: 'Not a duplicate: the pair stops showing (admin)',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { body: jsonBody(DismissPairBody) },
    responses: { 200: jsonResponse(z.object({ dismissed: z.literal(true) }), 'Dismissed.'), ...errorResponses(404) },
  }),
  scan: createRoute({
    method: 'post',
    path: '/customers/duplicate-pairs/scan',
    tags: ['customers'],
    summary: 'Start comparing every customer with every other, recording likely duplicate pairs, in the background (admin)',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    responses: { 202: jsonResponse(ScanState, 'Started (or already running); follow it at GET /customers/duplicate-pairs/scan.'), ...errorResponses() },
  }),
  scanState: createRoute({
    method: 'get',
    path: '/customers/duplicate-pairs/scan',
    tags: ['customers'],
    summary: "The rescan's progress in this API process (admin)",
    security: bearer,
    middleware: [requireRole('admin')] as const,
    responses: { 200: jsonResponse(ScanState, 'Idle, running, completed or failed, with counts.'), ...errorResponses() },
  }),
};

export function registerNearDuplicateRoutes(app: OpenAPIHono<AppEnv>, deps: LookupDeps & { logger?: Logger }) {
  const { db } = deps;
  const scanner = createDuplicateScanner(deps);

  app.openapi(routes.lookup, async (c) => c.json(await lookupCustomers(deps, c.get('actor'), c.req.valid('query').q, c.get('language')), 200));

  app.openapi(routes.lookupAudit, async (c) => {
    const { limit, cursor, repId } = c.req.valid('query');
    const after = decodeCursor(cursor);
    let q = db
      .selectFrom('customer_lookups as l')
      .innerJoin('reps as r', 'r.id', 'l.rep_id')
      .select(['l.id', 'l.rep_id', 'r.name as rep_name', 'l.query', 'l.kinds', 'l.matches', 'l.at']);
    if (repId) q = q.where('l.rep_id', '=', repId);
    if (after) q = q.where(sql<boolean>`(l.at, l.id) < (${after.createdAt}, ${after.id})`);
    const rows = await q.orderBy('l.at', 'desc').orderBy('l.id', 'desc').limit(limit + 1).execute();
    const { items, nextCursor } = toPage(rows.map((r) => ({ ...r, created_at: r.at })), limit);
    return c.json(
      {
        items: items.map((r) => ({ id: r.id, repId: r.rep_id, repName: r.rep_name, query: r.query, readAs: r.kinds, matches: r.matches, at: r.at.toISOString() })),
        nextCursor,
      },
      200,
    );
  });

  app.openapi(routes.pairs, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    return c.json(await listOpenPairs(db, limit, decodePairCursor(cursor)), 200);
  });

  app.openapi(routes.dismiss, async (c) => {
    const [x, y] = c.req.valid('json').customerIds;
    if (x === y) throw invalidRequest('body', [{ pointer: '/customerIds/1', code: 'same_customer_twice' }], { message: 'A pair is two different customers.' });
    await dismissPair(db, x, y, c.get('actor').repId, deps.clock.now());
    return c.json({ dismissed: true as const }, 200);
  });

  app.openapi(routes.scan, async (c) => c.json(scanner.start(), 202));
  app.openapi(routes.scanState, async (c) => c.json(scanner.state(), 200));
}
