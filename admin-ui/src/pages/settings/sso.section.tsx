// Single sign-on settings as the server was started with them (read-only; they live in the
// configuration, see the README). Secrets are never shown, only whether one is set.
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import type { SsoSettings } from '../../api/types.js';
import { ErrorNotice } from '../../components/error-notice.js';

export function SsoSection() {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: ['sso-settings'], queryFn: () => api.get<SsoSettings>('/sso/settings') });
  const s = settings.data;
  const block = (title: string, key: string, rows: [string, ReactNode][] | null) => (
    <section className="card" aria-label={title} data-sso={key}>
      <h3>{title}</h3>
      {rows ? (
        <dl>
          {rows.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted">{t('sso.settings.off')}</p>
      )}
    </section>
  );
  return (
    <section aria-labelledby="sso-title">
      <h2 id="sso-title">{t('settings.sso')}</h2>
      <p className="muted">{t('sso.settings.help')}</p>
      <ErrorNotice error={settings.error} />
      {s ? (
        <>
          {block(
            t('sso.kinds.oidc'),
            'oidc',
            s.oidc
              ? [
                  [t('sso.settings.label'), s.oidc.label],
                  [t('sso.settings.issuer'), s.oidc.issuer],
                  [t('sso.settings.clientId'), s.oidc.clientId],
                  [t('sso.settings.secret'), s.oidc.hasClientSecret ? t('sso.settings.secretSet') : t('sso.settings.secretNone')],
                  [t('sso.settings.redirectUri'), s.oidc.redirectUri],
                  [t('sso.settings.scopes'), s.oidc.scopes],
                  [t('sso.settings.matchClaim'), s.oidc.matchClaim === 'email' ? t('sso.settings.matchEmail') : t('sso.settings.matchOther', { claim: s.oidc.matchClaim })],
                  [t('sso.settings.jit'), s.oidc.jit ? t('sso.settings.jitOn', { role: t(`roles.${s.oidc.jit.role}`), team: s.oidc.jit.teamId ?? '—' }) : t('sso.settings.jitOff')],
                ]
              : null,
          )}
          {block(t('sso.kinds.wecom'), 'wecom', s.wecom ? [[t('sso.settings.corpId'), s.wecom.corpId], [t('sso.settings.agentId'), s.wecom.agentId], [t('sso.settings.redirectUri'), s.wecom.redirectUri]] : null)}
          {block(t('sso.kinds.dingtalk'), 'dingtalk', s.dingtalk ? [[t('sso.settings.clientId'), s.dingtalk.clientId], [t('sso.settings.redirectUri'), s.dingtalk.redirectUri]] : null)}
          {block(t('sso.kinds.feishu'), 'feishu', s.feishu ? [[t('sso.settings.appId'), s.feishu.appId], [t('sso.settings.redirectUri'), s.feishu.redirectUri]] : null)}
          <p className="muted">{t('sso.settings.timeout', { minutes: Math.round(s.loginTimeoutSeconds / 60) })}</p>
        </>
      ) : null}
    </section>
  );
}
