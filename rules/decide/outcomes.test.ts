import { describe, expect, test } from 'vitest';
import { compileRuleSet } from '../engine/index.js';
import type { RuleSetDocument } from '../../schemas/rule-set.js';
import { capsOutcome, gradingOutcome } from './outcomes.js';

const fired = (params: Record<string, unknown>, type = 'grade') => [{ index: 0, name: 'r', event: { type, params } }];

describe('outcomes read event params through their contract', () => {
  test('the same for frozen (compiled) and plain params, and checked once for frozen ones', () => {
    const frozen = Object.freeze({ grade: 'B', reason: 'close in 2 months' });
    const first = gradingOutcome(fired(frozen));
    expect(first).toEqual({ grade: 'B', reason: 'close in 2 months', rule: { index: 0, name: 'r' } });
    expect(gradingOutcome(fired({ grade: 'B', reason: 'close in 2 months' }))).toEqual(first);
    expect(gradingOutcome(fired(frozen))).toEqual(first);
  });

  test('invalid params fail every time, frozen or not: a failure is never remembered as a result', () => {
    const frozen = Object.freeze({ grade: 'Z' });
    expect(() => gradingOutcome(fired(frozen))).toThrow();
    expect(() => gradingOutcome(fired(frozen))).toThrow();
    expect(() => capsOutcome(fired(Object.freeze({ privateMax: -1, keyMax: 0, dailyClaimMax: 0 }), 'cap'))).toThrow();
  });

  test('results cannot be changed by a caller and leak into the next decision', () => {
    const doc = {
      decision: 'caps',
      hitPolicy: 'first',
      rules: [{ conditions: { all: [] }, event: { type: 'cap', params: { privateMax: 30, keyMax: 5, dailyClaimMax: 10 } } }],
    } as unknown as RuleSetDocument;
    const caps = compileRuleSet(doc);
    const a = capsOutcome(caps.evaluate({}).fired);
    a.privateMax = 1_000;
    expect(capsOutcome(caps.evaluate({}).fired).privateMax).toBe(30);
  });
});
