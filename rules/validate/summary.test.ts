// The one-line summary of a refused rule set is written wholly in the caller's language.
import { describe, expect, it } from 'vitest';
import { problemsSummary } from './summary.js';

const issues = [
  { pointer: '/source', message: '缺少参数 "grade"', line: 5, column: 7 },
  { pointer: '/source', message: '…', line: 6, column: 1 },
];

describe('problems summary', () => {
  it('in Chinese, with the line and column', () => {
    expect(problemsSummary(issues, 'zh')).toBe('规则集有 2 处问题；第一处在第 5 行第 7 列：缺少参数 "grade"');
  });

  it('in English, as before', () => {
    expect(problemsSummary([{ pointer: '/rules/0', message: 'x' }], 'en')).toBe('The rule set has 1 problem; first: /rules/0 x');
    expect(problemsSummary(issues.map((i) => ({ ...i, message: 'y' })), 'en')).toBe('The rule set has 2 problems; first: line 5, column 7: y');
  });

  it('in Chinese, with a pointer', () => {
    expect(problemsSummary([{ pointer: '', message: '规则集至少要有一条规则' }], 'zh')).toBe('规则集有 1 处问题；第一处在 (document)：规则集至少要有一条规则');
  });
});
