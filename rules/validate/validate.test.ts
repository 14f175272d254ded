import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultRuleSets } from '../defaults/index.js';
import { validateRuleSet } from './index.js';

describe('validateRuleSet', () => {
  it('accepts every shipped rule set', () => {
    for (const doc of Object.values(defaultRuleSets)) expect(validateRuleSet(doc)).toMatchObject({ ok: true });
  });

  it('never throws, whatever it is given, and every refusal has a pointer, a code and a Chinese message', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true }), (input) => {
        const r = validateRuleSet(input);
        if (!r.ok) {
          for (const issue of r.issues) {
            expect(typeof issue.pointer).toBe('string');
            expect(issue.code).toMatch(/^(rules\.|text_nul$|text_surrogate$)/);
            expect(issue.zh).toMatch(/\p{Script=Han}/u);
          }
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses any string or key the database cannot store (NUL, a lone surrogate), wherever it is, at its pointer', () => {
    const r = validateRuleSet({
      decision: 'grading',
      hitPolicy: 'first',
      description: 'ok \ud800',
      comments: { head: ['a\u0000'] },
      conditions: { big: { all: [{ fact: 'customer', path: '$.industry', operator: 'in', value: ['x', 'y\udc00'] }] } },
      rules: [{ name: 'bad\u0000name', conditions: { all: [] }, event: { type: 'grade', params: { grade: 'B', ['re\ud800']: 1 } } }],
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => [i.pointer, i.code])).toEqual([
      ['/description', 'text_surrogate'],
      ['/comments/head/0', 'text_nul'],
      ['/conditions/big/all/0/value/1', 'text_surrogate'],
      ['/rules/0/name', 'text_nul'],
      ['/rules/0/event/params/re\ud800', 'text_surrogate'],
    ]);
    expect(!r.ok && r.issues[0]).toMatchObject({ message: expect.stringMatching(/lone UTF-16 surrogate/), zh: expect.stringMatching(/^不是格式正确的 Unicode/) });
    expect(!r.ok && r.issues[4]).toMatchObject({ message: expect.stringMatching(/^the key /), zh: expect.stringMatching(/^键/) });
  });

  it('reports a condition tree that contains itself instead of looping', () => {
    const all: unknown[] = [];
    const cyclic = { all };
    all.push(cyclic);
    const r = validateRuleSet({ decision: 'grading', hitPolicy: 'first', rules: [{ conditions: cyclic, event: { type: 'grade', params: { grade: 'A' } } }] });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => i.message).join()).toMatch(/contains itself/);
  });

  it('reports named conditions that refer to each other in a circle', () => {
    const r = validateRuleSet({
      decision: 'grading',
      hitPolicy: 'first',
      conditions: { a: { all: [{ condition: 'b' }] }, b: { any: [{ condition: 'a' }] } },
      rules: [{ conditions: { all: [{ condition: 'a' }] }, event: { type: 'grade', params: { grade: 'A' } } }],
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0]).toMatchObject({ pointer: '/conditions/a', message: expect.stringMatching(/a → b → a/) });
  });

  it('stops at the issue limit on a document with thousands of faults', () => {
    const rules = Array.from({ length: 400 }, () => ({ conditions: { all: [{ fact: 'x', operator: 'y' }] }, event: { type: 'z' } }));
    const r = validateRuleSet({ decision: 'grading', hitPolicy: 'first', rules });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.length).toBe(200);
  });
});
