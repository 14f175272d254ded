import { describe, expect, it } from 'vitest';
import type { RuleSetDocument } from '../../schemas/rule-set.js';
import { compileRuleSet } from '../engine/index.js';
import { contracts } from '../../schemas/decisions/index.js';
import { type Language, explanationSentence, nothingPublishedSentence } from './sentence.js';

/** The sentence for a document and facts, in both languages. */
function sentences(document: RuleSetDocument, facts: Record<string, unknown>, version: number | null = 4, decidingRule?: number) {
  const explanation = compileRuleSet(document).explain(facts);
  const say = (language: Language) => explanationSentence({ explanation, version, language, document, decidingRule });
  return { en: say('en'), zh: say('zh') };
}

const grading: RuleSetDocument = {
  decision: 'grading',
  hitPolicy: 'first',
  conditions: { regular: { all: [{ fact: 'customer', path: '$.keyCustomer', operator: 'equal', value: false }] } },
  rules: [
    { name: 'No demand: E', priority: 10, conditions: { all: [{ fact: 'customer', path: '$.noDemand', operator: 'equal', value: true }] }, event: { type: 'grade', params: { grade: 'E' } } },
    {
      name: 'Close within 1 month: A',
      priority: 5,
      conditions: { all: [{ fact: 'customer', path: '$.expectedCloseDays', operator: 'lessThanInclusive', value: 30 }] },
      event: { type: 'grade', params: { grade: 'A' } },
    },
    {
      name: 'Regular, soon: B',
      priority: 4,
      conditions: {
        all: [
          { condition: 'regular' },
          {
            any: [
              { fact: 'customer', path: '$.grade', operator: 'equal', value: 'A' },
              { fact: 'customer', path: '$.expectedCloseDays', operator: 'lessThan', value: 90 },
            ],
          },
          { not: { fact: 'customer', path: '$.stage', operator: 'in', value: ['quote', 'sample'] } },
        ],
      },
      event: { type: 'grade', params: { grade: 'B' } },
    },
    {
      name: 'Overdue: C',
      priority: 3,
      conditions: { all: [{ fact: 'customer', path: '$.daysSinceClaim', operator: 'greaterThan', value: { fact: 'customer', path: '$.expectedCloseDays' } }] },
      event: { type: 'grade', params: { grade: 'C' } },
    },
    {
      priority: 2,
      conditions: { all: [{ not: { condition: 'regular' } }, { not: { fact: 'customer', path: '$.expectedCloseDays', operator: 'lessThan', value: 200 } }] },
      event: { type: 'grade', params: { grade: 'D' } },
    },
  ],
};

describe('explanation sentences', () => {
  it('name the outcome, the condition that held with the values seen, the rule and the version', () => {
    expect(sentences(grading, { customer: { noDemand: false, expectedCloseDays: 20 } })).toEqual({
      en: 'Grade A, because expected close days 20 ≤ 30 (rule "Close within 1 month: A", v4)',
      zh: '等级 A，因为 预计成交天数 20 ≤ 30（规则「1 个月内成交：A」，v4）',
    });
  });

  it('tell a named condition by name, only the branch of an any that held, and a not as its negation', () => {
    const facts = { customer: { noDemand: false, expectedCloseDays: 60, keyCustomer: false, grade: 'C', stage: 'inquiry' } };
    expect(sentences(grading, facts)).toEqual({
      en: 'Grade B, because regular (key customer = no), expected close days 60 < 90 and stage inquiry is none of [quote, samples] (rule "Regular, soon: B", v4)',
      zh: '等级 B，因为 regular（紧密客户 = 否），预计成交天数 60 < 90 且 跟进阶段 询盘 不属于 [报价、样品]（规则「Regular, soon: B」，v4）',
    });
  });

  it('name a fact reference by its label with the value it had', () => {
    const facts = { customer: { noDemand: false, expectedCloseDays: 120, keyCustomer: true, daysSinceClaim: 150 } };
    expect(sentences(grading, facts, 7)).toEqual({
      en: 'Grade C, because days since claim 150 > expected close days (120) (rule "Overdue: C", v7)',
      zh: '等级 C，因为 认领天数 150 > 预计成交天数（120）（规则「Overdue: C」，v7）',
    });
  });

  it('say "unknown" for a null value, negate a named condition, and number an unnamed rule', () => {
    const facts = { customer: { noDemand: false, expectedCloseDays: null, keyCustomer: true, daysSinceClaim: null } };
    expect(sentences(grading, facts)).toEqual({
      en: 'Grade D, because not regular (key customer = yes) and not expected close days unknown < 200 (rule #5, v4)',
      zh: '等级 D，因为 不满足 regular（紧密客户 = 是）且 并非 预计成交天数 未知 < 200（第 5 条规则，v4）',
    });
  });

  it("say the contract's words when no rule fires", () => {
    const none: RuleSetDocument = { ...grading, rules: grading.rules.slice(0, 2) };
    expect(sentences(none, { customer: { noDemand: false, expectedCloseDays: 90 } })).toEqual({
      en: 'The grade stays as it is: no rule applied (v4)',
      zh: '等级保持不变：没有规则适用（v4）',
    });
    expect(sentences(none, { customer: {} }, null)).toEqual({ en: 'The grade stays as it is: no rule applied', zh: '等级保持不变：没有规则适用' });
    expect(nothingPublishedSentence(contracts.grading, 'zh')).toBe('等级保持不变：尚未发布规则');
    expect(nothingPublishedSentence(contracts.caps, 'en')).toBe('The rep may not claim (all caps 0): no rule set is published');
  });

  it('say to whom a customer is assigned, with dates and lists as values', () => {
    const assignment: RuleSetDocument = {
      decision: 'assignment',
      hitPolicy: 'first',
      rules: [
        { name: 'Key accounts to r7', priority: 9, conditions: { all: [{ fact: 'customer', path: '$.keyCustomer', operator: 'equal', value: true }] }, event: { type: 'assign', params: { rep: 'r7', strategy: 'direct' } } },
        {
          name: 'Recent Europe to EMEA',
          priority: 5,
          conditions: {
            all: [
              { fact: 'customer', path: '$.country', operator: 'in', value: ['DE', 'FR'] },
              { fact: 'customer', path: '$.createdAt', operator: 'onOrAfter', value: '2026-01-01T00:00:00Z' },
            ],
          },
          event: { type: 'assign', params: { team: 'emea', strategy: 'least_loaded', repTags: ['german'], preferNewHires: true } },
        },
        { name: 'Rest stays', conditions: { all: [] }, event: { type: 'assign', params: { pool: 'general' } } },
      ],
    };
    expect(sentences(assignment, { customer: { keyCustomer: false, country: 'DE', createdAt: '2026-03-05T10:30:00Z' }, trigger: { type: 'create' } }, 2)).toEqual({
      en: 'Assign to a rep of team emea (least loaded first; tagged german; new hires first), because country DE is one of [DE, FR] and created at 2026-03-05 10:30 UTC on or after 2026-01-01 (rule "Recent Europe to EMEA", v2)',
      zh: '分配给团队 emea 的业务员（负载最少优先；标签 german；新员工优先），因为 国家 DE 属于 [DE、FR] 且 创建时间 2026-03-05 10:30 UTC 不早于 2026-01-01（规则「Recent Europe to EMEA」，v2）',
    });
    expect(sentences(assignment, { customer: { keyCustomer: true } }, 2)).toEqual({
      en: 'Assign to rep r7, because key customer = yes (rule "Key accounts to r7", v2)',
      zh: '分配给业务员 r7，因为 紧密客户 = 是（规则「Key accounts to r7」，v2）',
    });
    expect(sentences(assignment, { customer: { keyCustomer: false, country: null } }, 2)).toEqual({
      en: 'Stay in pool general, always (rule "Rest stays", v2)',
      zh: '留在公海 general，无条件适用（规则「Rest stays」，v2）',
    });
  });

  it("say a rep's caps, with a list that contains a value", () => {
    const caps: RuleSetDocument = {
      decision: 'caps',
      hitPolicy: 'first',
      rules: [
        {
          name: 'Seniors',
          conditions: { all: [{ fact: 'rep', path: '$.tags', operator: 'contains', value: 'senior' }] },
          event: { type: 'cap', params: { privateMax: 80, keyMax: 10, dailyClaimMax: 15 } },
        },
      ],
    };
    expect(sentences(caps, { rep: { tags: ['spanish', 'senior'] } }, 3)).toEqual({
      en: 'Caps: 80 customers, 10 key customers, 15 claims a day, because rep tags [spanish, senior] contains senior (rule "Seniors", v3)',
      zh: '上限：私海 80 个客户，紧密客户 10 个，每天认领 15 个，因为 业务员标签 [spanish、senior] 包含 senior（规则「Seniors」，v3）',
    });
    expect(sentences(caps, { rep: { tags: [] } }, 3)).toEqual({
      en: 'The rep may not claim (all caps 0): no rule applied (v3)',
      zh: '该业务员不能认领客户（各项上限均为 0）：没有规则适用（v3）',
    });
  });

  it('tell every approval level that a collect rule set requires, in level order', () => {
    const approval: RuleSetDocument = {
      decision: 'approval',
      hitPolicy: 'collect',
      rules: [
        {
          name: 'Deep discount',
          conditions: { all: [{ fact: 'quote', path: '$.discountPct', operator: 'greaterThan', value: 20 }] },
          event: { type: 'require_approval', params: { level: 2, role: 'admin', timeout: '2d' } },
        },
        {
          name: 'Large quote',
          conditions: { any: [{ fact: 'quote', path: '$.amountUsd', operator: 'greaterThanInclusive', value: 50000 }, { fact: 'quote', path: '$.isFirstQuote', operator: 'equal', value: true }] },
          event: { type: 'require_approval', params: { level: 1, role: 'manager', timeout: '1d' } },
        },
      ],
    };
    expect(sentences(approval, { quote: { discountPct: 25, amountUsd: 60000, isFirstQuote: false } }, 5)).toEqual({
      en: 'Approval needed: level 1 by a manager within 1 day, because amount in USD 60000 ≥ 50000 (rule "Large quote", v5); level 2 by an admin within 2 days, because discount % 25 > 20 (rule "Deep discount", v5)',
      zh: '需要审批：第 1 级由经理在 1 天内审批，因为 美元金额 60000 ≥ 50000（规则「Large quote」，v5）；第 2 级由管理员在 2 天内审批，因为 折扣率 % 25 > 20（规则「Deep discount」，v5）',
    });
    expect(sentences(approval, { quote: { discountPct: 5, amountUsd: 100, isFirstQuote: false } }, 5).zh).toBe('无需审批：没有规则适用（v5）');
  });

  it('tell the earliest of the reclaim deadlines that fired, or that the customer is exempt', () => {
    const reclaim: RuleSetDocument = {
      decision: 'reclaim',
      hitPolicy: 'collect',
      rules: [
        { name: 'Won customers are exempt', priority: 100, conditions: { all: [{ fact: 'customer', path: '$.status', operator: 'equal', value: 'won' }] }, event: { type: 'exempt', params: { reason: 'won customers are protected' } } },
        { name: 'Deal within 90 days', conditions: { all: [] }, event: { type: 'deadline', params: { name: 'deal', duration: '90d', from: 'claimed' } } },
        {
          name: 'A: follow up daily',
          conditions: { all: [{ fact: 'customer', path: '$.grade', operator: 'equal', value: 'A' }] },
          event: { type: 'deadline', params: { name: 'follow_up', duration: '1d', warnBefore: '4h' } },
        },
      ],
    };
    expect(sentences(reclaim, { customer: { status: 'owned', grade: 'A' } }, 3)).toEqual({
      en: 'Deadline "follow-up" in 1 day, warning 4 hours before (the earliest of 2), because grade = A (rule "A: follow up daily", v3)',
      zh: '回收期限「跟进」：1 天，提前 4 小时提醒（2 个期限中最早的），因为 等级 = A（规则「A：每天跟进」，v3）',
    });
    // A recorded outcome knows which deadline applied (a claim long ago makes "deal" the earlier one).
    expect(sentences(reclaim, { customer: { status: 'owned', grade: 'A' } }, 3, 1).en).toBe(
      'Deadline "deal" in 90 days from the claim (the earliest of 2), always (rule "Deal within 90 days", v3)',
    );
    expect(sentences(reclaim, { customer: { status: 'won', grade: 'A' } }, 3)).toEqual({
      en: 'No reclaim deadline (exempt: won customers are protected), because status = won (rule "Won customers are exempt", v3)',
      zh: '免回收（已成交客户受保护），因为 客户状态 = 已成交（规则「已成交客户免回收」，v3）',
    });
  });
});
