// Sign-in with e-mail and password (the session cookie is set by the server); lands on the page for
// the user's role (or where they were going).
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useSession } from '../auth/session.js';
import { SsoSignIn } from '../auth/sso-sign-in.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Field } from '../components/field.js';
import { LanguageSwitch } from '../components/language-switch.js';
import { homeFor } from '../pages.js';

export function SignInPage() {
  const { t } = useTranslation();
  const { me, signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const state = location.state as { from?: string; email?: string } | null;
  const [email, setEmail] = useState(state?.email ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (me) return <Navigate to={homeFor(me.role)} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const rep = await signIn(email.trim(), password);
      navigate(state?.from && state.from !== '/' ? state.from : homeFor(rep.role), { replace: true });
    } catch (err) {
      setError(err);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in" id="main">
      <h1>{t('app.name')}</h1>
      <form onSubmit={submit} className="card" aria-label={t('signIn.title')}>
        <h2>{t('signIn.title')}</h2>
        <Field label={t('signIn.email')}>
          {(id) => <input id={id} type="email" autoComplete="username" required autoFocus={!state?.email} value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <Field label={t('signIn.password')} help={t('signIn.help')}>
          {(id) => <input id={id} type="password" autoComplete="current-password" required autoFocus={Boolean(state?.email)} value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        <ErrorNotice error={error} />
        <button type="submit" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
      <SsoSignIn />
      <LanguageSwitch />
    </main>
  );
}
