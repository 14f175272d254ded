// Broken source never throws: every mistake comes back as issues with positions inside the source.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyRuleSet } from '../engine/testing/rule-set-arbitraries.js';
import { parseRules, printRules, validateRules } from './index.js';

/** Printed source with a slice cut out or replaced by a few characters. */
const damaged = fc
  .tuple(anyRuleSet, fc.nat(), fc.nat({ max: 12 }), fc.string({ maxLength: 4 }))
  .map(([doc, start, length, insert]) => {
    const source = printRules(doc);
    const at = start % (source.length + 1);
    return source.slice(0, at) + insert + source.slice(at + length);
  });

describe('rules language on broken source', () => {
  it('reports issues instead of throwing, at positions within the source, in English and Chinese', () => {
    fc.assert(
      fc.property(damaged, (source) => {
        const lines = source.split('\n').length;
        for (const result of [parseRules(source), validateRules(source)]) {
          if (result.issues.length > 0) expect(result.document).toBeUndefined();
          for (const issue of result.issues) {
            expect(issue.line).toBeGreaterThanOrEqual(1);
            expect(issue.line).toBeLessThanOrEqual(lines);
            expect(issue.column).toBeGreaterThanOrEqual(1);
            expect(issue.message.length).toBeGreaterThan(0);
            expect(issue.zh).toMatch(/\p{Script=Han}/u);
          }
        }
      }),
      { numRuns: 1_000 },
    );
    // 1,000 damaged sources: about 3 s alone, more on a loaded 2-core machine.
  }, 60_000);
});
