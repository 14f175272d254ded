// Customers: create (with dedup), read with history across owners, the pool, and a rep's own list.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { Id, PageQuery } from '../../schemas/common.js';
import { PossibleDuplicate } from '../../schemas/near-duplicates.js';
import {
  AssignmentResult,
  CreateCustomerBody,
  CustomerDetail,
  CustomerPage,
  CustomerView,
  OwnedQuery,
  UpdateCustomerBody,
  PoolQuery,
  RestrictedCustomerView,
} from '../../schemas/customers.js';
import { AppError, ErrorCode } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonBody, jsonResponse } from '../http/openapi.js';
import { decodeCursor, toPage } from '../db/pagination.js';
import { findRep } from '../reps/reps.repository.js';
import { openPoolIds } from '../pools/pool-access.js';
import { workflowIdFor } from '../../schemas/workflow-ids.js';
import { customerHistory, listCollaboratingOn, listOwnedBy, listPool } from './customers.repository.js';
import { type CustomerDeps, assignmentView, createCustomer } from './customers.service.js';
import { editCustomer } from './customer-edit.service.js';
import { actsForRep, customerToRead, readableInFull } from './customer-access.js';
import { customerViews, toRestrictedView } from './customer-view.js';
import { repNames } from './rep-names.repository.js';
import { possibleDuplicatesOf } from './possible-duplicates.js';

const IdParam = z.object({ id: Id });

const routes = {
  create: createRoute({
    method: 'post',
    path: '/customers',
    tags: ['customers'],
    summary: 'Create a customer in a pool; duplicates (R8) are refused with the existing id',
    security: bearer,
    request: { body: jsonBody(CreateCustomerBody) },
    responses: {
      201: jsonResponse(
        CustomerView.extend({ assignment: AssignmentResult, possibleDuplicates: z.array(PossibleDuplicate) }).meta({ id: 'CreatedCustomer' }),
        'Created; graded and assigned by the rules; customers with similar company names are listed (never refused).',
      ),
      ...errorResponses(409),
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/customers/{id}',
    tags: ['customers'],
    summary: "A customer with its full history across owners (another rep's private customer: only that it is owned)",
    security: bearer,
    request: { params: IdParam },
    responses: {
      200: jsonResponse(z.union([CustomerDetail, RestrictedCustomerView]), 'The customer.'),
      ...errorResponses(404),
    },
  }),
  update: createRoute({
    method: 'patch',
    path: '/customers/{id}',
    tags: ['customers'],
    summary:
      "Change a customer's details (owner, collaborator, their manager, an admin; a pool customer's: managers and admins): only the fields sent, null clears one; recorded in its history",
    security: bearer,
    request: { params: IdParam, body: jsonBody(UpdateCustomerBody) },
    responses: {
      200: jsonResponse(CustomerView, 'The customer as changed (unchanged when every value sent was already so).'),
      ...errorResponses(403, 404, 409),
    },
  }),
  pool: createRoute({
    method: 'get',
    path: '/pool',
    tags: ['customers'],
    summary: 'Customers in the public pool, newest first, filterable and paginated',
    security: bearer,
    request: { query: PoolQuery },
    responses: { 200: jsonResponse(CustomerPage, 'A page of pool customers.'), ...errorResponses() },
  }),
  mine: createRoute({
    method: 'get',
    path: '/me/customers',
    tags: ['customers'],
    summary: 'The customers the caller owns',
    security: bearer,
    request: { query: OwnedQuery },
    responses: { 200: jsonResponse(CustomerPage, 'A page of owned customers.'), ...errorResponses() },
  }),
  collaborating: createRoute({
    method: 'get',
    path: '/me/collaborations',
    tags: ['customers'],
    summary: 'The customers the caller collaborates on and reads in full (not owned by them; not counted against their private cap)',
    security: bearer,
    request: { query: PageQuery.strict() },
    responses: { 200: jsonResponse(CustomerPage, 'A page of customers the caller collaborates on; those the access policy keeps from them (a pool closed to them) are left out, so a page may hold fewer than `limit`.'), ...errorResponses() },
  }),
  ofRep: createRoute({
    method: 'get',
    path: '/reps/{id}/customers',
    tags: ['customers'],
    summary: "A rep's customers (the rep, their manager, an admin)",
    security: bearer,
    request: { params: IdParam, query: OwnedQuery },
    responses: { 200: jsonResponse(CustomerPage, 'A page of owned customers.'), ...errorResponses(404) },
  }),
};

export function registerCustomerRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: CustomerDeps & { temporalUiUrl?: string | null | undefined; temporalNamespace: string; threshold: number },
) {
  const { db } = deps;

  app.openapi(routes.create, async (c) => {
    const actor = c.get('actor');
    const { customer, assignment } = await createCustomer(deps, actor, c.req.valid('json'));
    const possibleDuplicates = await possibleDuplicatesOf(db, actor, customer, deps.threshold, deps.clock.now());
    const [view] = await customerViews(db, [customer]);
    // The notice names the rep it went to.
    const repName = assignment.repId === null ? null : ((await repNames(db, [assignment.repId])).get(assignment.repId) ?? null);
    return c.json({ ...view!, assignment: { ...assignmentView(assignment, c.get('language')), repName }, possibleDuplicates }, 201);
  });

  app.openapi(routes.get, async (c) => {
    const { customer, level, actions } = await customerToRead(db, c.get('actor'), c.req.valid('param').id);
    if (level === 'restricted') return c.json(toRestrictedView(customer), 200);
    const workflowId = workflowIdFor(customer.id);
    return c.json(
      {
        customer: (await customerViews(db, [customer]))[0]!,
        history: await customerHistory(db, customer.id, c.get('language')),
        workflowId,
        actions,
        ...(deps.temporalUiUrl
          ? { workflowUrl: `${deps.temporalUiUrl}/namespaces/${encodeURIComponent(deps.temporalNamespace)}/workflows/${encodeURIComponent(workflowId)}` }
          : {}),
      },
      200,
    );
  });

  app.openapi(routes.update, async (c) => {
    const customer = await editCustomer(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json'));
    return c.json((await customerViews(db, [customer]))[0]!, 200);
  });

  app.openapi(routes.pool, async (c) => {
    const { limit, cursor, ...filter } = c.req.valid('query');
    const actor = c.get('actor');
    const openPools = await openPoolIds(db, { id: actor.repId, role: actor.role, teamId: actor.teamId });
    const rows = await listPool(db, { ...filter, openPools }, limit, decodeCursor(cursor));
    const { items, nextCursor } = toPage(rows, limit);
    return c.json({ items: await customerViews(db, items), nextCursor }, 200);
  });

  app.openapi(routes.mine, async (c) => {
    const { limit, cursor, status } = c.req.valid('query');
    const rows = await listOwnedBy(db, c.get('actor').repId, status, limit, decodeCursor(cursor));
    const { items, nextCursor } = toPage(rows, limit);
    return c.json({ items: await customerViews(db, items), nextCursor }, 200);
  });

  app.openapi(routes.collaborating, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    const actor = c.get('actor');
    const rows = await listCollaboratingOn(db, actor.repId, limit, decodeCursor(cursor));
    const { items, nextCursor } = toPage(rows, limit);
    // A collaboration does not open what the policy closes (a joint follow-up's customer moved to a
    // pool closed to its participant): the page shows only what the detail shows in full.
    return c.json({ items: await customerViews(db, await readableInFull(db, actor, items)), nextCursor }, 200);
  });

  app.openapi(routes.ofRep, async (c) => {
    const rep = await findRep(db, c.req.valid('param').id);
    if (!rep || !actsForRep(c.get('actor'), rep)) {
      throw new AppError(ErrorCode.NOT_FOUND, 'No such rep, or not one whose customers you may see.');
    }
    const { limit, cursor, status } = c.req.valid('query');
    const rows = await listOwnedBy(db, rep.id, status, limit, decodeCursor(cursor));
    const { items, nextCursor } = toPage(rows, limit);
    return c.json({ items: await customerViews(db, items), nextCursor }, 200);
  });
}
