import { describe, expect, it } from 'vitest';
import { formatRules } from './format-rules.js';

const tidy = `# grading

decision grading
hit policy first

# the estimate counts first
rule "Close within 1 month: A" priority 90
  when customer.expectedCloseDays <= 30
    and customer.noDemand = false
  then grade A reason "within  1 month" # two spaces kept in quotes

rule "Everyone else: C" priority 1
  when always
  then grade C
`;

describe('formatRules', () => {
  it('leaves tidy source as it is', () => {
    expect(formatRules(tidy)).toBe(tidy);
  });

  it('re-indents, collapses spaces between tokens and blank lines, and puts a blank line before each rule', () => {
    const messy = `# grading\r\n\r\n\r\n  decision   grading\nhit policy first\n# the estimate counts first\nrule "Close within 1 month: A"   priority 90\nwhen customer.expectedCloseDays <=  30\n and customer.noDemand = false\n      then grade A reason "within  1 month"    # two spaces kept in quotes\nrule "Everyone else: C" priority 1\n\twhen always\n  then grade C   \n\n\n`;
    expect(formatRules(messy)).toBe(tidy);
  });

  it('keeps backtick names, escaped quotes and comments as written', () => {
    const src = 'rule "a \\"b\\"   c" priority 1\n  when `odd  name`.x = 1 #  note   here\n  then grade A\n';
    expect(formatRules(src)).toBe(src);
  });

  it('formats the empty text as empty', () => {
    expect(formatRules('\n\n')).toBe('');
  });
});
