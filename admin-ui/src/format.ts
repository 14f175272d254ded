// Dates, numbers and durations in the current language, through the browser's Intl.
import { useTranslation } from 'react-i18next';
import { repLabel } from '../../schemas/rep-label.js';
import { type ContentLanguage, contentLanguage } from './i18n/language.js';

/**
 * Calendar days as the axis of a chart names them, in `locale` ("Jan 12" / "1月12日"): the days
 * are dates (YYYY-MM-DD, already in the viewer's time zone), so they are read and said in UTC and
 * never shift a day; the year is said when the days span more than one.
 *
 * @example
 * dayLabels(['2026-12-30', '2027-01-06'], 'zh-CN'); // ['2026年12月30日', '2027年1月6日']
 */
export function dayLabels(days: readonly string[], locale: string): string[] {
  const years = new Set(days.map((d) => d.slice(0, 4)));
  const format = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'short', day: 'numeric', ...(years.size > 1 ? { year: 'numeric' } : {}) });
  return days.map((d) => {
    const at = Date.parse(`${d}T00:00:00Z`);
    return Number.isNaN(at) ? d : format.format(at);
  });
}

/**
 * An amount in its currency, in `locale`; a unit price (`price`) with every decimal it was given
 * (up to 6: a screw at 0.012 is not shown as 0.01), an amount with the currency's own decimals.
 * A code the browser does not know is written before the number.
 *
 * @example
 * moneyText('en', 0.012, 'USD', { price: true }); // '$0.012'
 */
export function moneyText(locale: string, amount: number, currency: string, options: { price?: boolean } = {}): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, ...(options.price ? { maximumFractionDigits: 6 } : {}) }).format(amount);
  } catch {
    return `${currency} ${new Intl.NumberFormat(locale, options.price ? { maximumFractionDigits: 6 } : {}).format(amount)}`;
  }
}

export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const number = new Intl.NumberFormat(locale);
  const duration = new Intl.RelativeTimeFormat(locale, { numeric: 'always', style: 'narrow' });
  return {
    locale,
    dateTime: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '—'),
    date: (iso: string | null | undefined) => (iso ? date.format(new Date(iso)) : '—'),
    percent: (v: number | null) => (v === null ? '—' : percent.format(v)),
    number: (v: number) => number.format(v),
    /** Calendar days (YYYY-MM-DD) for a chart's axis (dayLabels). */
    days: (days: readonly string[]) => dayLabels(days, locale),
    /** A rep as people read them, as the server's texts name reps: the name with the id beside it (schemas/rep-label). */
    rep: (id: string | null | undefined, name?: string | null) => (id ? repLabel({ id, name }, contentLanguage(locale)) : '—'),
    /** A remark in brackets after what it is about (asideText): " (follow-up)" / "（跟进）". */
    aside: (text: string | number) => asideText(String(text), contentLanguage(locale)),
    /** "in 3 days" / "3 hours ago", in the largest unit it reaches (relativeText). */
    relative: (ms: number) => relativeText(ms, duration),
  };
}

/**
 * A remark in brackets after the text it is about, as the language writes one: a space and ASCII
 * brackets in English, full-width brackets (which carry their own spacing) in Chinese; the same
 * punctuation as the `common.aside` text and as repLabel's id beside a name.
 *
 * @example
 * asideText('v1', 'en'); // ' (v1)'
 * asideText('v1', 'zh'); // '（v1）'
 */
export function asideText(text: string, language: ContentLanguage): string {
  return language === 'zh' ? `（${text}）` : ` (${text})`;
}

/**
 * `ms` from now in the largest unit it reaches, rounded to the nearest: 2 days 23 hours is "in 3
 * days", as the date beside it says, not "in 2 days".
 *
 * @example
 * relativeText(2.99 * 86_400_000, new Intl.RelativeTimeFormat('zh-CN', { numeric: 'always', style: 'narrow' })); // '3天后'
 */
export function relativeText(ms: number, format: Intl.RelativeTimeFormat): string {
  const abs = Math.abs(ms);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000]];
  for (const [unit, size] of units) if (abs >= size) return format.format(Math.round(ms / size), unit);
  return format.format(Math.round(ms / 1000), 'second');
}
