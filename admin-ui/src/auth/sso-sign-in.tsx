// Single sign-on on the sign-in page: a "Sign in with …" button per configured method (GET
// /auth/methods; each is a plain link, the server sends the browser on to the provider), and the
// reason in words when a single sign-on came back refused (/sign-in?sso_error=<reason>).
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { api } from '../api/client.js';
import type { SignInMethod } from '../api/types.js';

const REASONS = ['not_configured', 'state', 'expired', 'denied', 'code', 'token', 'unverified_email', 'no_identity', 'unknown_user', 'inactive', 'provider'] as const;
const KINDS = ['oidc', 'wecom', 'dingtalk', 'feishu'] as const;

export function SsoSignIn() {
  const { t } = useTranslation();
  const location = useLocation();
  const methods = useQuery({ queryKey: ['auth-methods'], queryFn: () => api.get<SignInMethod[]>('/auth/methods'), staleTime: 60_000 });
  const label = (m: SignInMethod) => (m.kind === 'oidc' ? m.label : t(`sso.kinds.${m.kind}`));
  const params = new URLSearchParams(location.search);
  const reason = params.get('sso_error');
  const kind = (KINDS as readonly string[]).includes(params.get('sso_method') ?? '') ? (params.get('sso_method') as (typeof KINDS)[number]) : null;
  const known = reason && (REASONS as readonly string[]).includes(reason) ? (reason as (typeof REASONS)[number]) : 'other';
  const refusedMethod = kind === 'oidc' ? (methods.data?.find((m) => m.kind === 'oidc')?.label ?? t('sso.kinds.oidc')) : kind ? t(`sso.kinds.${kind}`) : t('sso.kinds.oidc');
  return (
    <>
      {reason ? (
        <div className="notice error" role="alert" data-code={`SSO_${known.toUpperCase()}`}>
          <p>{t(`sso.errors.${known}`, { method: refusedMethod })}</p>
        </div>
      ) : null}
      {methods.data && methods.data.length > 0 ? (
        <nav className="card sso-methods" aria-label={t('sso.title')}>
          <p className="muted">{t('sso.or')}</p>
          {methods.data.map((m) => (
            <a key={m.id} className="button" href={m.startUrl} data-method={m.kind}>
              {t('sso.with', { label: label(m) })}
            </a>
          ))}
        </nav>
      ) : null}
    </>
  );
}
