// Reading a rule-set version against others: per-rule differences, and which rules fire for given
// facts with every condition's values.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { compileRuleSet } from '../../rules/engine/index.js';
import { diffRuleSets } from '../../rules/diff.js';
import { textDiff } from '../../rules/text-diff.js';
import { explanationSentence } from '../../rules/explain/sentence.js';
import { checkCaseFacts } from '../../rules/test-cases/case-facts.js';
import { Id } from '../../schemas/common.js';
import type { DecisionName, RuleSetDocument } from '../../schemas/rule-set.js';
import { ExplainBody, ExplainResult, RuleFormat, RuleSetDiff } from '../../schemas/rule-sets-api.js';
import { requireRole } from '../auth/auth.middleware.js';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonBody, jsonResponse } from '../http/openapi.js';
import { refuseUnfit } from './facts-refusal.js';
import { findPublished, findRuleSet } from './rule-sets.repository.js';
import { loadRuleSet, ruleSetSummary } from './rule-sets.service.js';
import { invalidRequest } from '../request-issues.js';

const IdParam = z.object({ id: Id });

const routes = {
  diff: createRoute({
    method: 'get',
    path: '/rule-sets/{id}/diff',
    tags: ['rules'],
    summary: 'Differences against another version (default: the published one): both as text with their unified diff, in the rules language (format=json: the documents), and rule by rule',
    security: bearer,
    middleware: [requireRole('admin', 'manager')] as const,
    request: { params: IdParam, query: z.strictObject({ against: Id.optional(), format: RuleFormat.default('dsl') }) },
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

export function registerRuleSetReviewRoutes(app: OpenAPIHono<AppEnv>, deps: { db: Kysely<Database> }) {
  const { db } = deps;

  app.openapi(routes.diff, async (c) => {
    const after = await loadRuleSet(db, c.req.valid('param').id);
    const { against: againstId, format } = c.req.valid('query');
    const before = againstId ? await findRuleSet(db, againstId) : await findPublished(db, after.decision as DecisionName);
    if (againstId && !before) throw invalidRequest('query', [{ pointer: '/against', code: 'unknown', params: { what: 'rule_set', id: againstId } }]);
    if (!before) throw new AppError(ErrorCode.NOT_FOUND, `${after.decision} has no published version to compare with; pass ?against=<id>.`);
    if (before.decision !== after.decision) {
      throw invalidRequest('query', [{ pointer: '/against', code: 'same_decision_version' }], { message: `Version ${before.id} is for ${before.decision}, not ${after.decision}.` });
    }
    return c.json(
      {
        before: ruleSetSummary(before),
        after: ruleSetSummary(after),
        ...diffRuleSets(before.document as RuleSetDocument, after.document as RuleSetDocument),
        text: textDiff({ label: `v${before.version}`, document: before.document as RuleSetDocument }, { label: `v${after.version}`, document: after.document as RuleSetDocument }, format),
      },
      200,
    );
  });

  app.openapi(routes.explain, async (c) => {
    const row = await loadRuleSet(db, c.req.valid('param').id);
    const document = row.document as RuleSetDocument;
    const { facts } = c.req.valid('json');
    refuseUnfit([['/facts', checkCaseFacts(document.decision, facts)]], document.decision, c.get('language'), { en: 'The facts', zh: '事实' });
    const explanation = compileRuleSet(document).explain(facts);
    const sentence = explanationSentence({ explanation, version: row.version, language: c.get('language'), document });
    return c.json({ ruleSet: ruleSetSummary(row), ...explanation, sentence }, 200);
  });
}
