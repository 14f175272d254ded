// Dates, numbers and durations in the current language, through the browser's Intl.
import { useTranslation } from 'react-i18next';
import { repLabel } from '../../schemas/rep-label.js';
import { contentLanguage } from './i18n/language.js';

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
    /** A rep as people read them, as the server's texts name reps: the name with the id beside it (schemas/rep-label). */
    rep: (id: string | null | undefined, name?: string | null) => (id ? repLabel({ id, name }, contentLanguage(locale)) : '—'),
    /** "in 2 days" / "3 hours ago", in the largest whole unit. */
    relative(ms: number) {
      const abs = Math.abs(ms);
      const units: [Intl.RelativeTimeFormatUnit, number][] = [['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000]];
      for (const [unit, size] of units) if (abs >= size) return duration.format(Math.trunc(ms / size), unit);
      return duration.format(Math.trunc(ms / 1000), 'second');
    },
  };
}
