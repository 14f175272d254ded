// The rules language loses nothing: every generated document prints to source that parses back to it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyRuleSet } from '../engine/testing/rule-set-arbitraries.js';
import { parseRules, printRules } from './index.js';

describe('rules language round trip', () => {
  it('parse(print(doc)) equals doc and printing is stable', () => {
    fc.assert(
      fc.property(anyRuleSet, (doc) => {
        const source = printRules(doc);
        const parsed = parseRules(source);
        expect(parsed.issues).toEqual([]);
        // Canonical form = the document itself up to key order (toEqual ignores key order; -0 and 0 differ).
        expect(parsed.document).toEqual(doc);
        expect(printRules(parsed.document!)).toBe(source);
      }),
      { numRuns: 10_000 },
    );
  }, 120_000);

  it('deadline and grade events keep their parameters through the short spellings (positional name, in, warn)', () => {
    const value = fc.constantFrom<unknown>('follow_up', '3d', 'in', 'warn', 'name', 'x y', 'rule', '', 1, -0, true, null, ['a', 2], { k: 'v' });
    const params = fc.dictionary(fc.constantFrom('name', 'duration', 'warnBefore', 'in', 'warn', 'reason', 'from', 'grade', ''), value);
    const withDeadlines = fc.tuple(anyRuleSet, fc.array(fc.option(params, { nil: undefined }), { minLength: 9, maxLength: 9 })).map(([doc, all]) => ({
      ...doc,
      rules: doc.rules.map((r, i) => ({ ...r, event: all[i] === undefined ? { type: i % 2 ? 'grade' : 'deadline' } : { type: i % 2 ? 'grade' : 'deadline', params: all[i] } })),
    }));
    fc.assert(
      fc.property(withDeadlines, (doc) => {
        const source = printRules(doc);
        const parsed = parseRules(source);
        expect(parsed.issues).toEqual([]);
        expect(parsed.document).toEqual(doc);
        expect(printRules(parsed.document!)).toBe(source);
      }),
      { numRuns: 2_000 },
    );
  }, 60_000);
});
