// Each shipped rule set's .rules source parses to exactly its shipped JSON document.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultRuleSets } from '../defaults/index.js';
import { parseRules, printRules } from './index.js';
import type { RuleSetDocument } from '../../schemas/rule-set.js';

describe('shipped rule sets in the rules language', () => {
  for (const [decision, json] of Object.entries(defaultRuleSets)) {
    it(`${decision}.rules is ${decision}.json`, () => {
      const source = readFileSync(new URL(`../defaults/${decision}.rules`, import.meta.url), 'utf8');
      const parsed = parseRules(source);
      expect(parsed.issues).toEqual([]);
      expect(parsed.document).toEqual(json);
      // Printing the parsed document gives the canonical source, with every comment.
      expect(printRules(parsed.document!)).toBe(printRules(json as RuleSetDocument));
    });
  }
});
