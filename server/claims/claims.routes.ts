// Claim, follow-up and release: commands to the customer's lifecycle workflow, answered synchronously.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { Id } from '../../schemas/common.js';
import { FollowUpBody, OwnershipResult, ReleaseBody } from '../../schemas/customers.js';
import { requireRole } from '../auth/auth.middleware.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonBody, jsonResponse } from '../http/openapi.js';
import type { LifecycleClient } from '../lifecycle/lifecycle.client.js';
import { ACTION_ROLES, customerToActOn } from '../customers/customer-access.js';
import { occurredAt as whenItHappened, workSince } from './occurred-at.js';
import { recordPoolFollowUp } from './pool-follow-up.js';
import { createClaimService } from './claim.service.js';
import type { Decisions } from '../decisions/decider.js';
import type { Metrics } from '../metrics/metrics.js';

const IdParam = z.object({ id: Id });

const routes = {
  claim: createRoute({
    method: 'post',
    path: '/customers/{id}/claim',
    tags: ['lifecycle'],
    summary: 'Claim a pool customer; exactly one of concurrent claimers wins, caps and cooldowns are enforced',
    security: bearer,
    middleware: [requireRole(...ACTION_ROLES.claim)] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(OwnershipResult, 'You own the customer; the deadline is set.'), ...errorResponses(404, 409, 503) },
  }),
  followUp: createRoute({
    method: 'post',
    path: '/customers/{id}/follow-ups',
    tags: ['lifecycle'],
    summary:
      'Log a contact with an owned customer (its owner or a collaborator; on a pool customer, a participant of its open joint follow-up); moves the deadline by the grade cadence, the reclaim rules seeing actor.role',
    security: bearer,
    middleware: [requireRole(...ACTION_ROLES.follow_up)] as const,
    request: { params: IdParam, body: jsonBody(FollowUpBody) },
    responses: { 200: jsonResponse(OwnershipResult, 'Logged; the new deadline.'), ...errorResponses(404, 409, 503) },
  }),
  release: createRoute({
    method: 'post',
    path: '/customers/{id}/release',
    tags: ['lifecycle'],
    summary: 'Return an owned customer to the pool (the owner, their manager or an admin)',
    security: bearer,
    request: { params: IdParam, body: { ...jsonBody(ReleaseBody), required: false } },
    responses: { 200: jsonResponse(OwnershipResult, 'Back in the pool.'), ...errorResponses(404, 409, 503) },
  }),
};

export function registerOwnershipRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: { db: Kysely<Database>; clock: Clock; lifecycle: LifecycleClient; decisions: Decisions; metrics?: Metrics | undefined },
) {
  const { db, lifecycle } = deps;

  const claims = createClaimService(deps);
  app.openapi(routes.claim, async (c) => c.json(await claims.claim(c.get('actor'), c.req.valid('param').id), 200));

  app.openapi(routes.followUp, async (c) => {
    const actor = c.get('actor');
    const body = c.req.valid('json');
    const customer = await customerToActOn(db, actor, c.req.valid('param').id, 'follow_up');
    const now = deps.clock.now();
    const occurredAt = whenItHappened(body.occurredAt, now, 'follow_up', workSince(customer));
    // A pool customer: a participant of its joint follow-up (the policy let nobody else through).
    if (customer.status === 'pool') return c.json(await recordPoolFollowUp(db, { customerId: customer.id, repId: actor.repId, body, occurredAt, now }), 200);
    const result = await lifecycle.recordFollowUp(customer.id, {
      repId: actor.repId,
      // Not the owner: a collaborator (the policy checked it; the tenure's activity checks again).
      actorRole: customer.owner_id === actor.repId ? undefined : actor.role === 'manager' ? 'manager' : 'collaborator',
      kind: body.kind,
      note: body.note,
      occurredAt: occurredAt.toISOString(),
      grade: body.grade,
      expectedCloseDays: body.expectedCloseDays,
      noDemand: body.noDemand,
    });
    return c.json(result, 200);
  });

  app.openapi(routes.release, async (c) => {
    const actor = c.get('actor');
    const body = c.req.valid('json') ?? {};
    const customer = await customerToActOn(db, actor, c.req.valid('param').id, 'release');
    const reason = body.reason ?? (actor.repId === customer.owner_id ? 'released by owner' : `released by ${actor.role}`);
    return c.json(await lifecycle.release(customer.id, { actorId: actor.repId, reason }), 200);
  });
}
