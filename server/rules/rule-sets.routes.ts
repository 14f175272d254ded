// The rules admin API: versions, drafts, publish, rollback; with the editor's reference
// (rule-contracts.routes.ts) and diff and explanations (rule-set-review.routes.ts). Admins write;
// managers may read.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { z } from 'zod';
import { Id } from '../../schemas/common.js';
import { DecisionName } from '../../schemas/rule-set.js';
import { PublishBody, PublishResult, RollbackBody, RuleSetSummary, RuleSetVersion, RuleSetWriteBody } from '../../schemas/rule-sets-api.js';
import { requireRole } from '../auth/auth.middleware.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonBody, jsonResponse } from '../http/openapi.js';
import type { LifecycleClient } from '../lifecycle/lifecycle.client.js';
import { startPendingRollouts, startRollout } from './policy-rollouts.service.js';
import { registerRuleContractRoutes } from './rule-contracts.routes.js';
import { registerRuleSetReviewRoutes } from './rule-set-review.routes.js';
import { knownIds } from './known-ids.repository.js';
import { createDraft, listRuleSets, publish, rollback, updateDraft } from './rule-sets.repository.js';
import { loadRuleSet, publishableOrThrow, ruleSetSummary, ruleSetView, validOrThrow } from './rule-sets.service.js';
import { registerTestCaseRoutes } from './test-cases.routes.js';
import { assertTestsPass } from './test-runs.js';

const DecisionParam = z.object({ decision: DecisionName });
const IdParam = z.object({ id: Id });

const routes = {
  list: createRoute({
    method: 'get',
    path: '/rule-sets',
    tags: ['rules'],
    summary: 'Versions, newest first',
    security: bearer,
    middleware: [requireRole('admin', 'manager')] as const,
    request: { query: z.strictObject({ decision: DecisionName.optional(), status: z.enum(['draft', 'published', 'archived']).optional() }) },
    responses: { 200: jsonResponse(z.object({ items: z.array(RuleSetSummary) }), 'Versions.'), ...errorResponses() },
  }),
  create: createRoute({
    method: 'post',
    path: '/rule-sets',
    tags: ['rules'],
    summary: 'Save a new draft, as a document or as rules-language source (validated; every problem listed with a JSON pointer, or a line and column)',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { body: jsonBody(RuleSetWriteBody) },
    responses: { 201: jsonResponse(RuleSetVersion, 'The draft.'), ...errorResponses() },
  }),
  get: createRoute({
    method: 'get',
    path: '/rule-sets/{id}',
    tags: ['rules'],
    summary: 'One version with its document',
    security: bearer,
    middleware: [requireRole('admin', 'manager')] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(RuleSetVersion, 'The version.'), ...errorResponses(404) },
  }),
  update: createRoute({
    method: 'put',
    path: '/rule-sets/{id}',
    tags: ['rules'],
    summary: 'Change a draft (published and archived versions never change)',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params: IdParam, body: jsonBody(RuleSetWriteBody) },
    responses: { 200: jsonResponse(RuleSetVersion, 'The draft.'), ...errorResponses(404, 409) },
  }),
  publish: createRoute({
    method: 'post',
    path: '/rule-sets/{id}/publish',
    tags: ['rules'],
    summary: "Publish a draft; the published version is archived in the same transaction. Refused (409 RULE_TESTS_FAILED, details.failures) while one of the decision's test cases fails",
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params: IdParam, body: { ...jsonBody(PublishBody), required: false } },
    responses: { 200: jsonResponse(PublishResult, 'Published.'), ...errorResponses(404, 409) },
  }),
  rollback: createRoute({
    method: 'post',
    path: '/decisions/{decision}/rollback',
    tags: ['rules'],
    summary: 'Publish an earlier version again (as a new version recording where it came from); refused (400 VALIDATION_FAILED, every issue with a pointer) as a publish is, e.g. when it names a rep, team or pool that no longer exists',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params: DecisionParam, body: jsonBody(RollbackBody) },
    responses: { 200: jsonResponse(PublishResult, 'Rolled back.'), ...errorResponses(404, 409) },
  }),
};

export function registerRuleSetRoutes(app: OpenAPIHono<AppEnv>, deps: { db: Kysely<Database>; clock: Clock; lifecycle: LifecycleClient; logger: Logger }) {
  const { db, clock } = deps;
  registerRuleContractRoutes(app, deps);

  /**
   * The publish has committed with its rollout on record: start it now if Temporal answers, else it
   * stays pending (the answer says so) for the sweeper. Rollouts still pending from earlier
   * publishes are tried again in the background.
   */
  const startRolloutOf = async (published: { id: string; decision: string }) => {
    if (published.decision !== 'reclaim') return null;
    const rollout = await startRollout(deps, published.id);
    if (rollout?.status === 'started') void startPendingRollouts(deps).catch((e) => deps.logger.warn({ err: e }, 'pending rollouts not started'));
    return rollout;
  };

  app.openapi(routes.list, async (c) => {
    const rows = await listRuleSets(db, c.req.valid('query'));
    return c.json({ items: rows.map(ruleSetSummary) }, 200);
  });

  app.openapi(routes.create, async (c) => {
    const body = c.req.valid('json');
    const { document, source } = validOrThrow(body, c.get('language'), await knownIds(db));
    const row = await createDraft(db, { document, source, comment: body.comment ?? null, authorId: c.get('actor').repId, now: clock.now() });
    return c.json(ruleSetView(row), 201);
  });

  app.openapi(routes.get, async (c) => c.json(ruleSetView(await loadRuleSet(db, c.req.valid('param').id)), 200));

  app.openapi(routes.update, async (c) => {
    const body = c.req.valid('json');
    const { document, source } = validOrThrow(body, c.get('language'), await knownIds(db));
    const row = await updateDraft(db, c.req.valid('param').id, { document, source, comment: body.comment ?? null, authorId: c.get('actor').repId, now: clock.now() });
    return c.json(ruleSetView(row), 200);
  });

  app.openapi(routes.publish, async (c) => {
    const id = c.req.valid('param').id;
    const draft = await loadRuleSet(db, id);
    const document = await publishableOrThrow(db, draft.document, c.get('language'));
    // Refused while one of the decision's test cases fails. (Rollback is not gated: it restores a
    // version that was published before, as an explicit way back.)
    if (draft.status === 'draft') await assertTestsPass(db, document, { version: draft.version, language: c.get('language') });
    const body = c.req.valid('json') ?? {};
    const { published, previous } = await publish(db, id, { repId: c.get('actor').repId, comment: body.comment, now: clock.now() });
    return c.json({ published: ruleSetSummary(published), previous, rollout: await startRolloutOf(published) }, 200);
  });

  app.openapi(routes.rollback, async (c) => {
    const { decision } = c.req.valid('param');
    const body = c.req.valid('json');
    // The version is checked as a draft's publish is: the reps, teams and pools it names may be gone since.
    const vet = (document: unknown, tx: Kysely<Database>) => publishableOrThrow(tx, document, c.get('language'));
    const { published, previous } = await rollback(db, decision, body.version, { repId: c.get('actor').repId, comment: body.comment, now: clock.now() }, vet);
    return c.json({ published: ruleSetSummary(published), previous, rollout: await startRolloutOf(published) }, 200);
  });

  registerRuleSetReviewRoutes(app, deps);
  registerTestCaseRoutes(app, deps);
}
