import { describe, expect, it } from 'vitest';
import type { RuleSetDocument } from '../schemas/rule-set.js';
import { diffRuleSets } from './diff.js';

const rule = (name: string, grade: string, priority = 1) => ({
  name,
  priority,
  conditions: { all: [{ fact: 'customer', path: '$.expectedCloseDays', operator: 'lessThan' as const, value: 30 }] },
  event: { type: 'grade', params: { grade } },
});
const doc = (rules: ReturnType<typeof rule>[]): RuleSetDocument => ({ decision: 'grading', hitPolicy: 'first', rules });

describe('diffRuleSets', () => {
  it('reports added, removed, changed and unchanged rules by name', () => {
    const d = diffRuleSets(doc([rule('a', 'A'), rule('b', 'B'), rule('c', 'C')]), doc([rule('a', 'A'), rule('b', 'A', 5), rule('d', 'D')]));
    expect(d.summary).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 1 });
    const b = d.rules.find((r) => r.key === 'b')!;
    expect(b.changes.map((c) => c.field)).toEqual(['priority', 'event.params']);
    expect(b.changes[1]).toMatchObject({ before: { grade: 'B' }, after: { grade: 'A' } });
  });

  it('sees a moved rule', () => {
    const d = diffRuleSets(doc([rule('a', 'A'), rule('b', 'B')]), doc([rule('b', 'B'), rule('a', 'A')]));
    expect(d.rules.every((r) => r.status === 'changed' && r.changes[0]!.field === 'position')).toBe(true);
  });

  it('finds nothing between a document and itself', () => {
    const d = diffRuleSets(doc([rule('a', 'A')]), doc([rule('a', 'A')]));
    expect(d.summary).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 1 });
  });
});
