// The validator's issues on rules-language source speak the language: operators, the hit policy and
// rule numbers as the admin wrote them; hints as for parse errors.
import { describe, expect, it } from 'vitest';
import { type SourceIssue, validateRules } from './index.js';

const grading = (then: string, when = 'customer.stage = "sample"') => `decision grading\nhit policy first\n\nrule "Samples"\n  when ${when}\n  then ${then}\n`;

/** The only issue of a source, which must start at `needle` on `line`. */
function only(source: string, line: number, needle: string): SourceIssue {
  const { issues } = validateRules(source);
  expect(issues, JSON.stringify(issues, null, 1)).toHaveLength(1);
  const column = source.split('\n')[line - 1]!.indexOf(needle) + 1;
  expect(column).toBeGreaterThan(0);
  expect(issues[0]).toMatchObject({ line, column });
  return issues[0]!;
}

describe('validator messages speak the rules language', () => {
  it('names operators as the language writes them', () => {
    const issue = only(grading('grade B', 'customer.country does not contain "D"'), 5, 'does not contain');
    expect(issue.message).toBe('"does not contain" does not work on customer.country (a text); use =, !=, in, not in');
    expect(issue.zh).toBe('运算符 "does not contain" 不能用于 customer.country（文本）；请改用 =、!=、in、not in');
  });

  it('writes the hit policy as the language does', () => {
    const issue = only(grading('grade B').replace('hit policy first', 'hit policy collect'), 2, 'collect');
    expect(issue.message).toBe('grading rules use hit policy first (the first rule that fires decides); got "collect"');
    expect(issue.zh).toBe('grading（客户分级）规则的命中策略应写 hit policy first（第一条满足条件的规则生效）；这里写的是 "collect"');
  });

  it('counts rules from 1 in both languages', () => {
    const source = `${grading('grade B')}\nrule "Samples"\n  when customer.stage = "sample"\n  then grade A\n`;
    const issue = only(source, 8, '"Samples"');
    expect(issue.message).toBe('rule 1 already has the name "Samples"; names must be unique');
    expect(issue.zh).toBe('第 1 条规则已经使用了名称 "Samples"；规则名称不能重复');
  });
});

describe('events and numbers', () => {
  it('a misspelt event type without a positional value: the validator suggests the nearest too', () => {
    const issue = only(grading('grad grade B'), 6, 'grad');
    expect(issue.code).toBe('rules.unknown-event-type');
    expect(issue.message).toContain('did you mean "grade"?');
    expect(issue.zh).toContain('是不是要写 "grade"');
  });

});

describe('numbers', () => {
  it('a number too large to hold says so', () => {
    const issue = only(grading('grade B', 'customer.expectedCloseDays <= 1e400'), 5, '1e400');
    expect(issue.message).toContain('too large');
    expect(issue.zh).toContain('太大');
  });
});
