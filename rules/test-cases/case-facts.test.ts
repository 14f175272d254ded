import { describe, expect, it } from 'vitest';
import { checkCaseFacts, contractFacts } from './case-facts.js';

describe("a case's facts", () => {
  it('may leave facts and fields out, but names only known ones with values of their type', () => {
    expect(checkCaseFacts('grading', { customer: { grade: null, expectedCloseDays: 20 } })).toEqual([]);
    expect(checkCaseFacts('grading', {})).toEqual([]);
    expect(checkCaseFacts('grading', { customer: { grade: 'F' }, rep: {} }).map((i) => i.pointer).sort()).toEqual(['/customer/grade', '/rep']);
    expect(checkCaseFacts('caps', { rep: { seniorityMonths: '24' } }).map((i) => i.pointer)).toEqual(['/rep/seniorityMonths']);
  });

  it('keeps only the fields the contract knows when pinned from a record', () => {
    expect(contractFacts('grading', { customer: { grade: 'A', contacts: '[redacted]' }, extra: { x: 1 } })).toEqual({ customer: { grade: 'A' } });
  });
});
