// The approver's inbox (R7): quote levels waiting for me, oldest due first, with why each needs
// approval; approve with a comment or reject with a reason. What I decided before is one tab away.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.js';
import type { ApprovalDecided, ApprovalItem } from '../../api/types.js';
import { useApproverText } from '../../components/approvers.js';
import { ErrorNotice, SuccessNotice } from '../../components/error-notice.js';
import { Tabs } from '../../components/tabs.js';
import { moneyText, useFormat } from '../../format.js';
import { DecisionForm } from './decision-form.js';
import { ruleText } from '../../i18n/codes.js';

type View = 'pending' | 'decided';

export function ApprovalsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const approvers = useApproverText();
  const queryClient = useQueryClient();
  const [view, setView] = useState<View>('pending');
  const [open, setOpen] = useState<{ quoteId: string; verb: 'approve' | 'reject' } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Always fresh when the page opens: the header's poll may have filled the cache moments before.
  const inbox = useQuery({ queryKey: ['approvals', view], queryFn: () => api.get<{ items: ApprovalItem[] }>(`/approvals?status=${view}`), staleTime: 0 });
  const items = inbox.data?.items ?? [];

  const money = (amount: number, currency: string) => moneyText(f.locale, amount, currency);
  const decided = (item: ApprovalItem) => (r: ApprovalDecided) => {
    setOpen(null);
    setNotice(t(`approvals.done.${r.decided}`, { company: item.companyName, level: item.level, rep: item.repName }));
    void queryClient.invalidateQueries({ queryKey: ['approvals'] });
    void queryClient.invalidateQueries({ queryKey: ['quotes', item.customerId] });
    void queryClient.invalidateQueries({ queryKey: ['customer', item.customerId] });
  };

  return (
    <section>
      <h1>{t('approvals.title')}</h1>
      <SuccessNotice message={notice} />
      <Tabs
        label={t('approvals.title')}
        selected={view}
        onSelect={(v) => {
          setView(v);
          setOpen(null);
        }}
        tabs={[
          { key: 'pending', label: t('approvals.pending') },
          { key: 'decided', label: t('approvals.decided') },
        ]}
      >
        <ErrorNotice error={inbox.error} />
        <div className="table-wrap">
          <table data-testid="approvals-table">
            <thead>
              <tr>
                <th>{t('fields.company')}</th>
                <th>{t('approvals.rep')}</th>
                <th>{t('approvals.quote')}</th>
                <th>{t('approvals.level')}</th>
                <th>{t('approvals.why')}</th>
                <th>{view === 'pending' ? t('approvals.escalates') : t('approvals.decision')}</th>
                {view === 'pending' ? <th>{t('common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <Fragment key={`${a.quoteId}/${a.level}`}>
                  <tr data-quote={a.quoteId}>
                    <td>
                      <Link to={`/customers/${encodeURIComponent(a.customerId)}`}>{a.companyName}</Link>
                    </td>
                    <td>{a.repName}</td>
                    <td>
                      <strong>{money(a.amount, a.currency)}</strong>
                      {a.currency !== 'USD' ? <div className="muted">{money(a.amountUsd, 'USD')}</div> : null}
                      <div className="muted">{t('quote.discountMargin', { discount: a.discountPct, margin: a.marginPct })}</div>
                      <div className="muted">
                        {a.submittedBy === a.repId
                          ? t('approvals.submittedAt', { when: f.dateTime(a.submittedAt) })
                          : t('approvals.submittedFor', { rep: f.rep(a.submittedBy, a.submittedByName), when: f.dateTime(a.submittedAt) })}
                      </div>
                    </td>
                    <td>
                      {t('quote.level', { level: a.level })}
                      <div className="muted">{approvers(a.approvers)}</div>
                      {a.escalated ? <span className="badge warn">{t('quote.escalated')}</span> : null}
                    </td>
                    <td>{a.reasons.map(ruleText).join(t('common.clauseSep')) || '—'}</td>
                    <td>
                      {view === 'pending' ? (
                        f.dateTime(a.dueAt)
                      ) : (
                        <>
                          <span className={`badge level-${a.status}`}>{t(`quote.levelStatus.${a.status}`)}</span> {f.dateTime(a.decidedAt)}
                          {a.comment ? <q className="comment">{a.comment}</q> : null}
                        </>
                      )}
                    </td>
                    {view === 'pending' ? (
                      <td>
                        <div className="row-actions">
                          <button type="button" aria-expanded={open?.quoteId === a.quoteId && open.verb === 'approve'} onClick={() => setOpen({ quoteId: a.quoteId, verb: 'approve' })} aria-label={`${t('approvals.approve')}: ${a.companyName}`}>
                            {t('approvals.approve')}
                          </button>
                          <button type="button" className="secondary" aria-expanded={open?.quoteId === a.quoteId && open.verb === 'reject'} onClick={() => setOpen({ quoteId: a.quoteId, verb: 'reject' })} aria-label={`${t('approvals.reject')}: ${a.companyName}`}>
                            {t('approvals.reject')}
                          </button>
                        </div>
                      </td>
                    ) : null}
                  </tr>
                  {view === 'pending' && open?.quoteId === a.quoteId ? (
                    <tr className="form-row">
                      <td colSpan={7}>
                        <DecisionForm key={open.verb} item={a} verb={open.verb} onDone={decided(a)} onCancel={() => setOpen(null)} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
        {inbox.isLoading ? <p>{t('common.loading')}</p> : items.length === 0 ? <p className="muted">{t(view === 'pending' ? 'approvals.empty' : 'approvals.emptyDecided')}</p> : null}
      </Tabs>
    </section>
  );
}
