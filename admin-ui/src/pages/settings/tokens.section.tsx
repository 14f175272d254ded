// API tokens (admins): issue one for a rep (shown once; only its hash is stored), list a rep's
// tokens, and revoke one — it stops working on its very next request.
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useAction } from '../../api/use-action.js';
import type { Rep, Token, TokenInfo } from '../../api/types.js';
import { ErrorNotice, SuccessNotice } from '../../components/error-notice.js';
import { Field } from '../../components/field.js';
import { useFormat } from '../../format.js';

/** The scope sets an admin picks from (read: GET only; write: any method; admin: admin-only routes). */
const SCOPES = { all: ['read', 'write', 'admin'], write: ['read', 'write'], read: ['read'] } as const;
const SCOPE_LABEL = { all: 'tokens.scopeAll', write: 'tokens.scopeWrite', read: 'tokens.scopeRead' } as const;

/** A token's scopes in the words the picker uses (a set the picker does not offer, as the codes). */
const scopeSet = (scopes: readonly string[]): keyof typeof SCOPES | null =>
  (Object.keys(SCOPES) as (keyof typeof SCOPES)[]).find((k) => SCOPES[k].length === scopes.length && SCOPES[k].every((x) => scopes.includes(x))) ?? null;

export function TokensSection() {
  const { t } = useTranslation();
  const f = useFormat();
  const reps = useQuery({ queryKey: ['reps'], queryFn: () => api.get<{ items: Rep[] }>('/reps') });
  const [repId, setRepId] = useState('');
  const [name, setName] = useState('admin-ui');
  const [expiresInDays, setExpiresInDays] = useState('');
  const [scopes, setScopes] = useState<keyof typeof SCOPES>('all');
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const tokens = useQuery({
    queryKey: ['tokens', repId],
    queryFn: () => api.get<{ items: TokenInfo[] }>(`/reps/${encodeURIComponent(repId)}/tokens`),
    enabled: repId !== '',
  });
  const issue = useAction({
    mutationFn: () => api.post<Token>(`/reps/${encodeURIComponent(repId)}/tokens`, { name, scopes: SCOPES[scopes], ...(expiresInDays ? { expiresInDays: Number(expiresInDays) } : {}) }),
    notice: setNotice,
    invalidates: [['tokens', repId]],
  });
  const revoke = useAction({
    mutationFn: (token: TokenInfo) => api.delete(`/reps/${encodeURIComponent(token.repId)}/tokens/${encodeURIComponent(token.id)}`),
    notice: setNotice,
    message: (_r, token) => t('tokens.revoked', { name: token.name }),
    onSuccess: () => {
      setConfirming(null);
      issue.reset();
    },
    invalidates: [['tokens', repId]],
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    issue.mutate();
  };
  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t('settings.tokens')}</h2>
      <form className="card form-grid" onSubmit={submit} aria-label={t('settings.issueToken')}>
        <Field label={t('settings.tokenFor')}>
          {(id) => (
            <select id={id} required value={repId} onChange={(e) => { setRepId(e.target.value); issue.reset(); setNotice(null); setConfirming(null); }}>
              <option value="">—</option>
              {reps.data?.items.map((r) => (
                <option key={r.id} value={r.id}>
                  {f.rep(r.id, r.name)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('settings.tokenName')}>{(id) => <input id={id} required value={name} onChange={(e) => setName(e.target.value)} />}</Field>
        <Field label={t('tokens.expiresInDays')}>
          {(id) => <input id={id} type="number" min={1} max={3650} step={1} value={expiresInDays} onChange={(e) => setExpiresInDays(e.target.value)} />}
        </Field>
        <Field label={t('tokens.scopes')}>
          {(id) => (
            <select id={id} value={scopes} onChange={(e) => setScopes(e.target.value as keyof typeof SCOPES)}>
              {(Object.keys(SCOPES) as (keyof typeof SCOPES)[]).map((k) => (
                <option key={k} value={k}>
                  {t(SCOPE_LABEL[k])}
                </option>
              ))}
            </select>
          )}
        </Field>
        <ErrorNotice error={issue.error} />
        <div className="buttons">
          <button type="submit" disabled={issue.isPending}>
            {t('settings.issueToken')}
          </button>
        </div>
      </form>
      {issue.data ? (
        <div className="notice success" role="status">
          {t('settings.tokenShown', { rep: issue.data.repId })} <code data-testid="new-token">{issue.data.token}</code>
        </div>
      ) : null}
      <SuccessNotice message={notice} />
      <ErrorNotice error={tokens.error ?? revoke.error} />
      {repId ? (
        <div className="table-wrap">
          <table data-testid="tokens-table">
            <thead>
              <tr>
                <th>{t('settings.tokenName')}</th>
                <th>{t('fields.createdAt')}</th>
                <th>{t('tokens.issuedBy')}</th>
                <th>{t('tokens.lastUsed')}</th>
                <th>{t('tokens.expires')}</th>
                <th>{t('fields.status')}</th>
                <th>{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.data?.items.map((token) => (
                <tr key={token.id} data-token={token.id} className={token.revokedAt ? 'muted' : undefined}>
                  <td>
                    {token.name}
                    <span className="muted">{f.aside(token.id)}</span> <span className="muted" data-testid="token-scopes">{scopeSet(token.scopes) ? t(SCOPE_LABEL[scopeSet(token.scopes)!]) : token.scopes.join(', ')}</span>
                  </td>
                  <td>{f.dateTime(token.createdAt)}</td>
                  <td>{token.issuedBy ?? '—'}</td>
                  <td>{token.lastUsedAt ? f.dateTime(token.lastUsedAt) : t('tokens.never')}</td>
                  <td>{token.expiresAt ? f.dateTime(token.expiresAt) : t('tokens.noExpiry')}</td>
                  <td>
                    {token.revokedAt
                      ? t('tokens.revokedAt', { when: f.dateTime(token.revokedAt) })
                      : token.expiresAt && Date.parse(token.expiresAt) <= Date.now()
                        ? t('tokens.expiredAt', { when: f.dateTime(token.expiresAt) })
                        : t('tokens.active')}
                  </td>
                  <td>
                    {token.revokedAt ? null : confirming === token.id ? (
                      <div className="row-actions" role="group" aria-label={t('tokens.confirm', { name: token.name })}>
                        <span>{t('tokens.confirm', { name: token.name })}</span>
                        <button type="button" className="danger" disabled={revoke.isPending} onClick={() => revoke.mutate(token)} autoFocus>
                          {t('tokens.confirmRevoke')}
                        </button>
                        <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                          {t('common.cancel')}
                        </button>
                      </div>
                    ) : (
                      <button type="button" className="secondary" onClick={() => setConfirming(token.id)} aria-label={`${t('tokens.revoke')}: ${token.name}`}>
                        {t('tokens.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {tokens.data?.items.length === 0 ? <p className="muted">{t('tokens.none')}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
