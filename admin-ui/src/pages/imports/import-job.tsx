// One import job, polled while it runs: its progress, its column mapping, then the preview (with
// Commit) or the report.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client.js';
import { pollWhile } from '../../api/poll.js';
import { useAction } from '../../api/use-action.js';
import type { ImportJob } from '../../api/types.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { ColumnMapping } from './column-mapping.js';
import { ImportPreview } from './import-preview.js';
import { ImportProgress, isActive } from './import-progress.js';
import { ImportReport } from './import-report.js';
import { StatusBadge } from './status-badge.js';

interface Props {
  id: string;
  /** Previews the job's kept upload again with another mapping (POST /imports/{id}/remap). */
  onRemap: (mapping: Record<string, string>) => void;
  remapping: boolean;
}

/** Past this, the server no longer keeps the upload: it can be neither committed nor previewed again. */
const uploadExpired = (j: ImportJob) => Date.parse(j.uploadExpiresAt) <= Date.now();

export function ImportJobView({ id, onRemap, remapping }: Props) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const job = useQuery({
    // Its sample rows' refusals are in the UI's language.
    queryKey: ['import', id, i18n.resolvedLanguage],
    queryFn: () => api.get<ImportJob>(`/imports/${encodeURIComponent(id)}`),
    refetchInterval: pollWhile(isActive, 500),
  });
  const commit = useAction({
    mutationFn: () => api.post<ImportJob>(`/imports/${encodeURIComponent(id)}/commit`),
    onSuccess: (j) => {
      if (j.id !== id) void navigate(`/imports/${encodeURIComponent(j.id)}`);
    },
    invalidates: [['import', id], ['imports']],
  });
  const j = job.data;
  // The list shows where each job stands: refresh it when this one settles.
  const queryClient = useQueryClient();
  const settled = j ? !isActive(j) : false;
  useEffect(() => {
    if (settled) void queryClient.invalidateQueries({ queryKey: ['imports'] });
  }, [settled, id, queryClient]);
  if (!j) return job.error ? <ErrorNotice error={job.error} /> : <p>{t('common.loading')}</p>;
  return (
    <section aria-labelledby="import-job-title" data-testid="import-job" data-job-id={j.id} data-status={j.status}>
      <h2 id="import-job-title">
        {j.file} <span className="badge">{t(`imports.modes.${j.mode}`)}</span> <StatusBadge job={j} />
      </h2>
      <ErrorNotice error={job.error ?? commit.error} />
      {j.status === 'failed' ? (
        <div className="notice error" role="alert" data-testid="import-failed">
          <p>{t('imports.failed')}</p>
          {j.error ? <p>{j.error}</p> : null}
        </div>
      ) : null}
      {j.previewJobId ? (
        <p>
          <Link to={`/imports/${encodeURIComponent(j.previewJobId)}`}>{t('imports.openPreview')}</Link>
        </p>
      ) : null}
      {j.committedJobId ? (
        <p>
          <Link to={`/imports/${encodeURIComponent(j.committedJobId)}`}>{t('imports.openCommitted')}</Link>
        </p>
      ) : null}
      {j.status !== 'previewed' ? (
        <div className="card">
          <ImportProgress job={j} />
        </div>
      ) : null}
      {j.mode === 'preview' ? <ColumnMapping key={j.id} mapping={j.mapping} unmapped={j.unmappedColumns} onApply={isActive(j) || uploadExpired(j) ? undefined : onRemap} pending={remapping} /> : null}
      {j.status === 'previewed' ? <ImportPreview job={j} onCommit={() => commit.mutate()} committing={commit.isPending} /> : null}
      {j.mode === 'commit' && !isActive(j) ? <ImportReport job={j} /> : null}
    </section>
  );
}
