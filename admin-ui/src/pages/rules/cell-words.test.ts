import { describe, expect, it } from 'vitest';
import { customerFact } from '../../../../schemas/decisions/facts.js';
import { cellText, conditionWords, paramWords } from './cell-words.js';

const STAGE_FIELD_FOR_TEST = customerFact.fields.stage;
const yesNo = { yes: '是', no: '否', unknown: '未知' };

describe('a decision table cell in words', () => {
  it('names a stage, a list of stages and a flag in the reader’s language, and leaves other values as written', () => {
    const zh = conditionWords(STAGE_FIELD_FOR_TEST, 'zh');
    expect(cellText('inquiry', zh, yesNo)).toBe('询盘');
    expect(cellText(['inquiry', 'costing'], zh, yesNo)).toBe('询盘, 核价');
    expect(cellText('A', zh, yesNo)).toBe('A');
    expect(cellText(false, zh, yesNo)).toBe('否');
    expect(cellText(30, zh, yesNo)).toBe('30');
    expect(cellText(null, zh, yesNo)).toBe('未知');
    expect(cellText('inquiry', conditionWords(STAGE_FIELD_FOR_TEST, 'en'), yesNo)).toBe('inquiry');
  });

  it('names the shipped deadlines and reasons, and an admin’s own reason as written', () => {
    expect(cellText('first_follow_up', paramWords('name', 'zh'), yesNo)).toBe('首次跟进');
    expect(cellText('no_follow_up', paramWords('reason', 'zh'), yesNo)).toBe('未按时跟进');
    expect(cellText('won customers are protected', paramWords('reason', 'zh'), yesNo)).toBe('已成交客户受保护');
    expect(cellText('vip_hold', paramWords('reason', 'zh'), yesNo)).toBe('vip_hold');
    expect(cellText('7d', paramWords('duration', 'zh'), yesNo)).toBe('7d');
    expect(cellText('least_loaded', paramWords('strategy', 'zh'), yesNo)).toBe('负载最少优先');
    expect(cellText('stage', paramWords('from', 'en'), yesNo)).toBe('from the stage');
  });
});
