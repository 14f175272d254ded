// The approver's side of quotes (R7): an inbox, approve or reject with a comment.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { Id } from '../../schemas/common.js';
import { ApprovalDecisionBody, RejectionBody } from '../../schemas/lifecycle.js';
import { ApprovalDecided, ApprovalItem } from '../../schemas/quotes.js';
import type { Database } from '../db/database.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonBody, jsonResponse } from '../http/openapi.js';
import type { LifecycleClient } from '../lifecycle/lifecycle.client.js';
import { approvalToDecide, decidedByThem } from './approvers.js';
import { type Actor, assertAdminScope } from '../auth/actor.js';
import { approvalInbox } from './quotes.queries.js';

const QuoteParam = z.object({ quoteId: Id });

const decide = <B extends z.ZodType>(verb: 'approve' | 'reject', body: B, summary: string) =>
  createRoute({
    method: 'post',
    path: `/approvals/{quoteId}/${verb}`,
    tags: ['approvals'],
    summary,
    security: bearer,
    request: { params: QuoteParam, body: jsonBody(body) },
    responses: { 200: jsonResponse(ApprovalDecided, 'The quote with its levels after the decision.'), ...errorResponses(404, 409) },
  });

const routes = {
  inbox: createRoute({
    method: 'get',
    path: '/approvals',
    tags: ['approvals'],
    summary: 'Quote levels waiting for you (or that you decided)',
    security: bearer,
    request: { query: z.strictObject({ status: z.enum(['pending', 'decided']).default('pending') }) },
    responses: { 200: jsonResponse(z.object({ items: z.array(ApprovalItem) }), 'Oldest due first.'), ...errorResponses() },
  }),
  approve: decide('approve', ApprovalDecisionBody, 'Approve the current level; the last approval moves the customer to samples'),
  reject: decide('reject', RejectionBody, 'Reject with a reason; the quote goes back to the rep'),
};

export function registerApprovalRoutes(app: OpenAPIHono<AppEnv>, deps: { db: Kysely<Database>; lifecycle: LifecycleClient }) {
  const { db } = deps;

  app.openapi(routes.inbox, async (c) => c.json({ items: await approvalInbox(db, c.get('actor'), c.req.valid('query').status) }, 200));

  const handle = async (actor: Actor, quoteId: string, approve: boolean, body: { comment?: string | undefined; level?: number | undefined }) => {
    // Deciding any quote is the admin role's power: an admin's token needs the admin scope for it.
    assertAdminScope(actor);
    const approverId = actor.repId;
    if (body.level !== undefined) {
      // A level they decided already: their request again is answered as made, a changed one refused.
      const theirs = await decidedByThem(db, quoteId, approverId, body.level);
      if (theirs) return deps.lifecycle.decideApproval(theirs.customerId, { quoteId, approverId, approve, comment: body.comment, level: body.level });
    }
    // Refused here without touching the workflow; decided there for real (with its timers).
    const { quote, level } = await approvalToDecide(db, quoteId, approverId, { lock: false, level: body.level });
    // The level decided is the one the approver was shown (else the one waiting now): a retried
    // step answers it again, and a level decided meanwhile is refused, never the next one decided.
    const shown = body.level ?? level.level;
    return deps.lifecycle.decideApproval(quote.customer_id, { quoteId, approverId, approve, comment: body.comment, level: shown });
  };

  app.openapi(routes.approve, async (c) => c.json(await handle(c.get('actor'), c.req.valid('param').quoteId, true, c.req.valid('json')), 200));
  app.openapi(routes.reject, async (c) => c.json(await handle(c.get('actor'), c.req.valid('param').quoteId, false, c.req.valid('json')), 200));
}
