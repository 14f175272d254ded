// A handover or bulk-move job as it runs: a progress bar, the totals, and per customer where it
// went or why not. Polls the job until it completes.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.js';
import { pollWhile } from '../api/poll.js';
import { ErrorNotice } from './error-notice.js';
import type { HandoverJobView } from '../../../schemas/handovers.js';
import { useFormat } from '../format.js';
import { usePools } from './pool-select.js';
import { handoverCodeText } from './handover-codes.js';

export function HandoverProgress({ job: started }: { job: HandoverJobView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const pools = usePools();
  /** A reason in words (handover-codes.ts). */
  const code = (c: string) => handoverCodeText(t, c);
  const poolName = (id: string) => pools.data?.items.find((p) => p.id === id)?.name ?? id;
  const job = useQuery({
    queryKey: ['handover', started.id],
    queryFn: () => api.get<HandoverJobView>(`/handovers/${encodeURIComponent(started.id)}`),
    initialData: started,
    refetchInterval: pollWhile((j: HandoverJobView) => j.status !== 'completed', 500),
  });
  const j = job.data;
  // Once the job is done, the lists it changed (the pool, reps' customers, collaborations, reps) are read again.
  const queryClient = useQueryClient();
  const completed = j.status === 'completed';
  useEffect(() => {
    if (!completed) return;
    for (const queryKey of [['pool'], ['mine'], ['collaborating'], ['reps']]) void queryClient.invalidateQueries({ queryKey });
  }, [completed, queryClient]);
  return (
    <div className="card" data-testid="handover-progress" aria-live="polite">
      <h3>{j.kind === 'handover' ? t('handover.jobTitle', { rep: f.rep(j.fromRepId, j.fromRepName) }) : t('handover.bulkTitle')}</h3>
      <ErrorNotice error={job.error} />
      <div className="progress">
        <progress value={j.done} max={Math.max(1, j.total)} aria-label={t('handover.progress')} />
        <span>{t('handover.doneOf', { done: j.done, total: j.total })}</span>
        <strong data-testid="handover-status">{t(`handover.status.${j.status}`)}</strong>
      </div>
      <p data-testid="handover-totals">
        {t('handover.totals', { toReps: j.movedToReps, toPool: j.toPool, kept: j.kept, refused: j.refused, failed: j.failed })}
      </p>
      <div className="table-wrap">
        <table data-testid="handover-items">
          <thead>
            <tr>
              <th>{t('fields.company')}</th>
              <th>{t('handover.outcome')}</th>
              <th>{t('handover.where')}</th>
              <th>{t('handover.why')}</th>
            </tr>
          </thead>
          <tbody>
            {j.items.map((i) => (
              <tr key={i.customerId}>
                <td>
                  {i.companyName === null ? '—' : <Link to={`/customers/${encodeURIComponent(i.customerId)}`}>{i.companyName}</Link>}
                </td>
                <td>{t(`handover.outcomes.${i.outcome}`)}</td>
                <td>{i.toRepId ? f.rep(i.toRepId, i.toRepName) : i.poolId ? poolName(i.poolId) : '—'}</td>
                <td>{i.code ? <span title={i.message ?? undefined} data-code={i.code}>{code(i.code)}</span> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
