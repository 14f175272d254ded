// The latest import jobs, newest first, with where each stands; one opens its page.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.js';
import type { ImportJob, ImportJobPage } from '../../api/types.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { useFormat } from '../../format.js';
import { isActive } from './import-progress.js';
import { StatusBadge } from './status-badge.js';

export function RecentImports({ current }: { current?: string | undefined }) {
  const { t } = useTranslation();
  const f = useFormat();
  const jobs = useQuery({
    queryKey: ['imports'],
    queryFn: () => api.get<ImportJobPage>('/imports'),
    refetchInterval: (q) => (q.state.data?.items.some(isActive) ? 2000 : false),
  });
  const items = jobs.data?.items ?? [];
  const countsLine = (j: ImportJob) =>
    [
      [t('imports.outcomes.created'), j.progress.created],
      [t('imports.outcomes.duplicate'), j.progress.duplicates],
      [t('imports.outcomes.updated'), j.progress.updated],
      [t('imports.outcomes.refused'), j.progress.refused],
    ]
      .map(([label, n]) => `${label} ${n}`)
      .join(' · ');
  return (
    <section aria-labelledby="recent-imports-title">
      <h2 id="recent-imports-title">{t('imports.recent')}</h2>
      <ErrorNotice error={jobs.error} />
      {jobs.isLoading ? (
        <p>{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p className="muted">{t('imports.none')}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="recent-imports">
            <thead>
              <tr>
                <th>{t('imports.file')}</th>
                <th>{t('imports.mode')}</th>
                <th>{t('fields.status')}</th>
                <th>{t('imports.rows')}</th>
                <th>{t('imports.counts')}</th>
                <th>{t('imports.by')}</th>
                <th>{t('fields.createdAt')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((j) => (
                <tr key={j.id} aria-current={j.id === current ? 'true' : undefined}>
                  <td className="wrap">
                    <Link to={`/imports/${encodeURIComponent(j.id)}`}>{j.file}</Link>
                  </td>
                  <td>{t(`imports.modes.${j.mode}`)}</td>
                  <td>
                    <StatusBadge job={j} />
                  </td>
                  <td>{f.number(j.progress.rowsTotal)}</td>
                  <td>
                    {countsLine(j)}
                  </td>
                  <td>{f.rep(j.createdBy, j.createdByName)}</td>
                  <td>{f.dateTime(j.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
