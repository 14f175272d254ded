// Dates a chart's axis shows are said in the UI's language, never as raw ISO dates.
import { describe, expect, it } from 'vitest';
import { dayLabels } from './format.js';

describe('a chart’s days', () => {
  it('are said in the UI’s language, on the day the report gave (no time-zone shift)', () => {
    expect(dayLabels(['2026-12-07', '2026-12-14'], 'zh-CN')).toEqual(['12月7日', '12月14日']);
    expect(dayLabels(['2026-12-07', '2026-12-14'], 'en')).toEqual(['Dec 7', 'Dec 14']);
    for (const label of dayLabels(['2026-01-01', '2026-06-30'], 'zh-CN')) expect(label).not.toMatch(/\d{4}-\d\d-\d\d/);
  });

  it('say the year when the days span two', () => {
    expect(dayLabels(['2026-12-28', '2027-01-04'], 'zh-CN')).toEqual(['2026年12月28日', '2027年1月4日']);
    expect(dayLabels(['2026-12-28', '2027-01-04'], 'en')).toEqual(['Dec 28, 2026', 'Jan 4, 2027']);
  });
});
