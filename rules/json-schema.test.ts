import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { DecisionName } from '../schemas/rule-set.js';
import { defaultRuleSets } from './defaults/index.js';
import { ruleSetJsonSchema } from './json-schema.js';

const ajv = new Ajv({ allErrors: true, strict: false });

describe('the editor JSON Schema', () => {
  it.each(DecisionName.options)('accepts the shipped %s rule set', (decision) => {
    const validate = ajv.compile(ruleSetJsonSchema(decision));
    expect(validate(defaultRuleSets[decision]), JSON.stringify(validate.errors)).toBe(true);
  });

  it('flags an operator the field type does not allow, an unknown path and bad event params', () => {
    const validate = ajv.compile(ruleSetJsonSchema('grading'));
    const doc = {
      decision: 'grading',
      hitPolicy: 'first',
      rules: [
        {
          conditions: { all: [{ fact: 'customer', path: '$.grade', operator: 'greaterThan', value: 3 }] },
          event: { type: 'grade', params: { grade: 'A' } },
        },
        {
          conditions: { all: [{ fact: 'customer', path: '$.nope', operator: 'equal', value: 1 }] },
          event: { type: 'grade', params: { grade: 'Z' } },
        },
      ],
    };
    expect(validate(doc)).toBe(false);
    const where = (validate.errors ?? []).map((e) => e.instancePath);
    expect(where).toContain('/rules/0/conditions/all/0/operator');
    expect(where).toContain('/rules/1/conditions/all/0/path');
    expect(where.some((p) => p.startsWith('/rules/1/event'))).toBe(true);
  });

  it('pins decision and hit policy', () => {
    const validate = ajv.compile(ruleSetJsonSchema('reclaim'));
    expect(validate({ decision: 'grading', hitPolicy: 'first', rules: [] })).toBe(false);
  });
});
