// A customer's quotes, newest first, each with its items and approval levels.
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../components/error-notice.js';
import { QuoteLevels, QuoteStatusBadge } from '../components/quote-levels.js';
import { moneyText, useFormat } from '../format.js';
import { useQuotes } from './stages/quote-state.js';
import { QuoteDocumentAction } from './customer-documents.js';

export function CustomerQuotes({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const quotes = useQuotes(customerId);
  const money = (amount: number, currency: string, price = false) => moneyText(f.locale, amount, currency, { price });
  return (
    <section aria-labelledby="quotes-title">
      <h2 id="quotes-title">{t('quote.title')}</h2>
      <ErrorNotice error={quotes.error} />
      {quotes.data?.items.length === 0 ? <p className="muted">{t('quote.none')}</p> : null}
      <ul className="plain" data-testid="quotes">
        {quotes.data?.items.map((q) => (
          <li key={q.id} className="card quote" data-status={q.status}>
            <p>
              <QuoteStatusBadge status={q.status} /> <strong>{money(q.amount, q.currency)}</strong>
              {q.currency !== 'USD' ? <span className="muted">{f.aside(money(q.amountUsd, 'USD'))}</span> : null} ·{' '}
              {t('quote.discountMargin', { discount: q.discountPct, margin: q.marginPct })} · {t('quote.submittedBy', { rep: f.rep(q.submittedBy, q.submittedByName), when: f.dateTime(q.createdAt) })}
              {q.validUntil ? ` · ${t('quote.validUntilDate', { date: f.date(q.validUntil) })}` : ''}
            </p>
            <ul className="items-list">
              {q.items.map((i, n) => (
                <li key={n}>
                  {i.description} — {f.number(i.quantity)} × {money(i.unitPrice, q.currency, true)}
                </li>
              ))}
            </ul>
            {q.note ? <p className="muted">{q.note}</p> : null}
            {q.rejectionReason ? <p className="notice error">{t('quote.rejectedBecause', { reason: q.rejectionReason })}</p> : null}
            <QuoteLevels levels={q.levels} />
            {q.status === 'approved' ? <QuoteDocumentAction quoteId={q.id} customerId={customerId} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
