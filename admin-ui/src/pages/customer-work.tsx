// The work on one customer, shared by My customers and the customer page: the buttons for what the
// viewer may do (follow-up, the stage actions its stage allows, the key flag, release), the form
// opened by one of them, and the notice after it. Owners and collaborators alike (the API says who
// may do what: `actions` on the customer's detail; a collaborator never releases).
import { useQueryClient } from '@tanstack/react-query';
import { Fragment, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { useAction } from '../api/use-action.js';
import type { Customer, Ownership, QuoteSubmitted } from '../api/types.js';
import { useApproverText } from '../components/approvers.js';
import { useFormat } from '../format.js';
import { FollowUpForm } from './follow-up-form.js';
import { ReleaseForm } from './release-form.js';
import { type Move, movesFrom } from './stages/moves.js';
import { QuoteForm } from './stages/quote-form.js';
import { useQuotes } from './stages/quote-state.js';
import { CostingForm, InquiryForm, SampleForm, WonForm } from './stages/stage-forms.js';

export type FormName = 'follow-up' | 'release' | Move;
export type Open = { id: string; form: FormName } | null;

/** What the viewer may do with a customer, as the API's `actions` on its detail name them. */
export interface Allowed {
  followUp: boolean;
  stage: boolean;
  /** Marking a key customer (the owner's key quota): never a collaborator's. */
  key: boolean;
  release: boolean;
}

export const OWNER: Allowed = { followUp: true, stage: true, key: true, release: true };

/**
 * What a collaborator may do, as the API's policy answers it: follow-ups and stage work on an owned
 * customer, follow-ups on a pool customer of a joint follow-up they joined, nothing on a won one.
 */
export function collaboratorMay(c: Customer): Allowed {
  return { followUp: c.status === 'owned' || c.status === 'pool', stage: c.status === 'owned', key: false, release: false };
}

export function allowedFrom(actions: readonly string[]): Allowed {
  return { followUp: actions.includes('follow_up'), stage: actions.includes('stage'), key: actions.includes('key'), release: actions.includes('release') };
}

/** The customer's latest quote while it is in the quote stage (its row shows where it stands). */
export function useLatestQuote(c: Customer) {
  const quotes = useQuotes(c.id, c.stage === 'quote');
  return c.stage === 'quote' ? quotes.data?.items[0] : undefined;
}

export function WorkButtons({ c, allowed, open, onOpen, onKey, keyPending }: { c: Customer; allowed: Allowed; open: FormName | null; onOpen: (form: FormName) => void; onKey: () => void; keyPending: boolean }) {
  const { t } = useTranslation();
  const latest = useLatestQuote(c);
  // While a quote waits for approval a new one would be refused (QUOTE_PENDING): not offered.
  const moves = allowed.stage ? movesFrom(c.stage).filter((m) => !(m === 'quote' && latest?.status === 'pending_approval')) : [];
  const button = (form: FormName, label: string, className = 'secondary') => (
    <button type="button" className={className} aria-expanded={open === form} onClick={() => onOpen(form)} aria-label={`${label}: ${c.companyName}`}>
      {label}
    </button>
  );
  return (
    <div className="row-actions">
      {allowed.followUp ? button('follow-up', t('mine.followUp'), '') : null}
      {moves.map((m) => (
        <Fragment key={m}>{button(m, t(`stage.${m}`))}</Fragment>
      ))}
      {allowed.key ? (
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
      ) : null}
      {allowed.release ? button('release', t('mine.release')) : null}
    </div>
  );
}

/** The open form, the key flag and the notice after either, for a page showing one or more customers. */
export function useCustomerWork() {
  const { t } = useTranslation();
  const f = useFormat();
  const approvers = useApproverText();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = (customerId: string) => {
    void queryClient.invalidateQueries({ queryKey: ['mine'] });
    void queryClient.invalidateQueries({ queryKey: ['collaborating'] });
    void queryClient.invalidateQueries({ queryKey: ['pool'] });
    void queryClient.invalidateQueries({ queryKey: ['quotes', customerId] });
    void queryClient.invalidateQueries({ queryKey: ['customer', customerId] });
    // A win ends the collaboration (the split is recorded) and a sent quote can be printed.
    void queryClient.invalidateQueries({ queryKey: ['collaboration', customerId] });
    void queryClient.invalidateQueries({ queryKey: ['documents', customerId] });
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
        ? t('quote.submitted', { company: c.companyName, levels: r.quote.levels.map((l) => t('common.aside', { text: t('quote.level', { level: l.level }), aside: approvers(l.approvers) })).join(t('common.listSep')) })
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
  /** Opens a form, or closes it when it is the one open. */
  const toggle = (c: Customer, name: FormName) => {
    key.reset();
    setOpen(open?.id === c.id && open.form === name ? null : { id: c.id, form: name });
  };
  return { open, toggle, form, key, notice };
}
