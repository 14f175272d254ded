// Every text a Chinese reader meets from the shipped rule sets (a rule's name, its reason, the set's
// description) has Chinese words; a text an admin wrote is shown as written.
import { describe, expect, it } from 'vitest';
import { defaultRuleSets, defaultTestCases } from './index.js';
import { pickReasonText } from '../../schemas/pick-reason.js';
import { reasonWords } from '../../schemas/reason-words.js';
import { isShippedRuleText, shippedRuleText } from '../../schemas/shipped-rule-words.js';

/** Names, reasons and descriptions anywhere in a rule set document (the reclaim rules' reason codes are reason-words' own). */
function texts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) texts(n, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'name' || k === 'reason' || k === 'description') && typeof v === 'string') out.push(v);
      else texts(v, out);
    }
  }
  return out;
}

describe('the shipped rule sets in Chinese', () => {
  const shipped = [...new Set(Object.values(defaultRuleSets).flatMap((d) => texts(d)))];

  it('has words for every rule name, reason and description', () => {
    // Reclaim reasons are codes (no_follow_up …) and its deadline names are deadline codes: reason-words words those.
    const missing = shipped.filter((t) => !isShippedRuleText(t) && reasonWords(t, 'zh') === t && !/^[a-z_]+$/.test(t));
    expect(missing).toEqual([]);
    expect(shipped.length).toBeGreaterThan(50);
  });

  it('has words for every shipped test case name', () => {
    const names = Object.values(defaultTestCases).flatMap((d) => ((d as { cases?: unknown[] }).cases ?? (d as unknown[])) as { name: string }[]).map((c) => c.name);
    expect(names.filter((n) => !isShippedRuleText(n))).toEqual([]);
    expect(names.length).toBeGreaterThan(30);
  });

  it('reads a shipped text in Chinese, an admin’s text as written, and English as written', () => {
    expect(shippedRuleText('Close within 1 month: A', 'zh')).toBe('1 个月内成交：A');
    expect(shippedRuleText('Close within 1 month: A', 'en')).toBe('Close within 1 month: A');
    expect(shippedRuleText('一个月内成交为 A', 'zh')).toBe('一个月内成交为 A');
    expect(shippedRuleText('toString', 'zh')).toBe('toString');
  });

  it('tells a rule-picked rep and a stored reason in Chinese', () => {
    expect(pickReasonText({ code: 'rule', text: 'new hires get new customers first' }, 'zh')).toBe('新人优先分到新客户');
    expect(pickReasonText({ code: 'rule', text: 'new hires get new customers first' }, 'en')).toBe('new hires get new customers first');
    expect(reasonWords('rotation among eligible reps', 'zh')).toBe('在可接收的业务员之间轮流');
    expect(reasonWords('no_follow_up', 'zh')).toBe('未按时跟进');
  });
});
