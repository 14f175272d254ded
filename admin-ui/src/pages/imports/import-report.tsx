// Every row of an import, filtered by outcome and read page by page, with the downloads.
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/client.js';
import type { ImportJob, ImportOutcome, ImportRowPage } from '../../api/types.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Field } from '../../components/field.js';
import { ImportDownloads } from './import-downloads.js';
import { OutcomeTable } from './outcome-table.js';

const OUTCOMES: ImportOutcome[] = ['created', 'duplicate', 'updated', 'refused'];

export function ImportReport({ job }: { job: ImportJob }) {
  // The refusals and reasons are in the UI's language: another language, another answer.
  const { t, i18n } = useTranslation();
  const [outcome, setOutcome] = useState<ImportOutcome | ''>('');
  const rows = useInfiniteQuery({
    queryKey: ['import', job.id, 'rows', outcome, job.status, i18n.resolvedLanguage],
    queryFn: ({ pageParam }) => api.get<ImportRowPage>(`/imports/${encodeURIComponent(job.id)}/rows${query({ outcome, cursor: pageParam, limit: 50 })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = rows.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="card" aria-labelledby="import-report-title" data-testid="import-report">
      <h3 id="import-report-title">{t('imports.report')}</h3>
      <ImportDownloads job={job} />
      <div className="toolbar">
        <Field label={t('imports.outcome')}>
          {(id) => (
            <select id={id} value={outcome} onChange={(e) => setOutcome(e.target.value as ImportOutcome | '')}>
              <option value="">{t('imports.allOutcomes')}</option>
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`imports.outcomes.${o}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <ErrorNotice error={rows.error} />
      {rows.isLoading ? <p>{t('common.loading')}</p> : <OutcomeTable rows={items} label={t('imports.report')} />}
      {rows.hasNextPage ? (
        <button type="button" className="secondary" onClick={() => void rows.fetchNextPage()} disabled={rows.isFetchingNextPage}>
          {t('common.loadMore')}
        </button>
      ) : null}
    </section>
  );
}
