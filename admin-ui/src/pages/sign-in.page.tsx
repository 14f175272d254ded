// Sign-in with an API token; lands on the page for the user's role (or where they were going).
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
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (me) return <Navigate to={homeFor(me.role)} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const rep = await signIn(token.trim());
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from !== '/' ? from : homeFor(rep.role), { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in" id="main">
      <h1>{t('app.name')}</h1>
      <form onSubmit={submit} className="card">
        <h2>{t('signIn.title')}</h2>
        <Field label={t('signIn.token')} help={t('signIn.help')}>
          {(id) => <input id={id} type="password" autoComplete="off" required autoFocus value={token} onChange={(e) => setToken(e.target.value)} />}
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
