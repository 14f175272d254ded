import { beforeAll, describe, expect, it } from 'vitest';
import { labelsLoaded, paramsText } from './outcome-params.js';

beforeAll(() => labelsLoaded);

describe("a fired rule's params in words", () => {
  it('in Chinese: the param names and a shipped reason in Chinese', () => {
    expect(paramsText({ grade: 'B', reason: 'expected to close within 1 month' }, 'zh')).toBe('（等级 B，原因 预计 1 个月内成交）');
    expect(paramsText({ grade: 'A' }, 'zh')).toBe('（等级 A）');
  });

  it('in English as the contracts name them; unknown params and values as sent; none, nothing', () => {
    expect(paramsText({ grade: 'B', reason: 'expected to close within 1 month' }, 'en')).toBe(' (grade B, reason expected to close within 1 month)');
    expect(paramsText({ privateMax: 5, custom: { a: 1 } }, 'en')).toBe(' (private cap 5, custom {"a":1})');
    expect(paramsText({}, 'zh')).toBe('');
    expect(paramsText(undefined, 'en')).toBe('');
  });
});
