// The public pool: filters, claim, and clear refusals (cap, daily limit, cooldown, already owned).
import { useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, query } from '../api/client.js';
import { useAction } from '../api/use-action.js';
import type { Customer, CustomerList, Ownership } from '../api/types.js';
import { useMe } from '../auth/session.js';
import { BulkMoveBar } from '../components/bulk-move-bar.js';
import { ErrorNotice, SuccessNotice } from '../components/error-notice.js';
import { useSelection } from '../components/selection.js';
import { Field } from '../components/field.js';
import { PoolSelect } from '../components/pool-select.js';
import { useFormat } from '../format.js';
import { GRADES } from '../../../schemas/vocabulary.js';
import { LookupResults } from '../components/lookup-results.js';
import { useLookup } from '../components/use-lookup.js';
import { CustomerCreateForm } from './customer-create-form.js';

const FILTERS = ['q', 'country', 'region', 'source', 'productLine', 'poolId'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number] | 'grade', string>>;
const LABELS = { q: 'fields.search', country: 'fields.country', region: 'fields.region', source: 'fields.source', productLine: 'fields.productLine', poolId: 'fields.pool' } as const;

export function PoolPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const [draft, setDraft] = useState<Filters>({});
  const [filters, setFilters] = useState<Filters>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [lookupText, setLookupText] = useState('');
  const lookup = useLookup(lookupText);
  const [creating, setCreating] = useState(false);

  const pool = useInfiniteQuery({
    queryKey: ['pool', filters],
    queryFn: ({ pageParam }) => api.get<CustomerList>(`/pool${query({ ...filters, cursor: pageParam, limit: 50 })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  const claim = useAction({
    mutationFn: (c: Customer) => api.post<Ownership>(`/customers/${encodeURIComponent(c.id)}/claim`),
    notice: setNotice,
    message: (result, c) => t('pool.claimed', { company: c.companyName, deadline: f.dateTime(result.deadline) }),
    invalidates: [['pool'], ['mine']],
  });

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilters(Object.fromEntries(Object.entries(draft).filter(([, v]) => v && v.trim())) as Filters);
  };
  const canClaim = me.role !== 'admin';
  // Managers and admins move pool customers between pools in bulk.
  const canMove = me.role !== 'rep';
  const selection = useSelection();
  const rows = pool.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section>
      <h1>{t('pool.title')}</h1>
      <div className="card lookup" role="search" aria-label={t('lookup.title')}>
        <Field label={t('lookup.title')} help={t('lookup.help')}>
          {(id) => <input id={id} type="search" value={lookupText} onChange={(e) => setLookupText(e.target.value)} placeholder={t('lookup.placeholder')} />}
        </Field>
        {lookupText.trim().length >= 2 ? <LookupResults result={lookup.data} error={lookup.error} label={t('lookup.results')} /> : null}
      </div>
      <div className="buttons">
        <button type="button" className="secondary" aria-expanded={creating} onClick={() => setCreating(!creating)}>
          {t('create.open')}
        </button>
      </div>
      {creating ? <CustomerCreateForm /> : null}
      <form className="filters card" onSubmit={apply} aria-label={t('pool.filters')}>
        {FILTERS.map((key) => (
          <Field key={key} label={t(LABELS[key])}>
            {(id) =>
              key === 'poolId' ? (
                <PoolSelect id={id} value={draft.poolId ?? ''} onChange={(poolId) => setDraft({ ...draft, poolId })} defaultLabel={t('common.any')} />
              ) : (
                <input id={id} name={key} value={draft[key] ?? ''} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
              )
            }
          </Field>
        ))}
        <Field label={t('fields.grade')}>
          {(id) => (
            <select id={id} name="grade" value={draft.grade ?? ''} onChange={(e) => setDraft({ ...draft, grade: e.target.value })}>
              <option value="">{t('common.any')}</option>
              {GRADES.map((g) => (
                <option key={g} value={g}>
                  {g}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="buttons">
          <button type="submit">{t('common.apply')}</button>
          <button type="button" className="secondary" onClick={() => { setDraft({}); setFilters({}); }}>
            {t('common.reset')}
          </button>
        </div>
      </form>

      <ErrorNotice error={claim.error ?? pool.error} />
      <SuccessNotice message={notice} />

      <div className="table-wrap">
        <table data-testid="pool-table">
          <thead>
            <tr>
              {canMove ? <th /> : null}
              <th>{t('fields.company')}</th>
              <th>{t('fields.country')}</th>
              <th>{t('fields.region')}</th>
              <th>{t('fields.source')}</th>
              <th>{t('fields.productLine')}</th>
              <th>{t('fields.grade')}</th>
              <th>{t('fields.createdAt')}</th>
              {canClaim ? <th>{t('common.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id}>
                {canMove ? (
                  <td>
                    <input type="checkbox" checked={selection.has(c.id)} onChange={() => selection.toggle(c.id)} aria-label={t('bulk.select', { company: c.companyName })} />
                  </td>
                ) : null}
                <td>
                  <Link to={`/customers/${encodeURIComponent(c.id)}`}>{c.companyName}</Link>
                </td>
                <td>{c.country ?? '—'}</td>
                <td>{c.region ?? '—'}</td>
                <td>{c.source ?? '—'}</td>
                <td>{c.productLine ?? '—'}</td>
                <td>{c.grade ? <span className={`grade grade-${c.grade}`}>{c.grade}</span> : '—'}</td>
                <td>{f.date(c.createdAt)}</td>
                {canClaim ? (
                  <td>
                    <button type="button" onClick={() => claim.mutate(c)} disabled={claim.isPending} aria-label={`${t('pool.claim')} ${c.companyName}`}>
                      {t('pool.claim')}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canMove ? <BulkMoveBar selected={selection.selected} actions={['move_pool']} onDone={selection.clear} /> : null}
      {/* A refused filter is said by the notice above, not as an empty pool. */}
      {pool.isLoading ? <p>{t('common.loading')}</p> : rows.length === 0 && !pool.isError ? <p className="muted">{t('pool.empty')}</p> : null}
      {pool.hasNextPage ? (
        <button type="button" className="secondary" onClick={() => void pool.fetchNextPage()} disabled={pool.isFetchingNextPage}>
          {t('common.loadMore')}
        </button>
      ) : null}
    </section>
  );
}
