// Teams and their managers; admins add teams.
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useAction } from '../../api/use-action.js';
import type { Team } from '../../api/types.js';
import { useMe } from '../../auth/session.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Field } from '../../components/field.js';

export function TeamsSection() {
  const { t } = useTranslation();
  const me = useMe();
  const teams = useQuery({ queryKey: ['teams'], queryFn: () => api.get<{ items: Team[] }>('/teams') });
  const [form, setForm] = useState({ id: '', name: '', managerId: '', language: 'zh' });
  const create = useAction({
    mutationFn: () => api.post<Team>('/teams', { ...(form.id ? { id: form.id } : {}), name: form.name, language: form.language, ...(form.managerId ? { managerId: form.managerId } : {}) }),
    onSuccess: () => setForm({ id: '', name: '', managerId: '', language: 'zh' }),
    invalidates: [['teams']],
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <section aria-labelledby="teams-title">
      <h2 id="teams-title">{t('settings.teams')}</h2>
      <ErrorNotice error={teams.error} />
      <table>
        <thead>
          <tr>
            <th>{t('fields.id')}</th>
            <th>{t('fields.name')}</th>
            <th>{t('fields.manager')}</th>
            <th>{t('channels.language')}</th>
          </tr>
        </thead>
        <tbody>
          {teams.data?.items.map((team) => (
            <tr key={team.id}>
              <td>{team.id}</td>
              <td>{team.name}</td>
              <td>{team.managerId ?? '—'}</td>
              <td>{team.language === 'zh' ? '中文' : 'English'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {me.role === 'admin' ? (
        <form className="card form-grid" onSubmit={submit} aria-label={t('settings.createTeam')}>
          <Field label={t('fields.id')}>{(id) => <input id={id} value={form.id} onChange={(e) => setForm({ ...form, id: e.target.value })} />}</Field>
          <Field label={t('fields.name')}>{(id) => <input id={id} required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}</Field>
          <Field label={t('fields.manager')}>{(id) => <input id={id} value={form.managerId} onChange={(e) => setForm({ ...form, managerId: e.target.value })} />}</Field>
          <Field label={t('channels.language')}>
            {(id) => (
              <select id={id} value={form.language} onChange={(e) => setForm({ ...form, language: e.target.value })}>
                <option value="zh">中文</option>
                <option value="en">English</option>
              </select>
            )}
          </Field>
          <ErrorNotice error={create.error} />
          <div className="buttons">
            <button type="submit" disabled={create.isPending}>
              {t('settings.createTeam')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
