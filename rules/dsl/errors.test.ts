// Mistakes in rules source are reported at the line and column where they were written.
import { describe, expect, it } from 'vitest';
import { parseRules, validateRules } from './index.js';
import { SOURCE_MESSAGES } from './messages.js';

const HEAD = 'decision reclaim\nhit policy collect\n\nrule "A daily"\n';
const WHEN = '  when customer.grade = "A"\n';
const THEN = '  then deadline name follow_up duration 1d warnBefore 4h reason no_follow_up\n';

/** Line and column of `needle` on the given 1-based line of the source. */
function at(source: string, line: number, needle: string) {
  const column = source.split('\n')[line - 1]!.indexOf(needle) + 1;
  expect(column).toBeGreaterThan(0);
  return { line, column };
}

describe('rules language issues', () => {
  it('accepts the well-formed rule', () => {
    expect(validateRules(HEAD + WHEN + THEN).issues).toEqual([]);
  });

  it('a missing "then"', () => {
    const source = HEAD + WHEN + THEN.replace('then ', '');
    const { issues, document } = parseRules(source);
    expect(document).toBeUndefined();
    expect(issues[0]).toMatchObject({ ...at(source, 6, 'deadline'), code: 'dsl.missing-then', message: 'expected "then" but found "deadline"', zh: '此处应为 "then"，但写的是 "deadline"' });
  });

  it('a misspelt operator', () => {
    const source = HEAD + WHEN.replace('=', 'equals') + THEN;
    const { issues } = parseRules(source);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ ...at(source, 5, 'equals'), code: 'dsl.unknown-operator' });
    expect(issues[0]!.message).toContain('unknown operator "equals"');
    expect(issues[0]!.zh).toBe('无法识别的运算符 "equals"；请写 =、!=、<、<=、>、>=、in、not in、contains、does not contain、before、after、on or before、on or after 之一');
  });

  it('an unterminated string', () => {
    const source = HEAD + WHEN.replace('"A"', '"A') + THEN;
    const { issues } = parseRules(source);
    expect(issues[0]).toMatchObject({ ...at(source, 5, '"A'), code: 'dsl.unterminated-string', message: 'this text has no closing quote (")', zh: '这段文字缺少结尾的引号（"）' });
  });

  it('an unknown fact, found by the validator', () => {
    const source = HEAD + WHEN.replace('customer', 'client') + THEN;
    expect(parseRules(source).issues).toEqual([]);
    const { issues } = validateRules(source);
    expect(issues[0]).toMatchObject({
      ...at(source, 5, 'client.grade'),
      code: 'rules.unknown-fact',
      message: 'unknown fact "client"; reclaim rules can use "customer", "rep", "trigger", "actor"',
      zh: '无法识别的对象 "client"；reclaim（客户回收）规则可以使用 "customer"、"rep"、"trigger"、"actor"',
    });
  });

  it('an event parameter of the wrong type, found by the validator', () => {
    const source = HEAD + WHEN + THEN.replace('warnBefore 4h', 'warnBefore true');
    const { issues } = validateRules(source);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ ...at(source, 6, 'true'), code: 'rules.param-invalid', zh: '参数 "warnBefore" 必须是文本，这里写的是 true' });
  });

  it('an unknown decision', () => {
    const source = (HEAD + WHEN + THEN).replace('decision reclaim', 'decision recycle');
    const { issues } = parseRules(source);
    expect(issues).toEqual([
      {
        ...at(source, 1, 'recycle'),
        endLine: 1,
        endColumn: 17,
        code: 'dsl.unknown-decision',
        message: 'unknown decision "recycle"; write one of assignment, grading, caps, approval, reclaim',
        zh: '无法识别的决策 "recycle"；请写以下之一：assignment（客户分配）、grading（客户分级）、caps（销售上限）、approval（报价审批）、reclaim（客户回收）',
      },
    ]);
  });

  it('a source that ends too early', () => {
    const source = HEAD + WHEN;
    const { issues } = parseRules(source);
    expect(issues[0]).toMatchObject({ code: 'dsl.missing-then', message: 'expected "then" but found the end', zh: '此处应为 "then"，但已到文件结尾' });
  });

  it('a value missing after the operator: the Chinese names what may come', () => {
    const source = HEAD + WHEN.replace('"A"', '') + THEN;
    const { issues } = parseRules(source);
    expect(issues[0]).toMatchObject({
      ...at(source, 6, 'then'),
      code: 'dsl.unexpected-token',
      message: 'expected quoted text, a number, "true", "false", "null", "[" or a name but found "then"',
      zh: '此处应为带引号的文字、一个数字、"true"、"false"、"null"、"[" 或一个名称，但写的是 "then"',
    });
  });

  it('text after the last rule', () => {
    const source = `${HEAD + WHEN + THEN}}`;
    const { issues } = parseRules(source);
    expect(issues[0]).toMatchObject({ ...at(source, 7, '}'), code: 'dsl.unexpected-input', zh: '此处应为 "rule" 或 "condition"，但写的是 "}"' });
  });

  // One source per code of the catalogue: [code, source, line, the text the issue starts at, Chinese].
  const SEMANTIC: [string, string, number, string, string][] = [
    ['dsl.unexpected-character', HEAD + WHEN.replace(' = ', ' = ~') + THEN, 5, '~', '无法识别的字符 "~"'],
    ['dsl.unterminated-string', HEAD + WHEN.replace('"A"', '"A') + THEN, 5, '"A', '这段文字缺少结尾的引号（"）'],
    ['dsl.unknown-annotation', HEAD + WHEN.replace('"A"', '"A" with label "x"') + THEN, 5, 'label', '"with" 后面只能写 name "…" 或 priority <数字>，不能写 "label"'],
    ['dsl.unknown-operator', HEAD + WHEN.replace('=', 'is') + THEN, 5, 'is', '无法识别的运算符 "is"（是不是要写 "in"？）；请写 =、!=、<、<=、>、>=、in、not in、contains、does not contain、before、after、on or before、on or after 之一'],
    ['dsl.missing-comparison', HEAD + WHEN.replace(' = "A"', '') + THEN, 5, 'customer.grade', '"customer.grade" 是一个字段，要和一个值比较，例如 customer.grade = "…"'],
    ['dsl.unknown-decision', (HEAD + WHEN + THEN).replace('reclaim', 'recycle'), 1, 'recycle', '无法识别的决策 "recycle"；请写以下之一：assignment（客户分配）、grading（客户分级）、caps（销售上限）、approval（报价审批）、reclaim（客户回收）'],
    ['dsl.unknown-hit-policy', (HEAD + WHEN + THEN).replace('collect', 'every'), 2, 'every', '无法识别的命中策略 "every"；请写 first（第一条满足条件的规则生效）或 collect（所有满足条件的规则都生效）'],
    ['dsl.dotted-name', HEAD + WHEN + THEN.replace('deadline', 'dead.line'), 6, 'dead.line', '名称中不能有 "."；请用反引号括起来：`dead.line`'],
    ['dsl.duplicate-parameter', HEAD + WHEN + THEN.replace('warnBefore 4h', 'warnBefore 4h warnBefore 5h'), 6, 'warnBefore 5h', '参数 "warnBefore" 写了两次'],
    ['dsl.unknown-connective', HEAD + WHEN.replace('"A"', '"A" adn customer.isNew = true') + THEN, 5, 'adn', '此处应为 "and"、"or" 或 "then"，但写的是 "adn"（是不是要写 "and"？）'],
    ['dsl.bad-duration', HEAD + WHEN + THEN.replace('duration 1d', 'duration 1y'), 6, '1y', '"y" 不是时间单位；请写 365d；时长写作数字加单位，例如 3d、12h、30m（单位：ms、s、m、h、d）'],
    ['dsl.unknown-event-type', HEAD + WHEN + '  then deadlin follow_up duration 1d\n', 6, 'deadlin', '无法识别的事件类型 "deadlin"；reclaim（客户回收）规则的事件类型只能是 "deadline" 或 "exempt"（是不是要写 "deadline"？）'],
    ['dsl.missing-parameter-value', HEAD + WHEN + `${THEN.trimEnd()} pool\n`, 6, 'pool', '参数 "pool" 缺少值，例如 pool "…"'],
    ['dsl.unknown-parameter', HEAD + WHEN + `${THEN}  colour\n`, 7, 'colour', '"colour" 不是 "deadline" 事件的参数（它的参数有 name、duration、from、warnBefore、workingDays、cooldown、reason、pool）；新规则要以 "rule" 开头'],
    ['dsl.non-ascii-name', HEAD + WHEN.replace('"A"', '甲') + THEN, 5, '甲', '"甲" 不是普通名称（只能有英文字母、数字和 "_"）：请用反引号括起来，`甲`；如果是文字，请用英文引号，"甲"'],
    ['dsl.full-width-punctuation', HEAD + WHEN.replace('"A"', '“A”') + THEN, 5, '“A”', '请使用英文（半角）标点：用 " 代替 “，用 " 代替 ”'],
    ['dsl.too-deep', HEAD + WHEN.replace('customer', '((((((((((((( customer').replace('"A"', '"A")))))))))))))') + THEN, 5, '( customer', '嵌套太深：括号、分组和 "not" 最多 12 层；请减少嵌套，或把一部分提取为命名条件（condition 名称 = …）'],
    ['dsl.duplicate-condition', HEAD.replace('\n\n', '\n\ncondition fresh = customer.isNew = true\ncondition fresh = customer.isNew = false\n') + WHEN + THEN, 5, 'fresh', '名为 "fresh" 的条件已经定义过了'],
  ];

  // Nesting hundreds of levels deep overflowed the parser's stack, which chevrotain reported as
  // "expected rule or condition" somewhere in the middle of the text.
  const L = 'customer.grade = "A"';
  const NESTED: [string, (n: number) => string, string][] = [
    ['parentheses', (n) => `${'('.repeat(n)}${L}${')'.repeat(n)}`, '('],
    ['and/or groups', (n) => Array.from({ length: n }).reduce<string>((s, _, i) => `(${L} ${i % 2 ? 'and' : 'or'} ${s})`, L), '('],
    ['any/all groups', (n) => Array.from({ length: n }).reduce<string>((s, _, i) => `${i % 2 ? 'all' : 'any'}(${L}, ${s})`, L), '('],
    ['not', (n) => `${'not '.repeat(n)}${L}`, 'not'],
    ['not (…)', (n) => `${'not ('.repeat(n)}${L}${')'.repeat(n)}`, 'not'],
    ['an unclosed parenthesis', (n) => `${'('.repeat(n)}${L}`, '('],
    ['lists', (n) => `customer.grade in ${'['.repeat(n)}"A"${']'.repeat(n)}`, '['],
  ];
  it.each(NESTED)('%s nested 50, 200 and 5,000 levels deep: one issue at the 13th level, with the limit', (_, nest, opening) => {
    for (const n of [50, 200, 5_000]) {
      const source = `${HEAD}  when ${nest(n)}\n${THEN}`;
      const { issues, document } = validateRules(source);
      expect(document).toBeUndefined();
      expect(issues).toHaveLength(1);
      const line = source.split('\n')[4]!;
      // The opening that goes past 12 levels: the 13th "(", "[" or "not" of the line.
      let column = 0;
      for (let k = 0; k < 13; k++) column = line.indexOf(opening, column) + 1;
      expect(issues[0]).toMatchObject({ code: 'dsl.too-deep', line: 5, column, message: expect.stringMatching(/^nested too deeply: at most 12 levels/), zh: expect.stringMatching(/^嵌套太深：.*最多 12 层/) });
    }
  });

  it('nesting up to the limit parses, and the validator counts the conditions it makes', () => {
    const source = `${HEAD}  when ${'all('.repeat(11)}${L}${')'.repeat(11)}\n${THEN}`;
    expect(validateRules(source).issues).toEqual([]);
    const deeper = `${HEAD}  when ${'all('.repeat(12)}${L}${')'.repeat(12)}\n${THEN}`;
    expect(validateRules(deeper).issues.map((i) => i.code)).toEqual(['rules.conditions-too-deep']);
  });

  it.each(SEMANTIC)('%s, in Chinese', (code, source, line, needle, zh) => {
    const issue = parseRules(source).issues.find((i) => i.code === code);
    expect(issue).toMatchObject({ ...at(source, line, needle), zh });
  });

  it('text the database cannot store, escaped in a string or a `name` or written raw (a comment keeps it), at the place it was written', () => {
    const cases: [string, number, string, string][] = [
      [HEAD + WHEN.replace('"A"', '"A\\u0000"') + THEN, 5, '\\u0000', 'text_nul'],
      [HEAD + WHEN.replace('"A"', '"A\\uD800"') + THEN, 5, '\\uD800', 'text_surrogate'],
      [HEAD + WHEN.replace('"A"', '"A\\ude00\\ud83d"') + THEN, 5, '\\ude00', 'text_surrogate'],
      [HEAD + WHEN.replace('"A"', '"A\\ud83d\\ud83d\\ude00"') + THEN, 5, '\\ud83d', 'text_surrogate'],
      [HEAD + WHEN.replace('customer.grade', '`cust\\u0000omer`.grade') + THEN, 5, '\\u0000', 'text_nul'],
      [HEAD.replace('"A daily"', '"A \\ud800 daily"') + WHEN + THEN, 4, '\\ud800', 'text_surrogate'],
      [`# a note \u0000 here\n${HEAD}${WHEN}${THEN}`, 1, '\u0000', 'text_nul'],
      [`${HEAD}${WHEN}${THEN}# trailing \ud800\n`, 7, '\ud800', 'text_surrogate'],
      [`${HEAD}${WHEN}${THEN}  # reason “x\ud800”\n`, 7, '\ud800', 'text_surrogate'],
    ];
    for (const [source, line, needle, code] of cases) {
      const { issues, document } = validateRules(source);
      expect(document, source).toBeUndefined();
      expect(issues, source).toContainEqual(expect.objectContaining({ ...at(source, line, needle), code }));
      const issue = issues.find((i) => i.code === code)!;
      expect(issue.message).toMatch(code === 'text_nul' ? /NUL character/ : /lone UTF-16 surrogate/);
      expect(issue.zh).toMatch(code === 'text_nul' ? /^含有 NUL 字符/ : /^不是格式正确的 Unicode/);
    }
    // A pair written as two escapes is one well-formed character.
    const pair = validateRules(HEAD.replace('"A daily"', '"A \\ud83d\\ude00 daily"') + WHEN + THEN);
    expect(pair.issues).toEqual([]);
    expect(pair.document?.rules[0]?.name).toBe('A \u{1F600} daily');
  });

  it('has a source for every code of the catalogue, and every code has English and Chinese', () => {
    expect(SEMANTIC.map(([code]) => code).sort()).toEqual(Object.keys(SOURCE_MESSAGES).sort());
    for (const [code, source] of SEMANTIC) {
      for (const issue of validateRules(source).issues) {
        expect(issue.message.length, code).toBeGreaterThan(0);
        expect(issue.zh, code).toMatch(/\p{Script=Han}/u);
      }
    }
  });
});
