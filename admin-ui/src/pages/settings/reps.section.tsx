// Reps with their role, team, hire date, tags and the caps the caps rules give them; admins add
// reps and change them (Edit, a form under the rep's row).
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useAction } from '../../api/use-action.js';
import type { Rep, Team } from '../../api/types.js';
import { useMe } from '../../auth/session.js';
import { ErrorNotice, SuccessNotice } from '../../components/error-notice.js';
import { Field } from '../../components/field.js';
import { useFormat } from '../../format.js';
import { RepMentionsForm } from './rep-mentions-form.js';
import { useRepAccess } from './rep-access.js';
import { parseTags, RepEditForm, RoleSelect, TeamSelect } from './rep-edit-form.js';
import { ruleText } from '../../i18n/codes.js';

const empty = { id: '', name: '', email: '', role: 'rep', teamId: '', hiredAt: '', timeZone: 'Asia/Shanghai', tags: '' };

export function RepsSection() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const reps = useQuery({ queryKey: ['reps'], queryFn: () => api.get<{ items: Rep[] }>('/reps') });
  const teams = useQuery({ queryKey: ['teams'], queryFn: () => api.get<{ items: Team[] }>('/teams') });
  const access = useRepAccess();
  const [form, setForm] = useState(empty);
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const admin = me.role === 'admin';
  const teamName = (id: string | null) => (id === null ? '—' : (teams.data?.items.find((x) => x.id === id)?.name ?? id));
  const saved = (r: Rep) => {
    setEditing(null);
    setNotice(t('settings.repSaved', { name: r.name }));
  };
  const create = useAction({
    mutationFn: () =>
      api.post<Rep>('/reps', {
        ...(form.id ? { id: form.id } : {}),
        name: form.name,
        email: form.email,
        role: form.role,
        ...(form.teamId ? { teamId: form.teamId } : {}),
        ...(form.hiredAt ? { hiredAt: form.hiredAt } : {}),
        timeZone: form.timeZone,
        tags: parseTags(form.tags),
      }),
    onSuccess: () => setForm(empty),
    invalidates: [['reps']],
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const set = (key: keyof typeof empty) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  return (
    <section aria-labelledby="reps-title">
      <h2 id="reps-title">{t('settings.reps')}</h2>
      <ErrorNotice error={reps.error} />
      {access.notices}
      <SuccessNotice message={notice} />
      <div className="table-wrap">
        <table data-testid="reps-table">
          <thead>
            <tr>
              <th>{t('fields.name')}</th>
              <th>{t('fields.role')}</th>
              <th>{t('fields.team')}</th>
              <th>{t('fields.hiredAt')}</th>
              <th>{t('fields.tags')}</th>
              <th>{t('fields.caps')}</th>
              <th>{t('mentions.column')}</th>
              <th>{t('settings.active')}</th>
              <th>{t('access.actions')}</th>
              {admin ? <th>{t('common.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {reps.data?.items.map((r) => (
              <Fragment key={r.id}>
                <tr data-rep={r.id}>
                  <td>{f.rep(r.id, r.name)}</td>
                  <td>{t(`roles.${r.role}`)}</td>
                  <td>{teamName(r.teamId)}</td>
                  <td>{r.hiredAt}</td>
                  <td>{r.tags.map((tag) => <span key={tag} className="badge">{tag}</span>)}</td>
                  {/* Admins own no customers: no caps apply to them. */}
                  <td>
                    {r.role === 'admin' ? '—' : t('settings.capsValue', r.caps)}
                    {r.role !== 'admin' && r.caps.rule?.name ? <div className="muted">{t('settings.capsRule', { rule: ruleText(r.caps.rule.name) })}</div> : null}
                  </td>
                  <td className="muted">{[r.mobile, r.wecomUserId, r.dingtalkUserId, r.feishuUserId].filter(Boolean).join(' · ') || '—'}</td>
                  <td>{r.active ? '✓' : '✗'}</td>
                  <td>{access.cell(r)}</td>
                  {admin ? (
                    <td>
                      <button type="button" className="secondary" aria-expanded={editing === r.id} aria-label={t('settings.editLabel', { name: r.name })} onClick={() => { setNotice(null); setEditing(editing === r.id ? null : r.id); }}>
                        {t('settings.edit')}
                      </button>
                    </td>
                  ) : null}
                </tr>
                {editing === r.id ? (
                  <tr className="form-row">
                    <td colSpan={10}>
                      <RepEditForm rep={r} teams={teams.data?.items ?? []} onDone={saved} onCancel={() => setEditing(null)} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      {admin ? (
        <form className="card form-grid" onSubmit={submit} aria-label={t('settings.createRep')}>
          <h3>{t('settings.createRep')}</h3>
          <Field label={t('fields.id')}>{(id) => <input id={id} value={form.id} onChange={set('id')} />}</Field>
          <Field label={t('fields.name')}>{(id) => <input id={id} required value={form.name} onChange={set('name')} />}</Field>
          <Field label={t('fields.email')}>{(id) => <input id={id} type="email" required value={form.email} onChange={set('email')} />}</Field>
          <Field label={t('fields.role')}>
            {(id) => (
              <RoleSelect id={id} value={form.role} onChange={set('role')} />
            )}
          </Field>
          <Field label={t('fields.team')}>
            {(id) => (
              <TeamSelect id={id} value={form.teamId} onChange={set('teamId')} teams={teams.data?.items ?? []} />
            )}
          </Field>
          <Field label={t('fields.hiredAt')}>{(id) => <input id={id} type="date" value={form.hiredAt} onChange={set('hiredAt')} />}</Field>
          <Field label={t('fields.timeZone')}>{(id) => <input id={id} value={form.timeZone} onChange={set('timeZone')} />}</Field>
          <Field label={t('fields.tags')} help={t('settings.tagsHelp')}>
            {(id) => <input id={id} value={form.tags} onChange={set('tags')} />}
          </Field>
          <ErrorNotice error={create.error} />
          <div className="buttons">
            <button type="submit" disabled={create.isPending}>
              {t('settings.createRep')}
            </button>
          </div>
        </form>
      ) : null}
      {admin && reps.data ? <RepMentionsForm reps={reps.data.items} /> : null}
    </section>
  );
}
