// Mistakes in rules source are reported at the line and column where they were written.
import { describe, expect, it } from 'vitest';
import { parseRules, validateRules } from './index.js';

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
    expect(issues[0]).toMatchObject({ ...at(source, 6, 'deadline'), code: 'dsl.missing-then', message: 'expected "then" but found "deadline"' });
  });

  it('a misspelt operator', () => {
    const source = HEAD + WHEN.replace('=', 'equals') + THEN;
    const { issues } = parseRules(source);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ ...at(source, 5, 'equals'), code: 'dsl.unknown-operator' });
    expect(issues[0]!.message).toContain('unknown operator "equals"');
  });

  it('an unterminated string', () => {
    const source = HEAD + WHEN.replace('"A"', '"A') + THEN;
    const { issues } = parseRules(source);
    expect(issues[0]).toMatchObject({ ...at(source, 5, '"A'), code: 'dsl.unterminated-string' });
  });

  it('an unknown fact, found by the validator', () => {
    const source = HEAD + WHEN.replace('customer', 'client') + THEN;
    expect(parseRules(source).issues).toEqual([]);
    const { issues } = validateRules(source);
    expect(issues[0]).toMatchObject({ ...at(source, 5, 'client.grade'), code: 'rules.invalid' });
    expect(issues[0]!.message).toContain('unknown fact "client"');
  });

  it('an event parameter of the wrong type, found by the validator', () => {
    const source = HEAD + WHEN + THEN.replace('warnBefore 4h', 'warnBefore true');
    const { issues } = validateRules(source);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ ...at(source, 6, 'true'), code: 'rules.invalid' });
  });
});
