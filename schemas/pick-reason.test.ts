import { describe, expect, it } from 'vitest';
import { type PickReason, pickReasonText, storedReasonText } from './pick-reason.js';

const reasons: PickReason[] = [
  { code: 'no_rule' },
  { code: 'not_assigned', via: 'import' },
  { code: 'not_assigned', via: 'create' },
  { code: 'kept_in_pool', pool: 'emea' },
  { code: 'strategy', strategy: 'round_robin' },
  { code: 'won_stays', strategy: 'least_loaded' },
  { code: 'nobody', target: { kind: 'any' }, considered: 3, skipped: { inactive: 1, 'on leave': 1, 'at their cap': 1 } },
  { code: 'nobody', target: { kind: 'team', id: 'emea' }, considered: 0, skipped: {} },
  { code: 'rep_refused', repId: 'li', refusal: 'CAP_REACHED', message: 'Private cap reached (30 of 30).' },
];

describe('why the assignment rules picked nobody (or somebody), in the reader\'s language', () => {
  it('says it in English as it was always recorded', () => {
    expect(reasons.map((r) => pickReasonText(r, 'en'))).toEqual([
      'no assignment rule fired',
      'imported with "assign": false',
      'created with "assign": false',
      'the assignment rules keep it in pool emea',
      'round robin',
      'a won customer goes only to a contributor (the rule says least loaded): its owner keeps it',
      'no eligible rep for any rep: 1 inactive, 1 on leave, 1 at their cap',
      'no eligible rep: team emea has no reps',
      'li could not take it: Private cap reached (30 of 30).',
    ]);
  });

  it('says it in Chinese without English words (ids and quoted JSON aside)', () => {
    const zh = reasons.map((r) => pickReasonText(r, 'zh'));
    expect(zh[0]).toBe('没有分配规则适用');
    expect(zh[6]).toBe('没有可分配的业务员（任何业务员）：1 人已停用，1 人休假中，1 人私海已满');
    expect(zh[8]).toBe('li 无法接收（私海已满），客户留在公海');
    for (const text of zh) expect(text.replace(/"assign": false|emea/g, '')).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('names the rep who could not take it by name beside the id, and by the id alone in a reason stored without the name', () => {
    const refused: PickReason = { code: 'rep_refused', repId: 'li', repName: 'Li Wei', refusal: 'CAP_REACHED', message: 'Private cap reached (30 of 30).' };
    expect(pickReasonText(refused, 'en')).toBe('Li Wei (li) could not take it: Private cap reached (30 of 30).');
    expect(pickReasonText(refused, 'zh')).toBe('Li Wei（li） 无法接收（私海已满），客户留在公海');
    expect(pickReasonText({ ...refused, repName: undefined }, 'en')).toBe('li could not take it: Private cap reached (30 of 30).');
  });

  it("quotes a rule's own reason as written, and tells reasons stored before the code by their words", () => {
    expect(pickReasonText({ code: 'rule', text: 'VIP 客户给资深业务员' }, 'en')).toBe('VIP 客户给资深业务员');
    expect(storedReasonText('no assignment rule fired', null, 'zh')).toBe('没有分配规则适用');
    expect(storedReasonText('imported with "assign": false', undefined, 'zh')).toMatch(/^导入时选择不分配/);
    expect(storedReasonText('a typed reason', undefined, 'zh')).toBe('a typed reason');
  });
});
