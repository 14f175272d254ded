// The funnel as horizontal bars, each labelled with its conversion from the stage before.
import { Bar } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import type { StageCount } from '../api/types.js';
import { useFormat } from '../format.js';
import { PALETTE } from './setup.js';

export function FunnelChart({ stages }: { stages: StageCount[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <div className="chart" role="img" aria-label={t('dashboard.funnel')}>
      <Bar
        data={{
          labels: stages.map((s) => `${t(`dashboard.stages.${s.stage}`)}${s.conversion === null ? '' : f.aside(f.percent(s.conversion))}`),
          datasets: [{ label: t('dashboard.customers'), data: stages.map((s) => s.customers), backgroundColor: PALETTE[0] }],
        }}
        options={{ indexAxis: 'y', maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } } }}
      />
    </div>
  );
}
