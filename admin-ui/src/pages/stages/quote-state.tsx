// Where a customer's latest quote stands, for its row in My customers: waiting at which level and
// for whom, or rejected with the approver's reason.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import type { Quote } from '../../api/types.js';
import { useApproverText } from '../../components/approvers.js';
import { QuoteStatusBadge } from '../../components/quote-levels.js';

export function useQuotes(customerId: string, enabled = true) {
  return useQuery({
    queryKey: ['quotes', customerId],
    queryFn: () => api.get<{ items: Quote[] }>(`/customers/${encodeURIComponent(customerId)}/quotes`),
    enabled,
  });
}

export function LatestQuote({ quote }: { quote: Quote | undefined }) {
  const { t } = useTranslation();
  const approvers = useApproverText();
  if (!quote) return null;
  const pending = quote.levels.find((l) => l.status === 'pending');
  return (
    <div className="latest-quote" data-testid="latest-quote" data-status={quote.status}>
      <QuoteStatusBadge status={quote.status} />{' '}
      {pending ? (
        <span>{t('quote.waitingAt', { level: pending.level, of: quote.levels.length, approvers: approvers(pending.approvers) })}</span>
      ) : quote.status === 'rejected' ? (
        <span>{t('quote.revise', { reason: quote.rejectionReason ?? '—' })}</span>
      ) : null}
    </div>
  );
}
