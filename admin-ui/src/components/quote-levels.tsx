// A quote's approval levels in order: who signs each, its state, who decided it, when and why.
import { useTranslation } from 'react-i18next';
import type { QuoteLevel } from '../api/types.js';
import { useFormat } from '../format.js';
import { useApproverText } from './approvers.js';
import { ruleText } from '../i18n/codes.js';

export function QuoteLevels({ levels }: { levels: readonly QuoteLevel[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const approvers = useApproverText();
  if (levels.length === 0) return <p className="muted">{t('quote.noApproval')}</p>;
  return (
    <ol className="plain levels" data-testid="quote-levels">
      {levels.map((l) => (
        <li key={l.level} className={`level level-${l.status}`} data-status={l.status}>
          <strong>{t('quote.level', { level: l.level })}</strong> · {approvers(l.approvers)} ·{' '}
          <span className={`badge level-${l.status}`}>{t(`quote.levelStatus.${l.status}`)}</span>
          {l.escalated ? <span className="badge warn">{t('quote.escalated')}</span> : null}
          {l.status === 'pending' && l.dueAt ? <span className="muted"> · {t('quote.escalatesAt', { when: f.dateTime(l.dueAt) })}</span> : null}
          {l.decidedBy ? <span> · {t('quote.decidedBy', { rep: f.rep(l.decidedBy, l.decidedByName), when: f.dateTime(l.decidedAt) })}</span> : null}
          {l.comment ? <q className="comment">{l.comment}</q> : null}
          {l.reasons?.length ? <div className="muted">{t('quote.reasons', { reasons: l.reasons.map(ruleText).join(t('common.clauseSep')) })}</div> : null}
        </li>
      ))}
    </ol>
  );
}

/** "Pending approval · level 1 of 2 (the rep's manager)", or the quote's final state. */
export function QuoteStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge quote-${status}`}>{t(`quote.status.${status}` as 'quote.status.approved')}</span>;
}
