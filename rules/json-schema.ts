// JSON Schema (draft-07) of a decision's rule-set documents, for the editor: facts, paths, operators
// and event types as enums with descriptions, so Monaco can complete and explain them. The
// validator (rules/validate) stays the authority; this schema only guides typing.
import { z } from 'zod';
import type { DecisionContract, FieldSpec, Localized } from '../schemas/decisions/contract.js';
import { operatorLabels, operatorsFor } from '../schemas/decisions/contract.js';
import { contracts } from '../schemas/decisions/index.js';
import type { DecisionName, Operator } from '../schemas/rule-set.js';

type Schema = Record<string, unknown>;

/** English first (the schema's language), the Chinese label after it for Chinese-speaking editors. */
const text = (description: Localized, label?: Localized) => (label ? `${description.en} (${label.zh})` : description.en);
const operatorText = (o: Operator) => `${operatorLabels[o].text}: ${operatorLabels[o].en} (${operatorLabels[o].zh})`;

function valueSchema(field: FieldSpec, operator: string): Schema {
  const scalar = (): Schema => {
    switch (field.type) {
      case 'number':
        return { type: 'number' };
      case 'boolean':
        return { type: 'boolean' };
      case 'date':
        return { type: 'string', format: 'date-time', description: 'A date, e.g. "2026-01-31T00:00:00Z".' };
      default:
        return field.enum ? { type: 'string', enum: [...field.enum] } : { type: 'string' };
    }
  };
  const one = field.nullable ? { anyOf: [scalar(), { type: 'null' }] } : scalar();
  if (operator === 'in' || operator === 'notIn') return { type: 'array', items: one, maxItems: 1000 };
  if (operator === 'contains' || operator === 'doesNotContain') return { type: 'string' };
  return one;
}

function factConditionSchema(contract: DecisionContract): Schema {
  const facts = Object.entries(contract.facts);
  const branches: Schema[] = [];
  for (const [factName, fact] of facts) {
    const paths = Object.keys(fact.fields).map((f) => `$.${f}`);
    branches.push({
      if: { properties: { fact: { const: factName } }, required: ['fact'] },
      then: {
        properties: {
          path: {
            enum: paths,
            markdownEnumDescriptions: Object.values(fact.fields).map((f) => `${text(f.description, f.label)} _(${f.type}${f.nullable ? ', may be null' : ''})_`),
          },
        },
      },
    });
    for (const [fieldName, field] of Object.entries(fact.fields)) {
      const ops = operatorsFor[field.type];
      branches.push({
        if: { properties: { fact: { const: factName }, path: { const: `$.${fieldName}` } }, required: ['fact', 'path'] },
        then: {
          properties: { operator: { enum: [...ops], enumDescriptions: ops.map(operatorText) } },
          allOf: ops.map((o) => ({ if: { properties: { operator: { const: o } }, required: ['operator'] }, then: { properties: { value: valueSchema(field, o) } } })),
        },
      });
    }
  }
  return {
    type: 'object',
    description: 'A test of one fact field: { "fact": …, "path": "$.field", "operator": …, "value": … }.',
    required: ['fact', 'path', 'operator', 'value'],
    additionalProperties: false,
    properties: {
      fact: {
        enum: facts.map(([n]) => n),
        markdownEnumDescriptions: facts.map(([, f]) => text(f.description, f.label)),
      },
      path: { type: 'string', pattern: '^\\$(\\.[A-Za-z_][A-Za-z0-9_]*)+$' },
      operator: { enum: Object.keys(operatorLabels), enumDescriptions: (Object.keys(operatorLabels) as Operator[]).map(operatorText) },
      value: {},
      name: { type: 'string' },
      priority: { type: 'integer', minimum: 1 },
    },
    allOf: branches,
  };
}

function withoutSchemaKey(schema: Schema): Schema {
  const { $schema: _ignored, ...rest } = schema;
  return rest;
}

const meta = { name: { type: 'string' }, priority: { type: 'integer', minimum: 1, maximum: 10000 } };
const commentLines: Schema = {
  type: 'array',
  description: 'Comment lines of the rules language (the text after "#"); the engine ignores them.',
  maxItems: 500,
  items: { type: 'string', maxLength: 1000, pattern: '^[^\\r\\n]*$' },
};
const group = (kind: 'all' | 'any', description: string): Schema => ({
  type: 'object',
  description,
  required: [kind],
  additionalProperties: false,
  properties: { [kind]: { type: 'array', items: { $ref: '#/definitions/condition' }, maxItems: 100 }, ...meta },
});

/** The editor's JSON Schema for one decision. */
export function ruleSetJsonSchema(decision: DecisionName): Schema {
  const contract = contracts[decision];
  const events = Object.entries(contract.events).map(([type, spec]) => ({
    type: 'object',
    description: text(spec.description, spec.label),
    required: ['type', 'params'],
    additionalProperties: false,
    properties: {
      type: { const: type, description: text(spec.description, spec.label) },
      params: withoutSchemaKey(z.toJSONSchema(spec.params, { target: 'draft-7', io: 'input', unrepresentable: 'any' })),
    },
  }));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `highseas ${decision} rule set`,
    description: text(contract.description, contract.label),
    type: 'object',
    required: ['decision', 'hitPolicy', 'rules'],
    additionalProperties: false,
    properties: {
      decision: { const: decision, description: text(contract.description, contract.label) },
      hitPolicy: {
        const: contract.hitPolicy,
        description: contract.hitPolicy === 'first' ? 'The highest-priority rule that fires decides.' : 'Every rule that fires counts.',
      },
      description: { type: 'string', maxLength: 2000 },
      conditions: {
        type: 'object',
        description: 'Named conditions; use them in rules as { "condition": "<name>" }.',
        additionalProperties: { $ref: '#/definitions/topCondition' },
      },
      rules: { type: 'array', minItems: 1, maxItems: 500, items: { $ref: '#/definitions/rule' } },
      comments: {
        type: 'object',
        description: 'Comments of the rules language that belong to no rule.',
        additionalProperties: false,
        properties: {
          head: { ...commentLines, description: 'Before and within the header.' },
          conditions: { type: 'object', description: 'Before each named condition, by its name.', additionalProperties: commentLines },
          end: { ...commentLines, description: 'After the last rule.' },
        },
      },
    },
    definitions: {
      rule: {
        type: 'object',
        required: ['conditions', 'event'],
        additionalProperties: false,
        properties: {
          comments: { ...commentLines, description: 'Comment lines written before the rule or within it.' },
          name: { type: 'string', description: 'Unique name; shown in explanations and diffs.' },
          priority: { type: 'integer', minimum: 1, maximum: 10000, description: 'Higher runs first; default 1.' },
          conditions: { $ref: '#/definitions/topCondition' },
          event: { oneOf: events },
        },
      },
      topCondition: {
        oneOf: [{ $ref: '#/definitions/all' }, { $ref: '#/definitions/any' }, { $ref: '#/definitions/not' }, { $ref: '#/definitions/reference' }],
      },
      condition: {
        anyOf: [
          { $ref: '#/definitions/fact' },
          { $ref: '#/definitions/all' },
          { $ref: '#/definitions/any' },
          { $ref: '#/definitions/not' },
          { $ref: '#/definitions/reference' },
        ],
      },
      all: group('all', 'True when every listed condition is true (an empty list is always true).'),
      any: group('any', 'True when at least one listed condition is true.'),
      not: {
        type: 'object',
        description: 'True when the inner condition is false.',
        required: ['not'],
        additionalProperties: false,
        properties: { not: { $ref: '#/definitions/condition' }, ...meta },
      },
      reference: {
        type: 'object',
        description: 'A named condition from "conditions".',
        required: ['condition'],
        additionalProperties: false,
        properties: { condition: { type: 'string' }, ...meta },
      },
      fact: factConditionSchema(contract),
    },
  };
}
