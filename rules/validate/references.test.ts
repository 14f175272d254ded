// The reps, teams and pools a rule set names must exist: an unknown id is refused where it was
// written (JSON pointer, or line and column in the rules language), with the nearest id that exists;
// a deactivated rep is a warning; without the ids the check is not made.
import { describe, expect, it } from 'vitest';
import { referenceWarnings } from '../analyze/references.js';
import { validateRules } from '../dsl/index.js';
import { validateRuleSet } from './index.js';
import type { KnownIds } from './references.js';

const known: KnownIds = {
  reps: new Map([['li-wei', { active: true }], ['chen', { active: false }], ['anna', { active: true }]]),
  teams: new Set(['emea', 'apac']),
  pools: new Set(['default', 'cold']),
};

const assignment = `decision assignment
hit policy first

rule "Germany to Li" priority 30
  when customer.country = "DE"
  then assign rep "li-wie" strategy direct

rule "Asia to the team" priority 20
  when customer.region = "ASIA"
  then assign team apca

rule "Returned from the cold pool" priority 10
  when customer.poolId in ["cold", "frozen"] and trigger.previousOwnerId != "chen"
  then assign pool colt

rule "Everyone else" priority 1
  when always
  then assign strategy round_robin
`;

describe('reps, teams and pools a rule set names', () => {
  it('refuses each unknown id at its line and column, with the id meant, in English and Chinese', () => {
    const { issues } = validateRules(assignment, { known });
    expect(issues.map(({ code, line, column }) => ({ code, line, column }))).toEqual([
      { code: 'rules.unknown-rep', line: 6, column: 19 },
      { code: 'rules.unknown-team', line: 10, column: 20 },
      { code: 'rules.unknown-pool', line: 13, column: 27 },
      { code: 'rules.unknown-pool', line: 14, column: 20 },
    ]);
    expect(issues[0]).toMatchObject({
      message: 'no rep has the id "li-wie" (did you mean "li-wei"?); a rule can name only a rep that exists',
      zh: '没有 ID 为 "li-wie" 的业务员（是不是要写 "li-wei"？）；规则只能指定已存在的业务员',
    });
    expect(issues[2]!.message).toBe('no pool has the id "frozen"; a rule can name only a pool that exists');
    expect(issues[3]!.zh).toBe('没有 ID 为 "colt" 的公海（是不是要写 "cold"？）；规则只能指定已存在的公海');
  });

  it('refuses a JSON document at the pointer of each unknown id: an approver, a deadline pool, a named condition', () => {
    const approval = {
      decision: 'approval',
      hitPolicy: 'collect',
      rules: [{ conditions: { all: [] }, event: { type: 'require_approval', params: { level: 1, rep: 'nobody', timeout: '1d' } } }],
    };
    const reclaim = {
      decision: 'reclaim',
      hitPolicy: 'collect',
      conditions: { mine: { all: [{ fact: 'rep', path: '$.teamId', operator: 'equal', value: 'emae' }] } },
      rules: [{ conditions: { condition: 'mine' }, event: { type: 'deadline', params: { name: 'follow_up', duration: '3d', pool: 'attic' } } }],
    };
    const refused = (doc: unknown) => {
      const result = validateRuleSet(doc, { known });
      return result.ok ? [] : result.issues.map((i) => [i.pointer, i.code]);
    };
    expect(refused(approval)).toEqual([['/rules/0/event/params/rep', 'rules.unknown-rep']]);
    expect(refused(reclaim)).toEqual([
      ['/conditions/mine/all/0/value', 'rules.unknown-team'],
      ['/rules/0/event/params/pool', 'rules.unknown-pool'],
    ]);
  });

  it('accepts ids that exist, and makes no check without the ids (simulating a draft for reps to come)', () => {
    const fixed = assignment.replace('li-wie', 'li-wei').replace('apca', 'apac').replace(', "frozen"', '').replace('colt', 'cold');
    expect(validateRules(fixed, { known }).issues).toEqual([]);
    expect(validateRules(assignment).issues).toEqual([]);
  });

  it('warns of a deactivated rep, at each place that names them', () => {
    const fixed = assignment.replace('li-wie', 'chen').replace('apca', 'apac').replace(', "frozen"', '').replace('colt', 'cold');
    const { document } = validateRules(fixed, { known });
    expect(referenceWarnings(document!, known)).toEqual([
      {
        pointer: '/rules/0/event/params/rep',
        code: 'analysis.inactive-rep',
        message: 'Rep "chen" is deactivated: until reactivated they get no customers and cannot act on approvals, though this rule names them',
        zh: '业务员 "chen" 已停用：在重新启用之前不会分到客户，也不能处理审批，但这条规则仍指定了他',
      },
      expect.objectContaining({ pointer: '/rules/2/conditions/all/1/value', code: 'analysis.inactive-rep' }),
    ]);
  });
});
