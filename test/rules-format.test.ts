// The editor's formatter (admin-ui) changes layout only: formatted source says what the source said,
// for every shipped set and generated documents, and formatting twice changes nothing more.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRules } from '../admin-ui/src/pages/rules/format-rules.js';
import { anyRuleSet } from '../rules/engine/testing/rule-set-arbitraries.js';
import { parseRules, printRules } from '../rules/dsl/index.js';

describe('formatting rules-language source', () => {
  it('keeps each shipped set’s document and comments', () => {
    for (const decision of ['assignment', 'grading', 'caps', 'approval', 'reclaim']) {
      const source = readFileSync(new URL(`../rules/defaults/${decision}.rules`, import.meta.url), 'utf8');
      const formatted = formatRules(source);
      expect(parseRules(formatted).document).toEqual(parseRules(source).document);
      expect(formatted.match(/#/g)?.length).toBe(source.match(/#/g)?.length);
      expect(formatRules(formatted)).toBe(formatted);
    }
  });

  it('keeps the document of any printed rule set, scrambled or not', () => {
    fc.assert(
      fc.property(anyRuleSet, fc.integer({ min: 0, max: 3 }), (doc, spaces) => {
        const scrambled = printRules(doc)
          .split('\n')
          .map((l) => ' '.repeat(spaces) + l)
          .join('\n\n');
        const formatted = formatRules(scrambled);
        expect(parseRules(formatted).document).toEqual(doc);
        expect(formatRules(formatted)).toBe(formatted);
      }),
      { numRuns: 2_000 },
    );
  });
});
