import { describe, expect, it } from 'vitest';
import { changeText, outcomeText, type OutcomeWords } from './outcome-words.js';

const names: Record<string, string> = { follow_up: '跟进', first_follow_up: '首次跟进' };
const zh: OutcomeWords = {
  deadline: (name, at) => `${at} 前${names[name] ?? name}`,
  noDeadline: '无截止时间',
  exempt: (reason) => `豁免（${reason}）`,
};

describe('simulation outcomes in words', () => {
  it('a deadline by its name in words and the connecting word translated', () => {
    expect(outcomeText('follow_up by 2026-12-05 21:06 GMT+8', zh)).toBe('2026-12-05 21:06 GMT+8 前跟进');
    expect(changeText('follow_up by 2026-12-05 21:06 GMT+8 → first_follow_up by 2026-12-06 09:00 GMT+8', zh)).toBe(
      '2026-12-05 21:06 GMT+8 前跟进 → 2026-12-06 09:00 GMT+8 前首次跟进',
    );
  });

  it('no deadline and an exemption in words; anything else as sent', () => {
    expect(changeText('no deadline → exempt (key customer)', zh)).toBe('无截止时间 → 豁免（key customer）');
    expect(outcomeText('A', zh)).toBe('A');
    expect(changeText('A → B', zh)).toBe('A → B');
  });
});
