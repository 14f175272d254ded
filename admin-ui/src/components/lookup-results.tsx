// Where each matching customer is (查重): in which pool and whether you may claim it (or why not),
// owned or won by which rep, merged into which customer. Links only where the API gave an id.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LookupMatch, LookupResult } from '../api/types.js';
import { ApiError } from '../api/client.js';
import { ErrorNotice, useErrorMessage } from './error-notice.js';

function Where({ m }: { m: LookupMatch }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const l = m.location;
  switch (l.status) {
    case 'pool':
      return l.claimable ? (
        <span className="ok">{t('lookup.inPoolClaimable', { pool: l.poolName })}</span>
      ) : (
        <span>
          {t('lookup.inPool', { pool: l.poolName })} — {t('lookup.notClaimable', { reason: l.refusal ? message(new ApiError(409, l.refusal.code, l.refusal.message, l.refusal.details)) : '' })}
        </span>
      );
    case 'owned':
      return <span>{l.yours ? t('lookup.yours') : t('lookup.ownedBy', { rep: l.owner.name })}</span>;
    case 'won':
      return <span>{l.yours ? t('lookup.wonByYou') : t('lookup.wonBy', { rep: l.owner?.name ?? '—' })}</span>;
  }
}

export function LookupResults({ result, error, label }: { result: LookupResult | undefined; error: unknown; label: string }) {
  const { t } = useTranslation();
  if (error) return <ErrorNotice error={error} />;
  if (!result) return null;
  return (
    <div className="lookup-results" aria-live="polite" aria-label={label}>
      {result.matches.length === 0 ? (
        <p className="muted">{t('lookup.none', { query: result.query })}</p>
      ) : (
        <ul data-testid="lookup-matches">
          {result.matches.map((m, i) => (
            <li key={`${m.companyName}-${i}`}>
              {m.location.customerId ? <Link to={`/customers/${encodeURIComponent(m.location.customerId)}`}>{m.companyName}</Link> : <strong>{m.companyName}</strong>}{' '}
              <small className="muted">
                {m.score !== null ? t('lookup.similar', { score: Math.round(m.score * 100) }) : t('lookup.exact', { on: m.matchedOn.map((k) => t(`lookup.on.${k}` as 'lookup.on.name')).join(', ') })}
              </small>
              {m.mergedInto ? <> — {t('lookup.mergedInto', { company: m.mergedInto })}</> : null} — <Where m={m} />
            </li>
          ))}
        </ul>
      )}
      {result.truncated ? <p className="muted">{t('lookup.truncated')}</p> : null}
    </div>
  );
}
