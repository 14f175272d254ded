import { beforeAll, describe, expect, it } from 'vitest';
import { factFieldText, factValueText, labelsLoaded, operatorText, paramsText } from './outcome-params.js';

beforeAll(() => labelsLoaded);

describe("a fired rule's params in words", () => {
  it('in Chinese: the param names and a shipped reason in Chinese', () => {
    expect(paramsText({ grade: 'B', reason: 'expected to close within 1 month' }, 'zh')).toBe('（等级 B，原因 预计 1 个月内成交）');
    expect(paramsText({ grade: 'A' }, 'zh')).toBe('（等级 A）');
  });

  it('in Chinese: a deadline’s coded name, reason and start, and a strategy, in words', () => {
    expect(paramsText({ name: 'first_follow_up', reason: 'no_follow_up' }, 'zh')).toBe('（名称 首次跟进，原因 未按时跟进）');
    expect(paramsText({ strategy: 'round_robin', from: 'stage' }, 'zh')).toBe('（分配方式 轮流分配，起算时间 从进入当前阶段起算）');
  });

  it('in English as the contracts name them; unknown params and values as sent; none, nothing', () => {
    expect(paramsText({ grade: 'B', reason: 'expected to close within 1 month' }, 'en')).toBe(' (grade B, reason expected to close within 1 month)');
    expect(paramsText({ privateMax: 5, custom: { a: 1 } }, 'en')).toBe(' (private cap 5, custom {"a":1})');
    expect(paramsText({}, 'zh')).toBe('');
    expect(paramsText(undefined, 'en')).toBe('');
  });
});

describe("an explanation's condition in words", () => {
  it('names the field and operator by their labels and a value with its words', () => {
    expect(factFieldText('reclaim', 'customer', '$.status', 'zh')).toMatch(/客户状态$/);
    expect(operatorText('equal', 'zh')).toBe('等于');
    expect(operatorText('greaterThanInclusive', 'en')).toBe('at least');
    expect(factValueText('reclaim', 'customer', '$.status', 'won', 'zh')).toBe('"won"（已成交）');
    expect(factValueText('reclaim', 'customer', '$.status', 'owned', 'zh')).toBe('"owned"（私有）');
    // Words that say no more than the value are not repeated.
    expect(factValueText('reclaim', 'customer', '$.status', 'owned', 'en')).toBe('"owned"');
  });

  it('keeps what no contract names as written', () => {
    expect(factFieldText('reclaim', 'customer', '$.noSuchField', 'zh')).toBe('customer $.noSuchField');
    expect(factFieldText('nope', 'customer', '$.status', 'en')).toBe('customer $.status');
    expect(factValueText('reclaim', 'customer', '$.country', 'DE', 'zh')).toBe('"DE"');
    expect(operatorText('sameAs', 'zh')).toBe('sameAs');
  });
});
