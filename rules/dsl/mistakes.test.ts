// Mistakes admins make in the rules language: one issue each, at the token that is wrong, saying what
// to write instead, in English and Chinese (no follow-on noise from the parser's recovery).
import { describe, expect, it } from 'vitest';
import { type SourceIssue, validateRules } from './index.js';

const reclaim = (then: string) => `decision reclaim\nhit policy collect\n\nrule "First follow-up"\n  when trigger.type = "claim"\n  then ${then}\n`;
const grading = (then: string, when = 'customer.stage = "sample"') => `decision grading\nhit policy first\n\nrule "Samples"\n  when ${when}\n  then ${then}\n`;
const approval = (then: string) => `decision approval\nhit policy collect\n\nrule "Discount"\n  when quote.discountPct > 10\n  then ${then}\n`;

/** The only issue of a source, which must start at `needle` on `line`. */
function only(source: string, line: number, needle: string): SourceIssue {
  const { issues } = validateRules(source);
  expect(issues, JSON.stringify(issues, null, 1)).toHaveLength(1);
  const column = source.split('\n')[line - 1]!.indexOf(needle) + 1;
  expect(column).toBeGreaterThan(0);
  expect(issues[0]).toMatchObject({ line, column });
  return issues[0]!;
}

describe('durations', () => {
  it.each([
    ['an unknown unit', 'in 3x warn 1d', '3x'],
    ['a unit after a space', 'in 3 days warn 1d', '3 days'],
    ['a negative number', 'in -3d warn 1d', '-3d'],
  ])('%s is reported at the duration itself, saying what a duration looks like', (_, params, bad) => {
    const issue = only(reclaim(`deadline first_follow_up ${params} reason no_follow_up`), 6, bad);
    expect(issue.code).toBe('dsl.bad-duration');
    expect(issue.message).toContain('3d, 12h, 30m');
    expect(issue.message).toContain('ms, s, m, h, d');
    expect(issue.zh).toContain('3d、12h、30m');
  });

  it('a year is not a unit: reported at "1y" with the units allowed', () => {
    const issue = only(approval('require_approval level 1 role manager timeout 1y'), 6, '1y');
    expect(issue).toMatchObject({ code: 'dsl.bad-duration', endColumn: issue.column + 2 });
    expect(issue.message).toMatch(/"y" is not a unit/);
    expect(issue.zh).toMatch(/"y" 不是时间单位/);
  });

  it('a space between number and unit: the issue spans both', () => {
    const issue = only(reclaim('deadline first_follow_up in 3 days warn 1d reason no_follow_up'), 6, '3 days');
    expect(issue.endColumn).toBe(issue.column + '3 days'.length);
    expect(issue.message).toContain('write 3d');
  });

  it('a negative duration says durations are positive', () => {
    const issue = only(reclaim('deadline first_follow_up in -3d warn 1d reason no_follow_up'), 6, '-3d');
    expect(issue.message).toContain('cannot be negative');
    expect(issue.zh).toContain('不能是负数');
  });
});

describe('events', () => {
  it('a misspelt event type is named, with the types the decision allows and the nearest one', () => {
    const issue = only(grading('grad B reason "x"'), 6, 'grad');
    expect(issue.code).toBe('dsl.unknown-event-type');
    expect(issue.message).toBe('unknown event type "grad"; grading rules emit "grade" (did you mean "grade"?)');
    expect(issue.zh).toBe('无法识别的事件类型 "grad"；grading（客户分级）规则的事件类型只能是 "grade"（是不是要写 "grade"？）');
  });

  it('a parameter without its value is reported at the parameter', () => {
    const issue = only(grading('grade B reason'), 6, 'reason');
    expect(issue.code).toBe('dsl.missing-parameter-value');
    expect(issue.message).toBe('the parameter "reason" needs a value, e.g. reason "…"');
    expect(issue.zh).toBe('参数 "reason" 缺少值，例如 reason "…"');
  });

  it('a stray word after an event is reported as what it is, where it is', () => {
    const issue = only(grading('grade B\nfoo'), 7, 'foo');
    expect(issue.code).toBe('dsl.unknown-parameter');
    expect(issue.message).toBe('"foo" is not a parameter of "grade" (its parameters: grade, reason); a new rule starts with "rule"');
    expect(issue.zh).toBe('"foo" 不是 "grade" 事件的参数（它的参数有 grade、reason）；新规则要以 "rule" 开头');
  });

  it('still reads documents with parameters the contract does not know (they print quoted)', () => {
    const { issues } = validateRules(grading('grade "level" 3'));
    expect(issues.map((i) => i.code)).toEqual(['rules.param-invalid', 'rules.unknown-param']);
  });
});

describe('operators', () => {
  it('a misspelt word of a multi-word operator is reported at that word, with the operator meant', () => {
    const issue = only(grading('grade B', 'customer.createdAt on or befor "2026-01-01"'), 5, 'befor');
    expect(issue.code).toBe('dsl.unknown-operator');
    expect(issue.message).toContain('did you mean "on or before"?');
    expect(issue.zh).toContain('是不是要写 "on or before"');
  });
});

describe('Chinese input', () => {
  it('a Chinese condition name: one issue saying condition names use a–z (the validator refuses others)', () => {
    const source = 'decision grading\nhit policy first\ncondition 常规 = customer.stage = "sample"\nrule "x"\n  when customer.isNew = true\n  then grade A\n';
    const issue = only(source, 3, '常规');
    expect(issue.code).toBe('dsl.non-ascii-name');
    expect(issue.message).toContain('letters a–z');
    expect(issue.zh).toContain('英文字母');
  });

  it('a Chinese word elsewhere: one issue saying names go in backticks and text in quotes', () => {
    const source = reclaim('exempt reason 已成交').replace('deadline', 'exempt');
    const issue = only(source, 6, '已成交');
    expect(issue.code).toBe('dsl.non-ascii-name');
    expect(issue.message).toContain('`已成交`');
    expect(issue.message).toContain('"已成交"');
    expect(issue.zh).toContain('反引号');
  });

  it('full-width quotes: one issue suggesting ASCII quotes', () => {
    const issue = only(grading('grade B', 'customer.stage = “sample”'), 5, '“');
    expect(issue.code).toBe('dsl.full-width-punctuation');
    expect(issue.message).toContain('"');
    expect(issue.zh).toContain('英文');
  });

  it('full-width brackets: one issue suggesting ASCII brackets', () => {
    const issue = only(grading('grade B', '（customer.stage = "sample" or customer.stage = "trial"）'), 5, '（');
    expect(issue.code).toBe('dsl.full-width-punctuation');
    expect(issue.message).toContain('(');
  });

  it('a misspelt "and": expected and/or or then, found the word', () => {
    const issue = only(grading('grade B', 'customer.stage = "sample" adn customer.isNew = true'), 5, 'adn');
    expect(issue.code).toBe('dsl.unknown-connective');
    expect(issue.message).toBe('expected "and", "or" or "then" but found "adn" (did you mean "and"?)');
    expect(issue.zh).toBe('此处应为 "and"、"or" 或 "then"，但写的是 "adn"（是不是要写 "and"？）');
  });
});
