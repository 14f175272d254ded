// Pools (R1): who may claim from each — everyone, or only the listed teams and reps. Admins add and
// change pools; managers see the pools open to them.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useAction } from '../../api/use-action.js';
import type { Pool, Rep, Team } from '../../api/types.js';
import { useMe } from '../../auth/session.js';
import { ErrorNotice, SuccessNotice } from '../../components/error-notice.js';
import { Field } from '../../components/field.js';
import { usePools } from '../../components/pool-select.js';
import { useFormat } from '../../format.js';

interface Draft {
  id: string;
  name: string;
  description: string;
  openToAll: boolean;
  teamIds: string[];
  repIds: string[];
}

const empty: Draft = { id: '', name: '', description: '', openToAll: true, teamIds: [], repIds: [] };

function Checklist({ legend, options, selected, onChange }: { legend: string; options: { id: string; label: string }[]; selected: string[]; onChange: (ids: string[]) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="checklist">
      <legend>{legend}</legend>
      {options.length === 0 ? <span className="muted">{t('common.empty')}</span> : null}
      {options.map((o) => (
        <label key={o.id} className="check">
          <input
            type="checkbox"
            checked={selected.includes(o.id)}
            onChange={(e) => onChange(e.target.checked ? [...selected, o.id] : selected.filter((id) => id !== o.id))}
          />{' '}
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/** Creating a pool (no `pool`) or changing one. */
function PoolForm({ pool, onDone, onCancel }: { pool?: Pool; onDone: (p: Pool) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const teams = useQuery({ queryKey: ['teams'], queryFn: () => api.get<{ items: Team[] }>('/teams') });
  const reps = useQuery({ queryKey: ['reps'], queryFn: () => api.get<{ items: Rep[] }>('/reps') });
  const [d, setD] = useState<Draft>(pool ? { ...pool, description: pool.description ?? '' } : empty);
  const save = useAction({
    mutationFn: () => {
      const body = { name: d.name.trim(), description: d.description.trim(), openToAll: d.openToAll, teamIds: d.teamIds, repIds: d.repIds };
      return pool
        ? api.patch<Pool>(`/pools/${encodeURIComponent(pool.id)}`, body)
        : api.post<Pool>('/pools', { ...(d.id.trim() ? { id: d.id.trim() } : {}), ...body, ...(body.description ? {} : { description: undefined }) });
    },
    onSuccess: (p) => {
      if (!pool) setD(empty);
      onDone(p);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const label = pool ? t('pools.editOf', { name: pool.name }) : t('pools.create');
  return (
    <form className="card form-grid pool-form" onSubmit={submit} aria-label={label}>
      <h3>{label}</h3>
      {pool ? null : <Field label={t('fields.id')}>{(id) => <input id={id} value={d.id} maxLength={64} onChange={(e) => setD({ ...d, id: e.target.value })} />}</Field>}
      <Field label={t('fields.title')}>{(id) => <input id={id} required maxLength={120} value={d.name} onChange={(e) => setD({ ...d, name: e.target.value })} autoFocus={!!pool} />}</Field>
      <Field label={t('pools.description')}>{(id) => <input id={id} maxLength={1000} value={d.description} onChange={(e) => setD({ ...d, description: e.target.value })} />}</Field>
      <label className="check wide">
        <input type="checkbox" checked={d.openToAll} onChange={(e) => setD({ ...d, openToAll: e.target.checked })} /> {t('pools.openToAll')}
      </label>
      <p className="muted wide">{t('pools.openHelp')}</p>
      <Checklist legend={t('pools.teams')} options={(teams.data?.items ?? []).map((x) => ({ id: x.id, label: x.name }))} selected={d.teamIds} onChange={(teamIds) => setD({ ...d, teamIds })} />
      <Checklist legend={t('pools.reps')} options={(reps.data?.items ?? []).map((x) => ({ id: x.id, label: f.rep(x.id, x.name) }))} selected={d.repIds} onChange={(repIds) => setD({ ...d, repIds })} />
      <ErrorNotice error={save.error} />
      <div className="buttons wide">
        <button type="submit" disabled={save.isPending}>
          {pool ? t('common.save') : t('pools.create')}
        </button>
        {onCancel ? (
          <button type="button" className="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

export function PoolsSection() {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const pools = usePools();
  const teams = useQuery({ queryKey: ['teams'], queryFn: () => api.get<{ items: Team[] }>('/teams') });
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const saved = (p: Pool) => {
    setEditing(null);
    setNotice(t('pools.saved', { name: p.name }));
    void queryClient.invalidateQueries({ queryKey: ['pools'] });
  };
  const teamName = (id: string) => teams.data?.items.find((x) => x.id === id)?.name ?? id;
  // Reps listed as people read them everywhere, by name with the id beside it.
  const reps = useQuery({ queryKey: ['reps'], queryFn: () => api.get<{ items: Rep[] }>('/reps') });
  const f = useFormat();
  const repName = (id: string) => f.rep(id, reps.data?.items.find((x) => x.id === id)?.name);
  const admin = me.role === 'admin';

  return (
    <section aria-labelledby="pools-title">
      <h2 id="pools-title">{t('settings.pools')}</h2>
      <ErrorNotice error={pools.error} />
      <SuccessNotice message={notice} />
      <div className="table-wrap">
        <table data-testid="pools-table">
          <thead>
            <tr>
              <th>{t('fields.title')}</th>
              <th>{t('pools.whoMayClaim')}</th>
              <th>{t('pools.customers')}</th>
              {admin ? <th>{t('common.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {pools.data?.items.map((p) => (
              <Fragment key={p.id}>
                <tr data-pool={p.id}>
                  <td>
                    {p.name}
                    <span className="muted">{f.aside(p.id)}</span>
                    {p.description ? <div className="muted">{p.description}</div> : null}
                  </td>
                  <td>
                    {p.openToAll ? (
                      t('pools.everyone')
                    ) : p.teamIds.length + p.repIds.length === 0 ? (
                      <span className="muted">{t('pools.nobody')}</span>
                    ) : (
                      <>
                        {p.teamIds.map((id) => (
                          <span key={id} className="badge">{teamName(id)}</span>
                        ))}
                        {p.repIds.map((id) => (
                          <span key={id} className="badge rep">{repName(id)}</span>
                        ))}
                      </>
                    )}
                  </td>
                  <td>{p.customers}</td>
                  {admin ? (
                    <td>
                      <button type="button" className="secondary" aria-expanded={editing === p.id} onClick={() => setEditing(editing === p.id ? null : p.id)} aria-label={`${t('pools.edit')}: ${p.name}`}>
                        {t('pools.edit')}
                      </button>
                    </td>
                  ) : null}
                </tr>
                {editing === p.id ? (
                  <tr className="form-row">
                    <td colSpan={4}>
                      <PoolForm pool={p} onDone={saved} onCancel={() => setEditing(null)} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      {admin ? <PoolForm onDone={saved} /> : null}
    </section>
  );
}
