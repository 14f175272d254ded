// Dates a chart's axis shows are said in the UI's language, never as raw ISO dates.
import { describe, expect, it } from 'vitest';
import { asideText, dayLabels, moneyText, relativeText } from './format.js';

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

describe('time left until a deadline', () => {
  const zh = new Intl.RelativeTimeFormat('zh-CN', { numeric: 'always', style: 'narrow' });
  const en = new Intl.RelativeTimeFormat('en', { numeric: 'always', style: 'narrow' });
  it('says the nearest whole unit, so a fresh 3-day deadline reads as 3 days, as its date says', () => {
    expect(relativeText(3 * 86_400_000 - 60_000, zh)).toBe('3天后');
    expect(relativeText(3 * 86_400_000 - 60_000, en)).toBe('in 3d');
    expect(relativeText(36 * 3_600_000 - 1, en)).toBe('in 1d');
    expect(relativeText(-(5 * 3_600_000 + 40 * 60_000), en)).toBe('6h ago');
    expect(relativeText(90_000, en)).toBe('in 2m');
    expect(relativeText(20_000, en)).toBe('in 20s');
  });
});

describe('an amount of money', () => {
  it('shows a unit price with the decimals it was given, an amount with its currency’s', () => {
    expect(moneyText('en', 0.012, 'USD', { price: true })).toBe('$0.012');
    expect(moneyText('zh-CN', 0.012, 'USD', { price: true })).toBe('US$0.012');
    expect(moneyText('en', 42, 'USD', { price: true })).toBe('$42.00');
    expect(moneyText('en', 1200, 'USD')).toBe('$1,200.00');
    expect(moneyText('en', 1234.5678, 'EUR')).toBe('€1,234.57');
    expect(moneyText('en', 0.5, 'JPY', { price: true })).toBe('¥0.5');
  });
});

describe('a remark in brackets', () => {
  it('is written as each language writes one: a space and ASCII brackets in English, full-width brackets in Chinese', () => {
    expect(`v1${asideText('已发布', 'zh')}`).toBe('v1（已发布）');
    expect(`2026年12月6日 06:32${asideText('跟进', 'zh')}`).toBe('2026年12月6日 06:32（跟进）');
    expect(`v1${asideText('published', 'en')}`).toBe('v1 (published)');
  });
});
