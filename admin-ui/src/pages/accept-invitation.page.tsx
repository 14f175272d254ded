// A one-time invitation or reset link (/ui/accept-invitation#<secret>; the secret stays in the
// fragment, so it reaches no server log): who it is for, the password rules, and setting the password.
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { api, ApiError } from '../api/client.js';
import { useAction } from '../api/use-action.js';
import { ErrorNotice, SuccessNotice } from '../components/error-notice.js';
import { Field } from '../components/field.js';
import { LanguageSwitch } from '../components/language-switch.js';
import { useFormat } from '../format.js';

interface Invitation {
  repId: string;
  name: string;
  email: string;
  kind: 'invitation' | 'reset';
  expiresAt: string;
  passwordRules: { minLength: number };
}

export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const token = useLocation().hash.replace(/^#/, '');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const invitation = useQuery({
    queryKey: ['invitation', token],
    // The secret goes in the body, never in a request path (which access logs keep).
    queryFn: () => api.post<Invitation>('/invitations/lookup', { token }),
    enabled: token !== '',
    retry: false,
  });
  const accept = useAction({ mutationFn: () => api.post('/invitations/accept', { token, password }) });
  // Like the server's refusals, "the two passwords differ" belongs to the attempt: editing clears it.
  const edit = (set: (v: string) => void, value: string) => {
    set(value);
    setMismatch(false);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMismatch(password !== confirm);
    if (password === confirm) accept.mutate();
  };
  const inv = invitation.data;
  return (
    <main className="sign-in" id="main">
      <h1>{t('app.name')}</h1>
      <div className="card">
        <h2>{inv?.kind === 'reset' ? t('invitation.resetTitle') : t('invitation.title')}</h2>
        {invitation.isLoading ? <p>{t('common.loading')}</p> : null}
        {/* The link lost its secret (the part after "#"), e.g. cut off by a mail program. */}
        {token === '' ? (
          <div className="notice error" role="alert">
            <p>{t('invitation.noSecret')}</p>
          </div>
        ) : null}
        <ErrorNotice error={invitation.error} />
        {/* A used link's rep has a password (or signed in another way): the way on is signing in. */}
        {[invitation.error, accept.error].some((e) => e instanceof ApiError && e.code === 'INVITATION_INVALID' && (e.details.reason === 'used' || e.details.reason === 'signed_up')) ? (
          <Link to="/sign-in">{t('invitation.signIn')}</Link>
        ) : null}
        {accept.isSuccess && inv ? (
          <>
            <SuccessNotice message={t('invitation.done')} />
            <Link to="/sign-in" state={{ email: inv.email }}>
              {t('invitation.signIn')}
            </Link>
          </>
        ) : inv ? (
          <form onSubmit={submit} aria-label={t('invitation.title')}>
            <p data-testid="invitation-for">{t('invitation.for', { name: inv.name, email: inv.email, until: f.dateTime(inv.expiresAt) })}</p>
            <p className="muted" data-testid="password-rules">
              {t('invitation.rules', { min: inv.passwordRules.minLength })}
            </p>
            <input type="email" autoComplete="username" value={inv.email} readOnly hidden />
            <Field label={t('invitation.password')}>
              {(id) => <input id={id} type="password" autoComplete="new-password" required autoFocus minLength={inv.passwordRules.minLength} value={password} onChange={(e) => edit(setPassword, e.target.value)} />}
            </Field>
            <Field label={t('invitation.confirm')}>
              {(id) => <input id={id} type="password" autoComplete="new-password" required value={confirm} onChange={(e) => edit(setConfirm, e.target.value)} />}
            </Field>
            {mismatch ? (
              <div className="notice error" role="alert">
                <p>{t('invitation.mismatch')}</p>
              </div>
            ) : null}
            <ErrorNotice error={accept.error} fields={{ password: t('invitation.password') }} />
            <button type="submit" disabled={accept.isPending}>
              {t('invitation.submit')}
            </button>
          </form>
        ) : null}
      </div>
      <LanguageSwitch />
    </main>
  );
}
