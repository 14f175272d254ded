// The rules editor's reference: the decisions' contracts, their editor JSON Schemas, and live
// validation of a document that is not saved.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ruleSetJsonSchema } from '../../rules/json-schema.js';
import { summarize } from '../../rules/test-cases/run.js';
import { operatorLabels } from '../../schemas/decisions/contract.js';
import { contracts } from '../../schemas/decisions/index.js';
import { DecisionName } from '../../schemas/rule-set.js';
import { DecisionInfo, JsonSchema, ValidateBody, ValidationReport } from '../../schemas/rule-sets-api.js';
import { requireRole } from '../auth/auth.middleware.js';
import type { Database } from '../db/database.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonBody, jsonResponse } from '../http/openapi.js';
import { referenceWarnings } from '../../rules/analyze/references.js';
import { analysisWarnings, tableOf } from './rule-analysis.js';
import { knownIds } from './known-ids.repository.js';
import { readRuleSet, sourceOf } from './rule-source.js';
import { unfiredRules } from './unfired-rules.js';
import { findPublished } from './rule-sets.repository.js';
import { testDocument } from './test-runs.js';

const DecisionParam = z.object({ decision: DecisionName });

/** A param's JSON type and allowed values, read from the event's JSON Schema; absent where the schema gives none. */
function paramTypes(params: z.ZodType): Record<string, { type?: string; enum?: string[] }> {
  const schema = z.toJSONSchema(params, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, { type?: unknown; enum?: unknown }> };
  return Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([k, p]) => [
      k,
      {
        ...(typeof p.type === 'string' ? { type: p.type } : {}),
        ...(Array.isArray(p.enum) && p.enum.every((v) => typeof v === 'string') ? { enum: p.enum as string[] } : {}),
      },
    ]),
  );
}

/** The events of each decision as GET /decisions shows them; computed once, the contracts are constant. */
const eventInfos = Object.fromEntries(
  DecisionName.options.map((name) => [
    name,
    Object.fromEntries(
      Object.entries(contracts[name].events).map(([type, e]) => {
        const types = paramTypes(e.params);
        const params = Object.fromEntries(Object.entries(e.paramLabels).map(([k, l]) => [k, { ...l, ...types[k] }]));
        return [type, { label: e.label, description: e.description, params }];
      }),
    ),
  ]),
) as Record<DecisionName, Record<string, z.infer<typeof DecisionInfo>['events'][string]>>;

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
    summary: 'Check a document or rules-language source without saving it (live validation in the editor); a valid one comes back in both forms, as a decision table, with analysis warnings',
    security: bearer,
    middleware: [requireRole('admin', 'manager')] as const,
    request: { body: jsonBody(ValidateBody) },
    responses: { 200: jsonResponse(ValidationReport, 'Valid or not, with every problem.'), ...errorResponses() },
  }),
};

export function registerRuleContractRoutes(app: OpenAPIHono<AppEnv>, deps: { db: Kysely<Database> }) {
  const { db } = deps;

  app.openapi(routes.decisions, async (c) => {
    const items = await Promise.all(
      DecisionName.options.map(async (name) => {
        const contract = contracts[name];
        const published = await findPublished(db, name);
        return {
          name,
          label: contract.label,
          description: contract.description,
          hitPolicy: contract.hitPolicy,
          whenNothingFires: contract.whenNothingFires,
          facts: contract.facts,
          events: eventInfos[name],
          operators: operatorLabels,
          published: published ? { id: published.id, version: published.version, hash: published.hash, publishedAt: published.published_at?.toISOString() ?? null } : null,
        };
      }),
    );
    return c.json({ items }, 200);
  });

  app.openapi(routes.schema, (c) => c.json(ruleSetJsonSchema(c.req.valid('param').decision), 200));

  app.openapi(routes.validate, async (c) => {
    // As saving and publishing would: with the reps, teams and pools that exist.
    const known = await knownIds(db);
    const result = readRuleSet(c.req.valid('json'), c.get('language'), known);
    if (!result.ok) return c.json({ valid: false, issues: result.issues, warnings: [] }, 200);
    // A valid document also runs the decision's test cases, as publishing would.
    const results = await testDocument(db, result.document, { version: null, language: c.get('language') });
    const tests = summarize(results);
    const more = [...(await unfiredRules(db, result.document, results)), ...referenceWarnings(result.document, known)];
    const warnings = analysisWarnings(result.document, result.source, c.get('language'), more);
    return c.json({ valid: true, issues: [], warnings, table: tableOf(result.document), document: result.document, source: sourceOf(result.document, result.source), tests }, 200);
  });
}
