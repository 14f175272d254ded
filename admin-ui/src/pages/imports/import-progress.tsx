// An import job while it runs: a progress bar (rows read of the file), its speed and counts so far,
// the similar-names phase (created rows compared with the customers, beside the rows), and a Cancel button (the batch under way finishes; every row processed stays recorded).
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useAction } from '../../api/use-action.js';
import type { ImportJob } from '../../api/types.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { useFormat } from '../../format.js';

export const isActive = (j: ImportJob) => j.status === 'queued' || j.status === 'running';

export function ImportCounts({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const p = job.progress;
  const items = [
    ['created', p.created],
    ['duplicate', p.duplicates],
    ['updated', p.updated],
    ['refused', p.refused],
  ] as const;
  return (
    <dl className="stats" data-testid="import-counts">
      {items.map(([k, v]) => (
        <div key={k} data-count={k}>
          <dt>{t(`imports.outcomes.${k}`)}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ImportProgress({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const f = useFormat();
  const p = job.progress;
  const cancel = useAction({
    mutationFn: () => api.post<ImportJob>(`/imports/${encodeURIComponent(job.id)}/cancel`),
    invalidates: [['import', job.id], ['imports']],
  });
  return (
    <div data-testid="import-progress" aria-live="polite">
      <div className="progress">
        <progress value={p.percent} max={100} aria-label={t('imports.progress')} />
        <span data-testid="import-percent">{f.percent(p.percent / 100)}</span>
        <span>{t('imports.rowsRead', { read: f.number(p.rowsRead), total: f.number(p.rowsTotal) })}</span>
        <span className="muted">{t('imports.speed', { rate: f.number(Math.round(p.rowsPerSecond)) })}</span>
        {p.phase === 'similar' || (p.phase === 'rows' && p.similarChecked > 0) ? (
          <span data-testid="import-similar-phase">{t('imports.similarPhase', { checked: f.number(p.similarChecked), total: f.number(p.similarTotal) })}</span>
        ) : null}
        {isActive(job) ? (
          <button type="button" className="danger" disabled={cancel.isPending} onClick={() => cancel.mutate()}>
            {t('imports.cancel')}
          </button>
        ) : null}
      </div>
      <ErrorNotice error={cancel.error} />
      <ImportCounts job={job} />
    </div>
  );
}
