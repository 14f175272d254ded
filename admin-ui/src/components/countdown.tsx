// Time left until a deadline; red (and announced as urgent) under three days, and once overdue.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format.js';

const URGENT_MS = 3 * 24 * 60 * 60 * 1000;

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function Countdown({ deadline }: { deadline: string | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const now = useNow(30_000);
  if (!deadline) return <span>—</span>;
  const left = new Date(deadline).getTime() - now;
  const urgent = left < URGENT_MS;
  return (
    <span className={urgent ? 'countdown urgent' : 'countdown'} data-urgent={urgent} title={f.dateTime(deadline)}>
      {left < 0 ? `${t('mine.overdue')}${f.aside(f.relative(left))}` : f.relative(left)}
    </span>
  );
}
