// Reclaims per day or week, stacked by reason; the axis says each bucket's first day in the UI's language.
import { Bar } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import type { ReclaimsReport } from '../api/types.js';
import { PALETTE } from './setup.js';
import { useCodeText } from '../i18n/codes.js';
import { useFormat } from '../format.js';

export function ReclaimsChart({ report }: { report: ReclaimsReport }) {
  const { t } = useTranslation();
  const code = useCodeText();
  const f = useFormat();
  return (
    <div className="chart" role="img" aria-label={t('dashboard.reclaims')}>
      <Bar
        data={{
          // The first day of each day or week, in the UI's language.
          labels: f.days(report.series.map((s) => s.start)),
          datasets: report.reasons.map((r, i) => ({
            label: code('reason', r.reason),
            data: report.series.map((s) => s.counts[r.reason] ?? 0),
            backgroundColor: PALETTE[i % PALETTE.length],
          })),
        }}
        options={{ maintainAspectRatio: false, animation: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } }}
      />
    </div>
  );
}
