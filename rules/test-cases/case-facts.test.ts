import { describe, expect, it } from 'vitest';
import { checkCaseFacts, checkExpected, contractFacts } from './case-facts.js';

describe("a case's facts", () => {
  it('may leave facts and fields out, but names only known ones with values of their type', () => {
    expect(checkCaseFacts('grading', { customer: { grade: null, expectedCloseDays: 20 } })).toEqual([]);
    expect(checkCaseFacts('grading', {})).toEqual([]);
    expect(checkCaseFacts('grading', { customer: { grade: 'F' }, rep: {} }).map((i) => i.pointer).sort()).toEqual(['/customer/grade', '/rep']);
    expect(checkCaseFacts('caps', { rep: { seniorityMonths: '24' } }).map((i) => i.pointer)).toEqual(['/rep/seniorityMonths']);
  });

  it('holds only values the product could feed: whole numbers where the field counts, texts and lists of bounded size', () => {
    const issues = checkCaseFacts('reclaim', {
      customer: { daysSinceLastFollowUp: 1.5, reclaims: -1, region: 'x'.repeat(201), source: 'x'.repeat(200) },
      rep: { tags: Array.from({ length: 101 }, (_, i) => `t${i}`) },
    });
    expect(issues.map((i) => [i.pointer, i.message])).toEqual([
      ['/customer/region', 'customer.region may have at most 200 characters'],
      ['/customer/daysSinceLastFollowUp', 'customer.daysSinceLastFollowUp must be a whole number, not number 1.5'],
      ['/customer/reclaims', 'customer.reclaims must be at least 0'],
      ['/rep/tags', 'rep.tags may have at most 100 items'],
    ]);
    expect(issues.map((i) => i.zh)).toContain('customer.daysSinceLastFollowUp（距上次跟进天数）必须是整数，这里写的是数字 1.5');
  });

  it('keeps only the fields the contract knows when pinned from a record', () => {
    expect(contractFacts('grading', { customer: { grade: 'A', contacts: '[redacted]' }, extra: { x: 1 } })).toEqual({ customer: { grade: 'A' } });
  });

  it('says each problem in English and Chinese, as the rules validator does, with its code', () => {
    expect(checkCaseFacts('grading', { customer: { expectedCloseDays: 'soon', stage: 'quoted', grde: 'A' }, custmer: {} })).toEqual([
      {
        pointer: '/customer/stage',
        code: 'rules.case-fact-invalid',
        message: 'customer.stage must be one of "claimed", "follow_up", "inquiry", "costing", "quote", "sample", "won"; got "quoted"',
        zh: 'customer.stage（跟进阶段）必须是以下之一："claimed"、"follow_up"、"inquiry"、"costing"、"quote"、"sample"、"won"；这里写的是 "quoted"',
      },
      { pointer: '/customer/expectedCloseDays', code: 'rules.case-fact-invalid', message: 'customer.expectedCloseDays must be a number, not "soon"', zh: 'customer.expectedCloseDays（预计成交天数）必须是数字，这里写的是 "soon"' },
      { pointer: '/customer/grde', code: 'rules.unknown-field', message: expect.stringContaining('"customer" has no field $.grde'), zh: expect.stringContaining('"customer" 没有字段 $.grde') },
      { pointer: '/custmer', code: 'rules.unknown-fact', message: 'unknown fact "custmer"; grading rules can use "customer"', zh: '无法识别的对象 "custmer"；grading（客户分级）规则可以使用 "customer"' },
    ]);
    expect(checkExpected('grading', { fired: [{ name: 'x', params: { grade: 'Q', foo: 1 } }] })).toEqual([
      { pointer: '/fired/0/params/grade', code: 'rules.param-invalid', message: 'parameter "grade" must be one of "A", "B", "C", "D", "E"; got "Q"', zh: '参数 "grade" 必须是以下之一："A"、"B"、"C"、"D"、"E"；这里写的是 "Q"' },
      {
        pointer: '/fired/0/params/foo',
        code: 'rules.case-unknown-param',
        message: '"foo" is not a parameter of the grading decision\'s events; they have "grade", "reason"',
        zh: '"foo" 不是 grading（客户分级）决策的事件参数；可以写 "grade"、"reason"',
      },
    ]);
  });
});
