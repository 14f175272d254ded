// Bulk moves of a rep's customers (managers: their team's reps; admins: anyone): select some and
// transfer them to another rep or return them to the pool.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import type { CustomerList, Rep } from '../../api/types.js';
import { BulkMoveBar } from '../../components/bulk-move-bar.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Field } from '../../components/field.js';
import { RepOptions } from '../../components/rep-options.js';
import { useSelection } from '../../components/selection.js';

export function TeamCustomersSection() {
  const { t } = useTranslation();
  const reps = useQuery({ queryKey: ['reps'], queryFn: () => api.get<{ items: Rep[] }>('/reps') });
  const [repId, setRepId] = useState('');
  const customers = useQuery({
    queryKey: ['mine', 'rep', repId],
    queryFn: () => api.get<CustomerList>(`/reps/${encodeURIComponent(repId)}/customers?limit=200`),
    enabled: repId !== '',
  });
  const selection = useSelection();
  return (
    <section aria-labelledby="bulk-title">
      <h2 id="bulk-title">{t('settings.bulk')}</h2>
      <ErrorNotice error={reps.error ?? customers.error} />
      <div className="card filters">
        <Field label={t('bulk.rep')}>
          {(id) => (
            <select
              id={id}
              value={repId}
              onChange={(e) => {
                selection.clear();
                setRepId(e.target.value);
              }}
            >
              <RepOptions reps={reps.data?.items} />
            </select>
          )}
        </Field>
      </div>
      {repId ? (
        <div className="table-wrap">
          <table data-testid="team-customers">
            <thead>
              <tr>
                <th />
                <th>{t('fields.company')}</th>
                <th>{t('fields.stage')}</th>
                <th>{t('fields.grade')}</th>
              </tr>
            </thead>
            <tbody>
              {customers.data?.items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <input type="checkbox" checked={selection.has(c.id)} onChange={() => selection.toggle(c.id)} aria-label={t('bulk.select', { company: c.companyName })} />
                  </td>
                  <td>{c.companyName}</td>
                  <td>{c.stage ? t(`stages.${c.stage}` as 'stages.claimed') : '—'}</td>
                  <td>{c.grade ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <BulkMoveBar selected={selection.selected} actions={['transfer', 'release']} onDone={selection.clear} />
    </section>
  );
}
