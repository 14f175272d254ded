// A rep's working days: the holiday calendar they follow (admins set it) and their leave (admins and
// their manager add and remove it). Working-day deadlines skip both; assignment passes reps on leave.
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useAction } from '../../api/use-action.js';
import type { Leave, Rep, RepCalendar } from '../../api/types.js';
import { useMe } from '../../auth/session.js';
import { ErrorNotice, SuccessNotice } from '../../components/error-notice.js';
import { Field } from '../../components/field.js';
import { useFormat } from '../../format.js';
import { calendarNames, useHolidays } from './holidays.section.js';

const WEEKENDS = '';

function RepCalendarForm({ rep, onDone }: { rep: Rep; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const names = calendarNames(useHolidays().data?.items);
  const [calendar, setCalendar] = useState(WEEKENDS);
  const save = useAction({
    mutationFn: () => api.put<RepCalendar>(`/reps/${encodeURIComponent(rep.id)}/calendar`, { calendar: calendar === WEEKENDS ? null : calendar }),
    onSuccess: (r) => onDone(t('leave.calendarSet', { rep: rep.name, calendar: r.calendar ?? t('leave.weekendsOnly'), timeZone: r.timeZone })),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="inline-form card" onSubmit={submit} aria-label={`${t('leave.setCalendar')}: ${rep.name}`}>
      <Field label={t('leave.calendarOf', { rep: rep.name })} help={t('leave.calendarHelp', { timeZone: rep.timeZone })}>
        {(id) => (
          <select id={id} value={calendar} onChange={(e) => setCalendar(e.target.value)}>
            <option value={WEEKENDS}>{t('leave.weekendsOnly')}</option>
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ErrorNotice error={save.error} />
      <div className="buttons">
        <button type="submit" disabled={save.isPending}>
          {t('leave.setCalendar')}
        </button>
      </div>
    </form>
  );
}

export function LeaveSection() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const reps = useQuery({ queryKey: ['reps'], queryFn: () => api.get<{ items: Rep[] }>('/reps') });
  const [repId, setRepId] = useState('');
  const rep = reps.data?.items.find((r) => r.id === repId);
  const leave = useQuery({
    queryKey: ['leave', repId],
    queryFn: () => api.get<{ items: Leave[] }>(`/reps/${encodeURIComponent(repId)}/leave`),
    enabled: repId !== '',
  });
  const [form, setForm] = useState({ startsOn: '', endsOn: '', reason: '' });
  const [notice, setNotice] = useState<string | null>(null);
  const add = useAction({
    mutationFn: () => api.post<Leave>(`/reps/${encodeURIComponent(repId)}/leave`, { startsOn: form.startsOn, endsOn: form.endsOn, ...(form.reason.trim() ? { reason: form.reason.trim() } : {}) }),
    notice: setNotice,
    message: (l) => t('leave.added', { rep: rep?.name ?? repId, from: l.startsOn, to: l.endsOn }),
    onSuccess: () => setForm({ startsOn: '', endsOn: '', reason: '' }),
    invalidates: [['leave', repId]],
  });
  const remove = useAction({
    mutationFn: (l: Leave) => api.delete(`/reps/${encodeURIComponent(repId)}/leave/${encodeURIComponent(l.id)}`),
    notice: setNotice,
    message: (_r, l) => t('leave.removed', { rep: rep?.name ?? repId, from: l.startsOn, to: l.endsOn }),
    invalidates: [['leave', repId]],
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };

  return (
    <section aria-labelledby="leave-title">
      <h2 id="leave-title">{t('settings.leave')}</h2>
      <p className="muted">{t('leave.help')}</p>
      <ErrorNotice error={reps.error ?? leave.error ?? remove.error} />
      <SuccessNotice message={notice} />
      <Field label={t('leave.rep')}>
        {(id) => (
          <select id={id} value={repId} onChange={(e) => { setRepId(e.target.value); setNotice(null); add.reset(); }}>
            <option value="">—</option>
            {reps.data?.items.map((r) => (
              <option key={r.id} value={r.id}>
                {f.rep(r.id, r.name)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {rep ? (
        <>
          {me.role === 'admin' ? <RepCalendarForm key={rep.id} rep={rep} onDone={setNotice} /> : null}
          <h3>{t('leave.of', { rep: rep.name })}</h3>
          <div className="table-wrap">
            <table data-testid="leave-table">
              <thead>
                <tr>
                  <th>{t('leave.startsOn')}</th>
                  <th>{t('leave.endsOn')}</th>
                  <th>{t('leave.reason')}</th>
                  <th>{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {leave.data?.items.map((l) => (
                  <tr key={l.id}>
                    <td>{l.startsOn}</td>
                    <td>{l.endsOn}</td>
                    <td>{l.reason ?? '—'}</td>
                    <td>
                      <button type="button" className="secondary" disabled={remove.isPending} onClick={() => remove.mutate(l)} aria-label={t('leave.remove', { from: l.startsOn, to: l.endsOn })}>
                        {t('holidays.removeShort')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {leave.data?.items.length === 0 ? <p className="muted">{t('leave.empty')}</p> : null}
          <form className="card form-grid" onSubmit={submit} aria-label={t('leave.add')}>
            <h3>{t('leave.add')}</h3>
            <Field label={t('leave.startsOn')}>{(id) => <input id={id} type="date" required value={form.startsOn} onChange={(e) => setForm({ ...form, startsOn: e.target.value })} />}</Field>
            <Field label={t('leave.endsOn')}>{(id) => <input id={id} type="date" required value={form.endsOn} onChange={(e) => setForm({ ...form, endsOn: e.target.value })} />}</Field>
            <Field label={t('leave.reason')}>{(id) => <input id={id} maxLength={500} value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} />}</Field>
            <ErrorNotice error={add.error} />
            <div className="buttons">
              <button type="submit" disabled={add.isPending}>
                {t('leave.add')}
              </button>
            </div>
          </form>
        </>
      ) : null}
    </section>
  );
}
