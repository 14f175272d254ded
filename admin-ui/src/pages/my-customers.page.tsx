// The rep's private pool: what is due when (red under three days), and what can be done with each
// customer now: follow-up, the stage actions its stage allows (inquiry, costing, quote, sample,
// won), the key-customer flag and release. A quote waiting for approval shows its level and approvers.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.js';
import { useAction } from '../api/use-action.js';
import type { Customer, CustomerList, Ownership, QuoteSubmitted } from '../api/types.js';
import { useApproverText } from '../components/approvers.js';
import { Countdown } from '../components/countdown.js';
import { ErrorNotice, SuccessNotice } from '../components/error-notice.js';
import { useFormat } from '../format.js';
import { FollowUpForm } from './follow-up-form.js';
import { ReleaseForm } from './release-form.js';
import { type Move, movesFrom } from './stages/moves.js';
import { QuoteForm } from './stages/quote-form.js';
import { LatestQuote, useQuotes } from './stages/quote-state.js';
import { CostingForm, InquiryForm, SampleForm, WonForm } from './stages/stage-forms.js';

type FormName = 'follow-up' | 'release' | Move;
type Open = { id: string; form: FormName } | null;

function CustomerRow({ c, open, onOpen, onKey, keyPending }: { c: Customer; open: FormName | null; onOpen: (form: FormName) => void; onKey: () => void; keyPending: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const quotes = useQuotes(c.id, c.stage === 'quote');
  const latest = c.stage === 'quote' ? quotes.data?.items[0] : undefined;
  // While a quote waits for approval a new one would be refused (QUOTE_PENDING): not offered.
  const moves = movesFrom(c.stage).filter((m) => !(m === 'quote' && latest?.status === 'pending_approval'));
  const button = (form: FormName, label: string, className = 'secondary') => (
    <button type="button" className={className} aria-expanded={open === form} onClick={() => onOpen(form)} aria-label={`${label}: ${c.companyName}`}>
      {label}
    </button>
  );
  return (
    <tr data-customer={c.id}>
      <td>
        <Link to={`/customers/${encodeURIComponent(c.id)}`}>{c.companyName}</Link>
        {c.keyCustomer ? <span className="badge key">{t('fields.keyCustomer')}</span> : null}
      </td>
      <td>{c.grade ? <span className={`grade grade-${c.grade}`}>{c.grade}</span> : '—'}</td>
      <td data-testid="stage">
        {c.stage ? t(`stages.${c.stage}` as 'stages.claimed') : '—'}
        <LatestQuote quote={latest} />
      </td>
      <td>
        <Countdown deadline={c.deadline} />
      </td>
      <td>
        {f.dateTime(c.deadline)} {c.deadlineKind ? <span className="muted">({c.deadlineKind})</span> : null}
      </td>
      <td>{c.followUps}</td>
      <td>
        <div className="row-actions">
          {button('follow-up', t('mine.followUp'), '')}
          {moves.map((m) => (
            <Fragment key={m}>{button(m, t(`stage.${m}`))}</Fragment>
          ))}
          <button
            type="button"
            className="secondary"
            aria-pressed={c.keyCustomer}
            disabled={keyPending}
            onClick={onKey}
            aria-label={`${t(c.keyCustomer ? 'stage.unmarkKey' : 'stage.markKey')}: ${c.companyName}`}
          >
            {t(c.keyCustomer ? 'stage.unmarkKey' : 'stage.markKey')}
          </button>
          {button('release', t('mine.release'))}
        </div>
      </td>
    </tr>
  );
}

export function MyCustomersPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const approvers = useApproverText();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const mine = useQuery({ queryKey: ['mine'], queryFn: () => api.get<CustomerList>('/me/customers?status=owned&limit=200') });
  const rows = [...(mine.data?.items ?? [])].sort((a, b) => (a.deadline ?? '9').localeCompare(b.deadline ?? '9'));
  const refresh = (customerId: string) => {
    void queryClient.invalidateQueries({ queryKey: ['mine'] });
    void queryClient.invalidateQueries({ queryKey: ['pool'] });
    void queryClient.invalidateQueries({ queryKey: ['quotes', customerId] });
    void queryClient.invalidateQueries({ queryKey: ['customer', customerId] });
  };
  const done = (c: Customer, message: string) => {
    setOpen(null);
    setNotice(message);
    refresh(c.id);
  };
  const key = useAction({
    mutationFn: (c: Customer) => api.put<Ownership>(`/customers/${encodeURIComponent(c.id)}/key`, { key: !c.keyCustomer }),
    notice: setNotice,
    onSuccess: (_r, c) => done(c, t(c.keyCustomer ? 'stage.keyOff' : 'stage.keyOn', { company: c.companyName })),
  });
  const moved = (c: Customer) => (r: Ownership) =>
    done(
      c,
      r.status === 'won'
        ? t('stage.wonDone', { company: c.companyName })
        : t('stage.done', { company: c.companyName, stage: t(`stages.${r.stage ?? 'claimed'}` as 'stages.claimed'), deadline: f.dateTime(r.deadline) }),
    );
  const quoted = (c: Customer) => (r: QuoteSubmitted) =>
    done(
      c,
      r.quote.required
        ? t('quote.submitted', { company: c.companyName, levels: r.quote.levels.map((l) => `${t('quote.level', { level: l.level })} (${approvers(l.approvers)})`).join(', ') })
        : t('quote.submittedFree', { company: c.companyName }),
    );

  const form = (c: Customer, name: FormName): ReactNode => {
    const props = { customer: c, onCancel: () => setOpen(null) };
    switch (name) {
      case 'follow-up':
        return <FollowUpForm {...props} onDone={(r) => done(c, t('mine.logged', { company: c.companyName, deadline: f.dateTime(r.deadline) }))} />;
      case 'release':
        return <ReleaseForm {...props} onDone={() => done(c, t('mine.released', { company: c.companyName }))} />;
      case 'inquiry':
        return <InquiryForm {...props} onDone={moved(c)} />;
      case 'costing':
        return <CostingForm {...props} onDone={moved(c)} />;
      case 'quote':
        return <QuoteForm {...props} onDone={quoted(c)} />;
      case 'sample':
        return <SampleForm {...props} onDone={moved(c)} />;
      case 'won':
        return <WonForm {...props} onDone={moved(c)} />;
    }
  };

  return (
    <section>
      <h1>{t('mine.title')}</h1>
      <ErrorNotice error={mine.error ?? key.error} />
      <SuccessNotice message={notice} />
      <div className="table-wrap">
        <table data-testid="mine-table">
          <thead>
            <tr>
              <th>{t('fields.company')}</th>
              <th>{t('fields.grade')}</th>
              <th>{t('fields.stage')}</th>
              <th>{t('mine.due')}</th>
              <th>{t('fields.deadline')}</th>
              <th>{t('fields.followUps')}</th>
              <th>{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <Fragment key={c.id}>
                <CustomerRow
                  c={c}
                  open={open?.id === c.id ? open.form : null}
                  onOpen={(name) => {
                    key.reset();
                    setOpen(open?.id === c.id && open.form === name ? null : { id: c.id, form: name });
                  }}
                  onKey={() => key.mutate(c)}
                  keyPending={key.isPending}
                />
                {open?.id === c.id ? (
                  <tr className="form-row">
                    <td colSpan={7}>{form(c, open.form)}</td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      {mine.isLoading ? <p>{t('common.loading')}</p> : rows.length === 0 ? <p className="muted">{t('mine.empty')}</p> : null}
    </section>
  );
}
