// Holiday calendars: public holidays and make-up working days (调休) that working-day deadlines
// follow. Everyone reads them; admins add days (the calendar is replaced as a whole, atomically),
// remove a day, and start a new calendar by giving it its first day.
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useAction } from '../../api/use-action.js';
import type { Holiday } from '../../api/types.js';
import { useMe } from '../../auth/session.js';
import { ErrorNotice, SuccessNotice } from '../../components/error-notice.js';
import { Field } from '../../components/field.js';
import { useFormat } from '../../format.js';

const NEW = '__new__';

export function useHolidays() {
  return useQuery({ queryKey: ['holidays'], queryFn: () => api.get<{ items: Holiday[] }>('/holidays') });
}

export function calendarNames(days: readonly Holiday[] | undefined): string[] {
  return [...new Set((days ?? []).map((d) => d.calendar))].sort();
}

export function HolidaysSection() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const holidays = useHolidays();
  const names = calendarNames(holidays.data?.items);
  const [chosen, setChosen] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const [day, setDay] = useState({ day: '', name: '', kind: 'holiday' as Holiday['kind'] });
  const [notice, setNotice] = useState<string | null>(null);
  const selected = chosen ?? names[0] ?? NEW;
  const calendar = selected === NEW ? newName.trim() : selected;
  const days = (holidays.data?.items ?? []).filter((d) => d.calendar === selected);
  const admin = me.role === 'admin';

  const add = useAction({
    mutationFn: () => {
      const next = [...days.filter((d) => d.day !== day.day), { calendar, day: day.day, name: day.name.trim(), kind: day.kind }].sort((a, b) => a.day.localeCompare(b.day));
      return api.put<{ calendar: string; days: Holiday[] }>(`/holidays/${encodeURIComponent(calendar)}`, { days: next.map(({ day: d, name, kind }) => ({ day: d, name, kind })) });
    },
    notice: setNotice,
    message: (r) => t('holidays.saved', { calendar: r.calendar, count: r.days.length }),
    onSuccess: (r) => {
      setDay({ day: '', name: '', kind: 'holiday' });
      setChosen(r.calendar);
      setNewName('');
    },
    invalidates: [['holidays']],
  });
  const remove = useAction({
    mutationFn: (h: Holiday) => api.delete(`/holidays/${encodeURIComponent(h.calendar)}/${h.day}`),
    notice: setNotice,
    message: (_r, h) => t('holidays.removed', { day: f.date(h.day), calendar: h.calendar }),
    invalidates: [['holidays']],
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };

  return (
    <section aria-labelledby="holidays-title">
      <h2 id="holidays-title">{t('settings.holidays')}</h2>
      <p className="muted">{t('holidays.help')}</p>
      <ErrorNotice error={holidays.error ?? remove.error} />
      <SuccessNotice message={notice} />
      <div className="inline-form">
        <Field label={t('holidays.calendar')}>
          {(id) => (
            <select id={id} value={selected} onChange={(e) => { setChosen(e.target.value); add.reset(); }}>
              {names.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
              {admin ? <option value={NEW}>{t('holidays.newCalendar')}</option> : null}
            </select>
          )}
        </Field>
        {selected === NEW ? (
          <Field label={t('holidays.newName')} help={t('holidays.newNameHelp')}>
            {(id) => <input id={id} value={newName} maxLength={32} required onChange={(e) => setNewName(e.target.value)} />}
          </Field>
        ) : null}
      </div>
      {selected !== NEW ? (
        <div className="table-wrap">
          <table data-testid="holidays-table">
            <thead>
              <tr>
                <th>{t('holidays.day')}</th>
                <th>{t('holidays.weekday')}</th>
                <th>{t('fields.title')}</th>
                <th>{t('holidays.kind')}</th>
                {admin ? <th>{t('common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {days.map((h) => (
                <tr key={h.day} data-day={h.day}>
                  <td>{h.day}</td>
                  <td>{new Intl.DateTimeFormat(f.locale, { weekday: 'short', timeZone: 'UTC' }).format(new Date(`${h.day}T00:00:00Z`))}</td>
                  <td>{h.name}</td>
                  <td>
                    <span className={`badge kind-${h.kind}`}>{t(`holidays.kinds.${h.kind}`)}</span>
                  </td>
                  {admin ? (
                    <td>
                      <button type="button" className="secondary" disabled={remove.isPending} onClick={() => remove.mutate(h)} aria-label={t('holidays.remove', { day: h.day, name: h.name })}>
                        {t('holidays.removeShort')}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
          {days.length === 0 && !holidays.isLoading ? <p className="muted">{t('holidays.noCalendars')}</p> : null}
        </div>
      ) : null}
      {admin ? (
        <form className="card form-grid" onSubmit={submit} aria-label={t('holidays.add')}>
          <h3>{calendar ? t('holidays.addTo', { calendar }) : t('holidays.add')}</h3>
          <Field label={t('holidays.day')}>{(id) => <input id={id} type="date" required value={day.day} onChange={(e) => setDay({ ...day, day: e.target.value })} />}</Field>
          <Field label={t('fields.title')}>{(id) => <input id={id} required maxLength={120} value={day.name} onChange={(e) => setDay({ ...day, name: e.target.value })} />}</Field>
          <Field label={t('holidays.kind')} help={t('holidays.kindHelp')}>
            {(id) => (
              <select id={id} value={day.kind} onChange={(e) => setDay({ ...day, kind: e.target.value as Holiday['kind'] })}>
                <option value="holiday">{t('holidays.kinds.holiday')}</option>
                <option value="workday">{t('holidays.kinds.workday')}</option>
              </select>
            )}
          </Field>
          <ErrorNotice error={add.error} />
          <div className="buttons">
            <button type="submit" disabled={add.isPending || !calendar}>
              {t('holidays.add')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
