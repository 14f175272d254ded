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
});
