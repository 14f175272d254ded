// Rule sets for tests: deadlines in seconds, caps by rep tag, assignment that keeps the pool.
import type { RuleSetDocument } from '../../schemas/rule-set.js';

export interface FastReclaim {
  firstFollowUp: string;
  cadence: Record<'A' | 'B' | 'C' | 'D' | 'E', string>;
  cooldown: string;
  /** Deal deadline from the claim; none when absent. */
  deal?: string;
}

const grade = (g: string) => ({ fact: 'customer', path: '$.grade', operator: 'equal' as const, value: g });
const notClaim = { fact: 'trigger', path: '$.type', operator: 'notEqual' as const, value: 'claim' };

/** The shipped reclaim policy's shape with durations of seconds. */
export function fastReclaim(overrides: Partial<FastReclaim> = {}): RuleSetDocument {
  const p: FastReclaim = {
    firstFollowUp: '4s',
    cadence: { A: '3s', B: '5s', C: '6s', D: '8s', E: '60s' },
    cooldown: '60s',
    ...overrides,
  };
  const followUp = (g: 'A' | 'B' | 'C' | 'D' | 'E') => ({
    name: `${g}: follow up`,
    conditions: { all: [notClaim, g === 'C' ? { any: [grade('C'), grade(null as unknown as string)] } : grade(g)] },
    event: { type: 'deadline', params: { name: 'follow_up', duration: p.cadence[g], reason: 'no_follow_up', cooldown: p.cooldown } },
  });
  return {
    decision: 'reclaim',
    hitPolicy: 'collect',
    rules: [
      { name: 'won exempt', priority: 100, conditions: { all: [{ fact: 'customer', path: '$.status', operator: 'equal', value: 'won' }] }, event: { type: 'exempt', params: { reason: 'won' } } },
      {
        name: 'first follow-up',
        conditions: { all: [{ fact: 'trigger', path: '$.type', operator: 'equal', value: 'claim' }] },
        event: { type: 'deadline', params: { name: 'first_follow_up', duration: p.firstFollowUp, reason: 'no_follow_up', cooldown: p.cooldown } },
      },
      followUp('A'),
      followUp('B'),
      followUp('C'),
      followUp('D'),
      followUp('E'),
      ...(p.deal
        ? [{ name: 'deal', conditions: { all: [] }, event: { type: 'deadline', params: { name: 'deal', duration: p.deal, from: 'claimed', reason: 'no_deal', cooldown: p.cooldown } } }]
        : []),
    ],
  } as unknown as RuleSetDocument;
}

export const keepInPool: RuleSetDocument = {
  decision: 'assignment',
  hitPolicy: 'first',
  rules: [{ name: 'everything stays in the pool', conditions: { all: [] }, event: { type: 'assign', params: { pool: 'default', reason: 'tests claim from the pool' } } }],
} as RuleSetDocument;

export interface CapCombo {
  privateMax: number;
  dailyClaimMax: number;
  keyMax: number;
}

export const capTag = (c: CapCombo) => `caps-${c.privateMax}-${c.dailyClaimMax}-${c.keyMax}`;

/** One rule per combination in use, matched by the rep's tag; everyone else gets `fallback`. */
export function capsByTag(combos: CapCombo[], fallback: CapCombo): RuleSetDocument {
  return {
    decision: 'caps',
    hitPolicy: 'first',
    rules: [
      ...combos.map((c) => ({
        name: capTag(c),
        priority: 100,
        conditions: { all: [{ fact: 'rep', path: '$.tags', operator: 'contains', value: capTag(c) }] },
        event: { type: 'cap', params: c },
      })),
      { name: 'everyone else', conditions: { all: [] }, event: { type: 'cap', params: fallback } },
    ],
  } as unknown as RuleSetDocument;
}
