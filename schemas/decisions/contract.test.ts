import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OPERATORS } from '../rule-set.js';
import type { Localized } from './contract.js';
import { operatorLabels } from './contract.js';
import { contracts } from './index.js';

const HAN = /\p{Script=Han}/u;

/** Every Localized text in the contracts, with where it is. */
function texts(): [string, Localized][] {
  const out: [string, Localized][] = [];
  for (const c of Object.values(contracts)) {
    out.push([`${c.name}.label`, c.label], [`${c.name}.description`, c.description], [`${c.name}.whenNothingFires`, c.whenNothingFires]);
    for (const [f, fact] of Object.entries(c.facts)) {
      out.push([`${c.name}.${f}`, fact.label], [`${c.name}.${f}.description`, fact.description]);
      for (const [k, spec] of Object.entries(fact.fields)) out.push([`${c.name}.${f}.${k}`, spec.label], [`${c.name}.${f}.${k}.description`, spec.description]);
    }
    for (const [t, e] of Object.entries(c.events)) {
      out.push([`${c.name}.${t}`, e.label], [`${c.name}.${t}.description`, e.description]);
      for (const [k, p] of Object.entries(e.paramLabels)) out.push([`${c.name}.${t}.${k}`, p.label], [`${c.name}.${t}.${k}.description`, p.description]);
    }
  }
  return out;
}

describe('the decision contracts in words', () => {
  it('give every decision, fact, field, event and param an English and a Chinese text', () => {
    const bad = texts().filter(([, l]) => !l.en.trim() || !HAN.test(l.zh) || HAN.test(l.en)).map(([where]) => where);
    expect(bad).toEqual([]);
  });

  it('show no internal section marks such as "(R6)"', () => {
    const marked = texts().filter(([, l]) => /\bR\d+\b/.test(l.en) || /\bR\d+\b/.test(l.zh)).map(([where]) => where);
    expect(marked).toEqual([]);
  });

  it('label exactly the params each event schema has', () => {
    for (const c of Object.values(contracts)) {
      for (const [type, e] of Object.entries(c.events)) {
        const schema = z.toJSONSchema(e.params, { io: 'input', unrepresentable: 'any' }) as { properties: Record<string, unknown> };
        expect(Object.keys(e.paramLabels).sort(), `${c.name}.${type}`).toEqual(Object.keys(schema.properties).sort());
      }
    }
  });

  it('name every operator by its rules-language spelling and in both languages', () => {
    expect(Object.keys(operatorLabels).sort()).toEqual([...OPERATORS].sort());
    expect(operatorLabels.lessThanInclusive).toEqual({ text: '<=', en: 'at most', zh: '小于等于' });
    expect(operatorLabels.notIn.text).toBe('not in');
  });
});
