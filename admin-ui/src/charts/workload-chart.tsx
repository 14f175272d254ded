// Workload per rep: owned and key customers next to the caps the rules give them.
import { Bar } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import type { WorkloadReport } from '../api/types.js';
import { PALETTE } from './setup.js';

export function WorkloadChart({ reps }: { reps: WorkloadReport['reps'] }) {
  const { t } = useTranslation();
  return (
    <div className="chart" role="img" aria-label={t('dashboard.workload')}>
      <Bar
        data={{
          labels: reps.map((r) => r.name),
          datasets: [
            { label: t('dashboard.owned'), data: reps.map((r) => r.owned), backgroundColor: PALETTE[0] },
            { label: t('dashboard.cap'), data: reps.map((r) => r.caps.privateMax), backgroundColor: '#cbd5e1' },
            { label: t('dashboard.key'), data: reps.map((r) => r.key), backgroundColor: PALETTE[1] },
            { label: t('dashboard.keyCap'), data: reps.map((r) => r.caps.keyMax), backgroundColor: '#fde68a' },
          ],
        }}
        options={{ maintainAspectRatio: false, animation: false }}
      />
    </div>
  );
}
