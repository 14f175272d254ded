// Per customer: every decision taken about it (R12), and what approval a quote would need (R7).
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { Id } from '../../schemas/common.js';
import { ApprovalPreview } from '../../schemas/quotes.js';
import { DecisionRecord, QuoteFacts } from '../../schemas/rule-sets-api.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonBody, jsonResponse } from '../http/openapi.js';
import { customerToReadInFull } from '../customers/customer-access.js';
import type { Decisions } from './decider.js';
import { approvalFacts, decideApprovalLevels } from './approval.js';
import { decisionRecordsOf } from '../decisions/decision-records.repository.js';
import { createSentences } from './decision-sentences.js';
import { decisionRecordView } from './decision-record-view.js';
import { repRow } from '../reps/reps.repository.js';
import { withNamedApprovers } from '../quotes/quotes.repository.js';

const IdParam = z.object({ id: Id });

const routes = {
  list: createRoute({
    method: 'get',
    path: '/customers/{id}/decisions',
    tags: ['rules'],
    summary: 'Every rule decision about this customer: version, rule fired, facts seen (contacts redacted), and why in a sentence',
    security: bearer,
    request: { params: IdParam },
    responses: { 200: jsonResponse(z.object({ items: z.array(DecisionRecord) }), 'Oldest first.'), ...errorResponses(404) },
  }),
  approval: createRoute({
    method: 'post',
    path: '/customers/{id}/approval-preview',
    tags: ['rules'],
    summary: 'Which approval levels an external quote to this customer would need',
    security: bearer,
    request: { params: IdParam, body: jsonBody(z.strictObject({ quote: QuoteFacts })) },
    responses: { 200: jsonResponse(ApprovalPreview, 'Levels and approvers, or no approval needed.'), ...errorResponses(404) },
  }),
};

export function registerCustomerDecisionRoutes(app: OpenAPIHono<AppEnv>, deps: { db: Kysely<Database>; clock: Clock; decisions: Decisions }) {
  const { db } = deps;

  app.openapi(routes.list, async (c) => {
    const customer = await customerToReadInFull(db, c.get('actor'), c.req.valid('param').id);
    const rows = await decisionRecordsOf(db, customer.id);
    const sentences = createSentences(db, c.get('language'));
    return c.json(
      {
        items: await Promise.all(rows.map((r) => decisionRecordView(r, sentences))),
      },
      200,
    );
  });

  app.openapi(routes.approval, async (c) => {
    const actor = c.get('actor');
    const customer = await customerToReadInFull(db, actor, c.req.valid('param').id);
    const quote = c.req.valid('json').quote;
    const owner = await repRow(db, customer.owner_id ?? actor.repId);
    const now = deps.clock.now();
    // The same facts as submitting the quote builds, so the preview says what submitting would.
    const decided = await decideApprovalLevels(deps.decisions, db, await approvalFacts(db, { customer, owner, quote }, now));
    return c.json(
      {
        ruleSet: decided.ruleSet,
        ...decided.outcome,
        levels: await withNamedApprovers(db, decided.outcome.levels),
        fired: decided.fired.map((f) => ({ index: f.index, name: f.name })),
      },
      200,
    );
  });
}
