// The rules admin API: contracts and editor schemas, validation, drafts, publish, rollback, diff,
// explanations. Admins write; managers may read.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { compileRuleSet } from '../../rules/engine/index.js';
import { diffRuleSets } from '../../rules/diff.js';
import { ruleSetJsonSchema } from '../../rules/json-schema.js';
import { validateRuleSet } from '../../rules/validate/index.js';
import { Id } from '../../schemas/common.js';
import { contracts } from '../../schemas/decisions/index.js';
import { DecisionName, type RuleSetDocument } from '../../schemas/rule-set.js';
import {
  DecisionInfo,
  ExplainBody,
  ExplainResult,
  JsonSchema,
  PublishBody,
  PublishResult,
  RollbackBody,
  RuleSetDiff,
  RuleSetSummary,
  RuleSetVersion,
  RuleSetWriteBody,
  ValidateBody,
  ValidationReport,
} from '../../schemas/rule-sets-api.js';
import { requireRole } from '../auth/auth.middleware.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import type { LifecycleClient } from '../lifecycle/lifecycle.client.js';
import type { Logger } from 'pino';
import { startPendingRollouts, startRollout } from './policy-rollouts.service.js';
import { bearer, errorResponses, jsonBody, jsonResponse } from '../http/openapi.js';
import {
  createDraft,
  findPublished,
  findRuleSet,
  listRuleSets,
  publish,
  rollback,
  updateDraft,
  type RuleSetRow,
} from './rule-sets.repository.js';

const DecisionParam = z.object({ decision: DecisionName });
const IdParam = z.object({ id: Id });
function summary(r: Omit<RuleSetRow, 'document'>) {
  return {
    id: r.id,
    decision: r.decision as DecisionName,
    version: r.version,
    status: r.status,
    hash: r.hash,
    comment: r.comment,
    authorId: r.author_id,
    rolledBackFrom: r.rolled_back_from,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    publishedAt: r.published_at?.toISOString() ?? null,
    publishedBy: r.published_by,
  };
}
const full = (r: RuleSetRow) => ({ ...summary(r), document: r.document as RuleSetDocument });

/** Validates a document from a request; refuses with every issue, pointers relative to the document. */
function validOrThrow(document: unknown): RuleSetDocument {
  const result = validateRuleSet(document);
  if (result.ok) return result.document;
  const first = result.issues[0]!;
  throw new AppError(
    ErrorCode.VALIDATION_FAILED,
    `The rule set has ${result.issues.length} problem${result.issues.length > 1 ? 's' : ''}; first: ${first.pointer || '(document)'} ${first.message}`,
    { location: 'document', issues: result.issues },
  );
}

async function load(db: Kysely<Database>, id: string) {
  const row = await findRuleSet(db, id);
  if (!row) throw new AppError(ErrorCode.NOT_FOUND, `No rule set ${id}.`);
  return row;
}

const routes = {
  decisions: createRoute({
    method: 'get',
    path: '/decisions',
    tags: ['rules'],
    summary: 'The five decisions: contract (facts, events, hit policy) and the published version',
    security: bearer,
    middleware: [requireRole('admin', 'manager')] as const,
    responses: { 200: jsonResponse(z.object({ items: z.array(DecisionInfo) }), 'Decisions.'), ...errorResponses() },
  }),
  schema: createRoute({
    method: 'get',
    path: '/decisions/{decision}/schema',
    tags: ['rules'],
    summary: "JSON Schema of the decision's rule-set documents, for the editor",
    security: bearer,
    middleware: [requireRole('admin', 'manager')] as const,
    request: { params: DecisionParam },
    responses: { 200: jsonResponse(JsonSchema, 'JSON Schema (draft-07).'), ...errorResponses() },
  }),
  validate: createRoute({
    method: 'post',
    path: '/rule-sets/validate',
    tags: ['rules'],
    summary: 'Check a document without saving it (for live validation in the editor)',
    security: bearer,
    middleware: [requireRole('admin', 'manager')] as const,
    request: { body: jsonBody(ValidateBody) },
    responses: { 200: jsonResponse(ValidationReport, 'Valid or not, with every problem.'), ...errorResponses() },
  }),
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
    summary: 'Save a new draft (validated; every problem listed with a JSON pointer)',
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
    summary: 'Publish a draft; the published version is archived in the same transaction',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params: IdParam, body: { ...jsonBody(PublishBody), required: false } },
    responses: { 200: jsonResponse(PublishResult, 'Published.'), ...errorResponses(404, 409) },
  }),
  rollback: createRoute({
    method: 'post',
    path: '/decisions/{decision}/rollback',
    tags: ['rules'],
    summary: 'Publish an earlier version again (as a new version recording where it came from)',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params: DecisionParam, body: jsonBody(RollbackBody) },
    responses: { 200: jsonResponse(PublishResult, 'Rolled back.'), ...errorResponses(404, 409) },
  }),
  diff: createRoute({
    method: 'get',
    path: '/rule-sets/{id}/diff',
    tags: ['rules'],
    summary: 'Per-rule differences against another version (default: the published one)',
    security: bearer,
    middleware: [requireRole('admin', 'manager')] as const,
    request: { params: IdParam, query: z.strictObject({ against: Id.optional() }) },
    responses: { 200: jsonResponse(RuleSetDiff, 'The diff (before = against, after = this version).'), ...errorResponses(404) },
  }),
  explain: createRoute({
    method: 'post',
    path: '/rule-sets/{id}/explain',
    tags: ['rules'],
    summary: 'Which rules fire for these facts, and every condition with the values it saw',
    security: bearer,
    middleware: [requireRole('admin', 'manager')] as const,
    request: { params: IdParam, body: jsonBody(ExplainBody) },
    responses: { 200: jsonResponse(ExplainResult, 'The explanation.'), ...errorResponses(404) },
  }),
};

export function registerRuleSetRoutes(app: OpenAPIHono<AppEnv>, deps: { db: Kysely<Database>; clock: Clock; lifecycle: LifecycleClient; logger: Logger }) {
  const { db, clock } = deps;

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

  app.openapi(routes.decisions, async (c) => {
    const items = await Promise.all(
      DecisionName.options.map(async (name) => {
        const contract = contracts[name];
        const published = await findPublished(db, name);
        return {
          name,
          description: contract.description,
          hitPolicy: contract.hitPolicy,
          whenNothingFires: contract.whenNothingFires,
          facts: contract.facts,
          events: Object.fromEntries(Object.entries(contract.events).map(([t, e]) => [t, { description: e.description }])),
          published: published ? { id: published.id, version: published.version, hash: published.hash, publishedAt: published.published_at?.toISOString() ?? null } : null,
        };
      }),
    );
    return c.json({ items }, 200);
  });

  app.openapi(routes.schema, (c) => c.json(ruleSetJsonSchema(c.req.valid('param').decision), 200));

  app.openapi(routes.validate, (c) => {
    const result = validateRuleSet(c.req.valid('json').document);
    return c.json(result.ok ? { valid: true, issues: [] } : { valid: false, issues: result.issues }, 200);
  });

  app.openapi(routes.list, async (c) => {
    const rows = await listRuleSets(db, c.req.valid('query'));
    return c.json({ items: rows.map(summary) }, 200);
  });

  app.openapi(routes.create, async (c) => {
    const body = c.req.valid('json');
    const document = validOrThrow(body.document);
    const row = await createDraft(db, { document, comment: body.comment ?? null, authorId: c.get('actor').repId, now: clock.now() });
    return c.json(full(row), 201);
  });

  app.openapi(routes.get, async (c) => c.json(full(await load(db, c.req.valid('param').id)), 200));

  app.openapi(routes.update, async (c) => {
    const body = c.req.valid('json');
    const document = validOrThrow(body.document);
    const row = await updateDraft(db, c.req.valid('param').id, { document, comment: body.comment ?? null, authorId: c.get('actor').repId, now: clock.now() });
    return c.json(full(row), 200);
  });

  app.openapi(routes.publish, async (c) => {
    const id = c.req.valid('param').id;
    // Re-validated: the draft was valid when saved, but the contracts may have changed since.
    validOrThrow((await load(db, id)).document);
    const body = c.req.valid('json') ?? {};
    const { published, previous } = await publish(db, id, { repId: c.get('actor').repId, comment: body.comment, now: clock.now() });
    return c.json({ published: summary(published), previous, rollout: await startRolloutOf(published) }, 200);
  });

  app.openapi(routes.rollback, async (c) => {
    const { decision } = c.req.valid('param');
    const body = c.req.valid('json');
    const { published, previous } = await rollback(db, decision, body.version, { repId: c.get('actor').repId, comment: body.comment, now: clock.now() });
    return c.json({ published: summary(published), previous, rollout: await startRolloutOf(published) }, 200);
  });

  app.openapi(routes.diff, async (c) => {
    const after = await load(db, c.req.valid('param').id);
    const againstId = c.req.valid('query').against;
    const before = againstId ? await load(db, againstId) : await findPublished(db, after.decision as DecisionName);
    if (!before) throw new AppError(ErrorCode.NOT_FOUND, `${after.decision} has no published version to compare with; pass ?against=<id>.`);
    if (before.decision !== after.decision) {
      throw new AppError(ErrorCode.VALIDATION_FAILED, `Version ${before.id} is for ${before.decision}, not ${after.decision}.`, {
        location: 'query',
        issues: [{ pointer: '/against', message: 'must be a version of the same decision' }],
      });
    }
    return c.json(
      {
        before: summary(before),
        after: summary(after),
        ...diffRuleSets(before.document as RuleSetDocument, after.document as RuleSetDocument),
      },
      200,
    );
  });

  app.openapi(routes.explain, async (c) => {
    const row = await load(db, c.req.valid('param').id);
    const explanation = compileRuleSet(row.document as RuleSetDocument).explain(c.req.valid('json').facts);
    return c.json({ ruleSet: summary(row), ...explanation }, 200);
  });
}
