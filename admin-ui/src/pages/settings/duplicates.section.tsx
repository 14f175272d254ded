// Likely duplicate customers (admins): pairs of similar company names, most similar first; merge
// one into the other (the existing merge), or dismiss the pair as not a duplicate. Below, who
// looked up what (the duplicate look-up's audit).
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, query } from '../../api/client.js';
import { useAction } from '../../api/use-action.js';
import type { DuplicatePair, DuplicatePairs, DuplicateScan, LookupAudit } from '../../api/types.js';
import { ErrorNotice, SuccessNotice } from '../../components/error-notice.js';
import { useFormat } from '../../format.js';

type Side = DuplicatePair['a'];

function CustomerCell({ c }: { c: Side }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <>
      <Link to={`/customers/${encodeURIComponent(c.id)}`}>{c.companyName}</Link>
      <br />
      <small className="muted">
        {t(`duplicates.status.${c.status}` as 'duplicates.status.pool')}
        {c.ownerId ? ` · ${f.rep(c.ownerId, c.ownerName)}` : ` · ${c.poolId}`}
      </small>
    </>
  );
}

export function DuplicatesSection() {
  const { t } = useTranslation();
  const f = useFormat();
  const [notice, setNotice] = useState<string | null>(null);
  const pairs = useInfiniteQuery({
    queryKey: ['duplicate-pairs'],
    queryFn: ({ pageParam }) => api.get<DuplicatePairs>(`/customers/duplicate-pairs${query({ cursor: pageParam, limit: 50 })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const audit = useInfiniteQuery({
    queryKey: ['lookup-audit'],
    queryFn: ({ pageParam }) => api.get<LookupAudit>(`/customers/lookup/audit${query({ cursor: pageParam, limit: 50 })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  // A merge cannot be undone: the button asks, the row's confirmation merges.
  const [asking, setAsking] = useState<{ absorbed: Side; survivor: Side } | null>(null);
  const merge = useAction({
    mutationFn: ({ absorbed, survivor }: { absorbed: Side; survivor: Side }) => api.post(`/customers/${encodeURIComponent(absorbed.id)}/merge`, { into: survivor.id }),
    notice: setNotice,
    message: (_r, { absorbed, survivor }) => t('duplicates.merged', { absorbed: absorbed.companyName, survivor: survivor.companyName }),
    invalidates: [['duplicate-pairs'], ['pool']],
  });
  const dismiss = useAction({
    mutationFn: (p: DuplicatePair) => api.post('/customers/duplicate-pairs/dismissals', { customerIds: [p.a.id, p.b.id] }),
    notice: setNotice,
    message: (_r, p) => t('duplicates.dismissed', { a: p.a.companyName, b: p.b.companyName }),
    invalidates: [['duplicate-pairs']],
  });
  const queryClient = useQueryClient();
  const scan = useAction({
    mutationFn: () => api.post<DuplicateScan>('/customers/duplicate-pairs/scan'),
    notice: setNotice,
    invalidates: [['duplicate-scan']],
  });
  // While a rescan runs, its progress every second; the pairs again once it is done.
  const scanState = useQuery({
    queryKey: ['duplicate-scan'],
    queryFn: () => api.get<DuplicateScan>('/customers/duplicate-pairs/scan'),
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false),
  });
  const scanStatus = scanState.data?.status;
  useEffect(() => {
    if (scanStatus === 'completed') void queryClient.invalidateQueries({ queryKey: ['duplicate-pairs'] });
  }, [scanStatus, queryClient]);
  const rows = pairs.data?.pages.flatMap((p) => p.items) ?? [];
  const lookups = audit.data?.pages.flatMap((p) => p.items) ?? [];
  const busy = merge.isPending || dismiss.isPending;
  return (
    <section aria-labelledby="duplicates-title">
      <h2 id="duplicates-title">{t('settings.duplicates')}</h2>
      <p className="muted">{t('duplicates.intro')}</p>
      <div className="buttons">
        <button type="button" className="secondary" onClick={() => scan.mutate()} disabled={scan.isPending || scanStatus === 'running'}>
          {t('duplicates.scan')}
        </button>
      </div>
      {scanState.data && scanStatus !== 'idle' ? (
        <p className="muted" role="status" data-testid="duplicate-scan">
          {scanStatus === 'running'
            ? t('duplicates.scanning', { customers: scanState.data.customers })
            : scanStatus === 'completed'
              ? t('duplicates.scanned', { customers: scanState.data.customers, pairs: scanState.data.pairs })
              : t('duplicates.scanFailed', { error: scanState.data.error ?? '' })}
        </p>
      ) : null}
      <ErrorNotice error={pairs.error ?? merge.error ?? dismiss.error ?? scan.error ?? scanState.error} />
      <SuccessNotice message={notice} />
      <div className="table-wrap">
        <table data-testid="duplicate-pairs">
          <thead>
            <tr>
              <th>{t('duplicates.score')}</th>
              <th>{t('duplicates.a')}</th>
              <th>{t('duplicates.b')}</th>
              <th>{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={`${p.a.id}/${p.b.id}`}>
                <td>{Math.round(p.score * 100)} %</td>
                <td>
                  <CustomerCell c={p.a} />
                </td>
                <td>
                  <CustomerCell c={p.b} />
                </td>
                <td className="buttons">
                  {asking && [asking.absorbed.id, asking.survivor.id].sort().join() === [p.a.id, p.b.id].sort().join() ? (
                    <div className="row-actions" role="group" aria-label={t('duplicates.confirm', { absorbed: asking.absorbed.companyName, survivor: asking.survivor.companyName })}>
                      <span>{t('duplicates.confirm', { absorbed: asking.absorbed.companyName, survivor: asking.survivor.companyName })}</span>
                      <button
                        type="button"
                        disabled={busy}
                        onClick={() => {
                          merge.mutate(asking);
                          setAsking(null);
                        }}
                      >
                        {t('duplicates.confirmMerge')}
                      </button>
                      <button type="button" className="secondary" onClick={() => setAsking(null)}>
                        {t('common.cancel')}
                      </button>
                    </div>
                  ) : null}
                  <button type="button" disabled={busy} onClick={() => setAsking({ absorbed: p.b, survivor: p.a })} aria-label={t('duplicates.mergeInto', { absorbed: p.b.companyName, survivor: p.a.companyName })}>
                    {t('duplicates.keepA')}
                  </button>
                  <button type="button" disabled={busy} onClick={() => setAsking({ absorbed: p.a, survivor: p.b })} aria-label={t('duplicates.mergeInto', { absorbed: p.a.companyName, survivor: p.b.companyName })}>
                    {t('duplicates.keepB')}
                  </button>
                  <button type="button" className="secondary" disabled={busy} onClick={() => dismiss.mutate(p)} aria-label={t('duplicates.dismissPair', { a: p.a.companyName, b: p.b.companyName })}>
                    {t('duplicates.dismiss')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pairs.isLoading ? <p>{t('common.loading')}</p> : rows.length === 0 ? <p className="muted">{t('duplicates.empty')}</p> : null}
      {pairs.hasNextPage ? (
        <button type="button" className="secondary" onClick={() => void pairs.fetchNextPage()} disabled={pairs.isFetchingNextPage}>
          {t('common.loadMore')}
        </button>
      ) : null}

      <h3>{t('duplicates.audit')}</h3>
      <ErrorNotice error={audit.error} />
      <div className="table-wrap">
        <table data-testid="lookup-audit">
          <thead>
            <tr>
              <th>{t('duplicates.when')}</th>
              <th>{t('duplicates.who')}</th>
              <th>{t('duplicates.query')}</th>
              <th>{t('duplicates.matches')}</th>
            </tr>
          </thead>
          <tbody>
            {lookups.map((l) => (
              <tr key={l.id}>
                <td>{f.dateTime(l.at)}</td>
                <td>{l.repName}</td>
                <td>
                  <code>{l.query}</code>
                </td>
                <td>{l.matches}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {audit.hasNextPage ? (
        <button type="button" className="secondary" onClick={() => void audit.fetchNextPage()} disabled={audit.isFetchingNextPage}>
          {t('common.loadMore')}
        </button>
      ) : null}
    </section>
  );
}
