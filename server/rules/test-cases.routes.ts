// Test cases of a decision (facts in, expected outcome out): list, add (or pin a recorded
// decision), change, remove, their history; and running them against any version. Admins write;
// managers read.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { expectedFrom } from '../../rules/test-cases/compare.js';
import { checkCaseFacts, checkExpected, contractFacts } from '../../rules/test-cases/case-facts.js';
import type { Language } from '../../schemas/language.js';
import { summarize } from '../../rules/test-cases/run.js';
import { Id } from '../../schemas/common.js';
import { DecisionName, type RuleSetDocument } from '../../schemas/rule-set.js';
import { RuleSetSummary } from '../../schemas/rule-sets-api.js';
import { type ExpectedOutcome, TestCase, TestCaseChange, TestCaseCreateBody, TestCaseResult, TestCaseWrite } from '../../schemas/test-cases.js';
import { requireRole } from '../auth/auth.middleware.js';
import type { Clock } from '../clock.js';
import { refuseUnfit } from './facts-refusal.js';
import type { Database } from '../db/database.js';
import { findDecisionRecord } from '../decisions/decision-records.repository.js';
import { findSimulation } from '../simulation/simulations.repository.js';
import { compileRuleSet } from '../../rules/engine/index.js';
import { findRuleSet } from './rule-sets.repository.js';
import { AppError, ErrorCode } from '../errors.js';
import { type RequestIssue, invalidRequest } from '../request-issues.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonBody, jsonResponse } from '../http/openapi.js';
import { loadRuleSet, ruleSetSummary } from './rule-sets.service.js';
import { type CaseContent, type TestCaseRow, addCase, changeCase, listHistory, listLiveCases, removeCase } from './test-cases.repository.js';
import { testDocument } from './test-runs.js';

const DecisionParam = z.object({ decision: DecisionName });
const CaseParam = z.object({ decision: DecisionName, id: Id });

const routes = {
  list: createRoute({
    method: 'get',
    path: '/decisions/{decision}/test-cases',
    tags: ['rules'],
    summary: "The decision's live test cases, by name",
    security: bearer,
    middleware: [requireRole('admin', 'manager')] as const,
    request: { params: DecisionParam },
    responses: { 200: jsonResponse(z.object({ items: z.array(TestCase) }), 'Test cases.'), ...errorResponses() },
  }),
  create: createRoute({
    method: 'post',
    path: '/decisions/{decision}/test-cases',
    tags: ['rules'],
    summary: "Add a test case: facts and expected outcome; { name, fromDecisionRecord } to pin a recorded decision's facts and today's outcome; or { name, fromSimulation: { id, subjectId } } to pin a simulation example",
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params: DecisionParam, body: jsonBody(TestCaseCreateBody) },
    responses: { 201: jsonResponse(TestCase, 'The case.'), ...errorResponses(404, 409) },
  }),
  update: createRoute({
    method: 'put',
    path: '/decisions/{decision}/test-cases/{id}',
    tags: ['rules'],
    summary: 'Change a test case (name, facts, expected outcome)',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params: CaseParam, body: jsonBody(TestCaseWrite) },
    responses: { 200: jsonResponse(TestCase, 'The case.'), ...errorResponses(404, 409) },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/decisions/{decision}/test-cases/{id}',
    tags: ['rules'],
    summary: 'Remove a test case (kept in the history)',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params: CaseParam },
    responses: { 204: { description: 'Removed.' }, ...errorResponses(404) },
  }),
  history: createRoute({
    method: 'get',
    path: '/decisions/{decision}/test-cases/history',
    tags: ['rules'],
    summary: 'Every test case added, changed or removed: who, when, before and after; newest first',
    security: bearer,
    middleware: [requireRole('admin', 'manager')] as const,
    request: { params: DecisionParam },
    responses: { 200: jsonResponse(z.object({ items: z.array(TestCaseChange) }), 'History.'), ...errorResponses() },
  }),
  run: createRoute({
    method: 'post',
    path: '/rule-sets/{id}/test',
    tags: ['rules'],
    summary: "Run the decision's live test cases against this version",
    security: bearer,
    middleware: [requireRole('admin', 'manager')] as const,
    request: { params: z.object({ id: Id }) },
    responses: {
      200: jsonResponse(z.object({ ruleSet: RuleSetSummary, passed: z.number().int(), failed: z.number().int(), results: z.array(TestCaseResult) }), 'Every case with its outcome.'),
      ...errorResponses(404),
    },
  }),
};

const view = (r: TestCaseRow) => ({
  id: r.id,
  decision: r.decision as DecisionName,
  name: r.name,
  facts: r.facts as Record<string, unknown>,
  expected: r.expected as ExpectedOutcome,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  updatedBy: r.updated_by,
  updatedAt: r.updated_at.toISOString(),
});

/** 400 with a pointer per problem, in the caller's language, when the facts or the expected params do not fit the decision's contract. */
function checkedContent<T extends { facts: Record<string, unknown>; expected: ExpectedOutcome }>(decision: DecisionName, body: T, language: Language): T {
  refuseUnfit([['/facts', checkCaseFacts(decision, body.facts)], ['/expected', checkExpected(decision, body.expected)]], decision, language, { en: 'The test case', zh: '测试用例' });
  return body;
}

async function pinnedContent(db: Kysely<Database>, decision: DecisionName, name: string, recordId: string): Promise<CaseContent> {
  const record = await findDecisionRecord(db, recordId);
  if (!record) throw new AppError(ErrorCode.NOT_FOUND, `No decision record ${recordId}.`);
  if (record.decision !== decision) {
    throw invalidRequest('body', [{ pointer: '/fromDecisionRecord', code: 'decision_of', params: { decision } }], { message: `Decision record ${recordId} is a ${record.decision} decision, not ${decision}.` });
  }
  const fired = record.fired as { name: string | null; event: { params?: Record<string, unknown> } }[];
  return { name, facts: contractFacts(decision, record.facts as Record<string, unknown>), expected: expectedFrom(fired) };
}

/** A simulation example's facts, and the outcome of the version the simulation compared with. */
async function pinnedExample(db: Kysely<Database>, decision: DecisionName, name: string, from: { id: string; subjectId: string }): Promise<CaseContent> {
  const run = await findSimulation(db, from.id);
  if (!run) throw new AppError(ErrorCode.NOT_FOUND, `No simulation ${from.id}.`);
  const example = run.result?.examples.find((e) => e.subjectId === from.subjectId);
  if (run.decision !== decision || !example?.facts) {
    const issue: RequestIssue = run.decision !== decision ? { pointer: '/fromSimulation/id', code: 'simulation_of', params: { decision } } : { pointer: '/fromSimulation/subjectId', code: 'simulation_example' };
    throw invalidRequest('body', [issue], { message: `Simulation ${from.id} has no ${decision} example ${from.subjectId} to pin.` });
  }
  const baseline = run.baseline_rule_set_id ? await findRuleSet(db, run.baseline_rule_set_id) : undefined;
  const fired = baseline ? compileRuleSet(baseline.document as RuleSetDocument).evaluate(example.facts).fired : [];
  return { name, facts: contractFacts(decision, example.facts), expected: expectedFrom(fired) };
}

export function registerTestCaseRoutes(app: OpenAPIHono<AppEnv>, deps: { db: Kysely<Database>; clock: Clock }) {
  const { db, clock } = deps;
  const by = (repId: string) => ({ repId, now: clock.now() });

  app.openapi(routes.list, async (c) => c.json({ items: (await listLiveCases(db, c.req.valid('param').decision)).map(view) }, 200));

  app.openapi(routes.create, async (c) => {
    const { decision } = c.req.valid('param');
    const body = c.req.valid('json');
    const content =
      'fromDecisionRecord' in body
        ? await pinnedContent(db, decision, body.name, body.fromDecisionRecord)
        : 'fromSimulation' in body
          ? await pinnedExample(db, decision, body.name, body.fromSimulation)
          : checkedContent(decision, body, c.get('language'));
    return c.json(view(await addCase(db, decision, content, by(c.get('actor').repId))), 201);
  });

  app.openapi(routes.update, async (c) => {
    const { decision, id } = c.req.valid('param');
    const body = c.req.valid('json');
    const row = await changeCase(db, decision, id, checkedContent(decision, body, c.get('language')), by(c.get('actor').repId));
    return c.json(view(row), 200);
  });

  app.openapi(routes.remove, async (c) => {
    const { decision, id } = c.req.valid('param');
    await removeCase(db, decision, id, by(c.get('actor').repId));
    return c.body(null, 204);
  });

  app.openapi(routes.history, async (c) => {
    const rows = await listHistory(db, c.req.valid('param').decision);
    const items = rows.map((r) => ({
      id: r.id,
      testCaseId: r.test_case_id,
      action: r.action,
      by: r.by_rep,
      at: r.at.toISOString(),
      before: r.before as z.infer<typeof TestCaseChange>['before'],
      after: r.after as z.infer<typeof TestCaseChange>['after'],
    }));
    return c.json({ items }, 200);
  });

  app.openapi(routes.run, async (c) => {
    const row = await loadRuleSet(db, c.req.valid('param').id);
    const results = await testDocument(db, row.document as RuleSetDocument, { version: row.version, language: c.get('language') });
    const { passed, failed } = summarize(results);
    return c.json({ ruleSet: ruleSetSummary(row), passed, failed: failed.length, results }, 200);
  });
}
