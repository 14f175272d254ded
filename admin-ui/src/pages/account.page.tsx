// My account: change my password, and my sessions — where I am signed in, ending one, or signing
// out everywhere (this browser included).
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { useAction } from '../api/use-action.js';
import { useSession } from '../auth/session.js';
import { ErrorNotice, SuccessNotice } from '../components/error-notice.js';
import { Field } from '../components/field.js';
import { useFormat } from '../format.js';
import { useCodeText } from '../i18n/codes.js';
import { sessionDevice } from './session-device.js';

interface SessionInfo {
  id: string;
  method: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

export function AccountPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const code = useCodeText();
  const { signOut } = useSession();
  const [notice, setNotice] = useState<string | null>(null);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const sessions = useQuery({ queryKey: ['my-sessions'], queryFn: () => api.get<{ items: SessionInfo[] }>('/me/sessions') });
  const change = useAction({
    mutationFn: () => api.post('/me/password', { current, new: next }),
    notice: setNotice,
    message: () => t('account.changed'),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setRepeat('');
    },
    invalidates: [['my-sessions']],
  });
  const revoke = useAction({
    mutationFn: (s: SessionInfo) => api.delete(`/me/sessions/${encodeURIComponent(s.id)}`),
    notice: setNotice,
    message: () => t('account.revoked'),
    onSuccess: async (_r, s) => {
      if (s.current) await signOut();
    },
    invalidates: [['my-sessions']],
  });
  const revokeAll = useAction({ mutationFn: () => api.post('/me/sessions/revoke-all'), onSuccess: () => signOut() });
  // As on the invitation page: a new password typed twice, the difference found before asking the server (editing clears it).
  const edit = (set: (v: string) => void, value: string) => {
    set(value);
    setMismatch(false);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMismatch(next !== repeat);
    if (next === repeat) change.mutate();
  };
  return (
    <>
      <h1>{t('account.title')}</h1>
      <SuccessNotice message={notice} />
      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t('account.sessions')}</h2>
        <ErrorNotice error={sessions.error ?? revoke.error ?? revokeAll.error} />
        <div className="table-wrap">
          <table data-testid="sessions-table">
            <thead>
              <tr>
                <th>{t('account.created')}</th>
                <th>{t('account.lastSeen')}</th>
                <th>{t('account.ip')}</th>
                <th>{t('account.userAgent')}</th>
                <th>{t('account.method')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {sessions.data?.items.map((s) => (
                <tr key={s.id} data-current={s.current ? 'true' : undefined}>
                  <td>{f.dateTime(s.createdAt)}</td>
                  <td>
                    {f.dateTime(s.lastSeenAt)}
                    {s.current ? <span className="badge">{t('account.thisBrowser')}</span> : null}
                  </td>
                  <td>{s.ip ?? '—'}</td>
                  <td className="muted" title={s.userAgent ?? undefined} data-user-agent={s.userAgent ?? undefined}>
                    {sessionDevice(s.userAgent, t) ?? '—'}
                  </td>
                  <td>{code('signIn', s.method)}</td>
                  <td>
                    <button type="button" className="link" aria-label={t('account.revokeLabel', { id: s.id })} disabled={revoke.isPending} onClick={() => revoke.mutate(s)}>
                      {t('account.revoke')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {sessions.data?.items.length === 0 ? <p className="muted">{t('account.none')}</p> : null}
        <div className="buttons">
          <button type="button" onClick={() => revokeAll.mutate()} disabled={revokeAll.isPending}>
            {t('account.revokeAll')}
          </button>
        </div>
      </section>
      <form className="card form-grid" onSubmit={submit} aria-label={t('account.changePassword')}>
        <h2>{t('account.changePassword')}</h2>
        <Field label={t('account.current')}>{(id) => <input id={id} type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />}</Field>
        <Field label={t('account.newPassword')}>{(id) => <input id={id} type="password" autoComplete="new-password" required value={next} onChange={(e) => edit(setNext, e.target.value)} />}</Field>
        <Field label={t('invitation.confirm')}>{(id) => <input id={id} type="password" autoComplete="new-password" required value={repeat} onChange={(e) => edit(setRepeat, e.target.value)} />}</Field>
        {mismatch ? (
          <div className="notice error" role="alert">
            <p>{t('invitation.mismatch')}</p>
          </div>
        ) : null}
        <ErrorNotice error={change.error} fields={{ current: t('account.current'), new: t('account.newPassword') }} />
        <div className="buttons">
          <button type="submit" disabled={change.isPending}>
            {t('account.changePassword')}
          </button>
        </div>
      </form>
    </>
  );
}
