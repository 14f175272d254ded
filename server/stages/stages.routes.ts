// The lifecycle after the claim (R4): inquiry, costing, quote (approval), samples, won; the key
// flag; a manager's reassignment; an admin's merge. Each is an update on the customer's workflow.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { Id } from '../../schemas/common.js';
import { OwnershipResult } from '../../schemas/customers.js';
import { CostingBody, InquiryBody, KeyBody, MergeBody, QuoteBody, ReassignBody, SampleBody, WonBody } from '../../schemas/lifecycle.js';
import { QuoteSubmitted, QuoteView } from '../../schemas/quotes.js';
import { requireRole } from '../auth/auth.middleware.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonBody, jsonResponse } from '../http/openapi.js';
import type { LifecycleClient } from '../lifecycle/lifecycle.client.js';
import { listQuotes } from '../quotes/quotes.queries.js';
import { findCustomer } from '../customers/customers.repository.js';
import { ACTION_ROLES, customerToActOn, customerToReadInFull } from '../customers/customer-access.js';
import { mergeNow } from '../merge/merge.command.js';
import { receivingRep } from '../reps/receiving-rep.js';
import { assertValidUntilAhead } from '../quotes/valid-until.js';
import { AppError, ErrorCode } from '../errors.js';
import { repLabel } from '../../schemas/rep-label.js';
import { occurredAt } from '../claims/occurred-at.js';
import { invalidRequest } from '../request-issues.js';

const IdParam = z.object({ id: Id });

const action = <B extends z.ZodType, R extends z.ZodType = typeof OwnershipResult>(path: string, summary: string, body: B, response?: R) =>
  createRoute({
    method: 'post',
    path: `/customers/{id}/${path}`,
    tags: ['lifecycle'],
    summary,
    security: bearer,
    request: { params: IdParam, body: jsonBody(body) },
    responses: { 200: jsonResponse((response ?? OwnershipResult) as R, 'Done; the customer as it is now.'), ...errorResponses(404, 409, 503) },
  });

const routes = {
  inquiry: action('inquiry', 'The customer asked for prices or products (询盘)', InquiryBody),
  costing: action('costing', 'Internal price check with the factory (核价)', CostingBody),
  samples: action('samples', 'A sample made or sent (打样 / 寄样)', SampleBody),
  quote: action('quotes', 'Submit an external quote; the approval rules route it (对外报价)', QuoteBody, QuoteSubmitted),
  won: action('won', 'The deal is closed: won, protected, never reclaimed (成交)', WonBody),
  key: createRoute({
    method: 'put',
    path: '/customers/{id}/key',
    tags: ['lifecycle'],
    summary: 'Mark or unmark a key customer (紧密客户), within the key quota',
    security: bearer,
    request: { params: IdParam, body: jsonBody(KeyBody) },
    responses: { 200: jsonResponse(OwnershipResult, 'The customer as it is now.'), ...errorResponses(404, 409) },
  }),
  reassign: createRoute({
    method: 'post',
    path: '/customers/{id}/reassign',
    tags: ['lifecycle'],
    summary: "Give an owned customer to another rep (the owner's manager or an admin)",
    security: bearer,
    middleware: [requireRole(...ACTION_ROLES.reassign)] as const,
    request: { params: IdParam, body: jsonBody(ReassignBody) },
    responses: { 200: jsonResponse(OwnershipResult, 'The new tenure.'), ...errorResponses(404, 409) },
  }),
  merge: createRoute({
    method: 'post',
    path: '/customers/{id}/merge',
    tags: ['lifecycle'],
    summary: 'Merge this customer into another (admin); history is kept, the other survives',
    security: bearer,
    middleware: [requireRole(...ACTION_ROLES.merge)] as const,
    request: { params: IdParam, body: jsonBody(MergeBody) },
    responses: { 200: jsonResponse(z.object({ survivorId: z.string(), absorbedId: z.string() }), 'Merged.'), ...errorResponses(404, 409) },
  }),
  quotes: createRoute({
    method: 'get',
    path: '/customers/{id}/quotes',
    tags: ['lifecycle'],
    summary: 'Quotes to this customer with their approval levels',
    security: bearer,
    request: { params: IdParam },
    responses: { 200: jsonResponse(z.object({ items: z.array(QuoteView) }), 'Newest first.'), ...errorResponses(404) },
  }),
};

export function registerStageRoutes(app: OpenAPIHono<AppEnv>, deps: { db: Kysely<Database>; clock: Clock; lifecycle: LifecycleClient }) {
  const { db, lifecycle } = deps;

  app.openapi(routes.inquiry, async (c) => {
    const actor = c.get('actor');
    const customer = await customerToActOn(db, actor, c.req.valid('param').id, 'stage');
    const { note, ...details } = c.req.valid('json');
    // When the buyer asked (the history's time for it): refused in the future, as a follow-up is.
    // A buyer may have asked before the rep claimed the customer (it is often why they did): not before it existed.
    if (details.occurredAt) occurredAt(details.occurredAt, deps.clock.now(), 'inquiry', { at: customer.created_at, since: 'created' });
    return c.json(await lifecycle.moveStage(customer.id, { actorId: actor.repId, move: 'inquiry', note, details }), 200);
  });

  app.openapi(routes.costing, async (c) => {
    const actor = c.get('actor');
    const customer = await customerToActOn(db, actor, c.req.valid('param').id, 'stage');
    const { note, ...details } = c.req.valid('json');
    return c.json(await lifecycle.moveStage(customer.id, { actorId: actor.repId, move: 'costing', note, details }), 200);
  });

  app.openapi(routes.samples, async (c) => {
    const actor = c.get('actor');
    const customer = await customerToActOn(db, actor, c.req.valid('param').id, 'stage');
    const { note, ...details } = c.req.valid('json');
    return c.json(await lifecycle.moveStage(customer.id, { actorId: actor.repId, move: 'sample', note, details }), 200);
  });

  app.openapi(routes.quote, async (c) => {
    const actor = c.get('actor');
    const customer = await customerToActOn(db, actor, c.req.valid('param').id, 'stage');
    const body = c.req.valid('json');
    if (body.validUntil) await assertValidUntilAhead(db, body.validUntil, customer.owner_id, deps.clock.now());
    return c.json(await lifecycle.submitQuote(customer.id, { actorId: actor.repId, body }), 200);
  });

  app.openapi(routes.won, async (c) => {
    const actor = c.get('actor');
    const customer = await customerToActOn(db, actor, c.req.valid('param').id, 'stage');
    return c.json(await lifecycle.markWon(customer.id, { actorId: actor.repId, ...c.req.valid('json') }), 200);
  });

  app.openapi(routes.key, async (c) => {
    const actor = c.get('actor');
    const customer = await customerToActOn(db, actor, c.req.valid('param').id, 'key');
    return c.json(await lifecycle.setKey(customer.id, { actorId: actor.repId, key: c.req.valid('json').key }), 200);
  });

  app.openapi(routes.reassign, async (c) => {
    const actor = c.get('actor');
    const customer = await customerToActOn(db, actor, c.req.valid('param').id, 'reassign');
    const body = c.req.valid('json');
    // As a bulk transfer and a handover refuse it: at the receiver's pointer.
    const to = await receivingRep(db, actor, body.repId, '/repId');
    // As a bulk transfer and a collaborator's addition refuse it.
    if (customer.owner_id === to.id) throw new AppError(ErrorCode.ALREADY_OWNER, `${repLabel(to, 'en')} owns this customer already.`, { pointer: '/repId', repId: to.id });
    return c.json(await lifecycle.reassign(customer.id, { actorId: actor.repId, toRepId: to.id, reason: body.reason }), 200);
  });

  app.openapi(routes.merge, async (c) => {
    const actor = c.get('actor');
    const absorbed = await customerToActOn(db, actor, c.req.valid('param').id, 'merge');
    const { into } = c.req.valid('json');
    if (into === absorbed.id) {
      throw invalidRequest('body', [{ pointer: '/into', code: 'merge_itself' }], { message: 'A customer cannot be merged into itself; name the other record of the company.' });
    }
    const survivor = await findCustomer(db, into);
    if (!survivor) throw invalidRequest('body', [{ pointer: '/into', code: 'unknown', params: { what: 'customer' } }], { message: `No customer ${into}.` });
    let result: { survivorId: string };
    if (absorbed.status === 'owned') {
      // Its tenure ends in its workflow, so no timer of it outlives the merge.
      result = await lifecycle.absorb(absorbed.id, { actorId: actor.repId, intoId: survivor.id });
    } else {
      result = await mergeNow(db, { absorbedId: absorbed.id, survivorId: survivor.id, actorId: actor.repId, expectedTenureId: absorbed.tenure_id, idempotencyKey: `merge/${absorbed.id}/${survivor.id}`, now: deps.clock.now() });
    }
    return c.json({ survivorId: result.survivorId, absorbedId: absorbed.id }, 200);
  });

  app.openapi(routes.quotes, async (c) => {
    const customer = await customerToReadInFull(db, c.get('actor'), c.req.valid('param').id);
    return c.json({ items: await listQuotes(db, { customerId: customer.id }) }, 200);
  });
}
