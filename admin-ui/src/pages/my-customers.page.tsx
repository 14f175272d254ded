// The rep's private pool: what is due when (red under three days), and what can be done with each
// customer now: follow-up, the stage actions its stage allows (inquiry, costing, quote, sample,
// won), the key-customer flag and release. A quote waiting for approval shows its level and approvers.
// Below, the customers the rep collaborates on (owned by others): follow-ups and stage work, no release,
// and the customers the rep has won (protected, never reclaimed), newest win first.
import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.js';
import type { Customer, CustomerList } from '../api/types.js';
import { Countdown } from '../components/countdown.js';
import { ErrorNotice, SuccessNotice } from '../components/error-notice.js';
import { useFormat } from '../format.js';
import { useCodeText } from '../i18n/codes.js';
import { type Allowed, collaboratorMay, type FormName, OWNER, useCustomerWork, useLatestQuote, WorkButtons } from './customer-work.js';
import { LatestQuote } from './stages/quote-state.js';

function CustomerRow({ c, allowed, open, onOpen, onKey, keyPending }: { c: Customer; allowed: Allowed; open: FormName | null; onOpen: (form: FormName) => void; onKey: () => void; keyPending: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const code = useCodeText();
  const latest = useLatestQuote(c);
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
        {f.dateTime(c.deadline)}
        {c.deadlineKind ? <span className="muted">{f.aside(code('deadline', c.deadlineKind))}</span> : null}
      </td>
      <td>{c.followUps}</td>
      <td>
        <WorkButtons c={c} allowed={allowed} open={open} onOpen={onOpen} onKey={onKey} keyPending={keyPending} />
      </td>
    </tr>
  );
}

function CustomerTable({ testId, rows, allowed, work }: { testId: string; rows: Customer[]; allowed: (c: Customer) => Allowed; work: ReturnType<typeof useCustomerWork> }) {
  const { t } = useTranslation();
  const { open, toggle, form, key } = work;
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
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
                allowed={allowed(c)}
                open={open?.id === c.id ? open.form : null}
                onOpen={(name) => toggle(c, name)}
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
  );
}

/** Every page of a list: a private pool is bounded by its owner's cap, and all of it is sorted by deadline. */
async function everyPage(path: string): Promise<Customer[]> {
  const items: Customer[] = [];
  for (let cursor: string | null = null; ; ) {
    const page: CustomerList = await api.get<CustomerList>(`${path}${path.includes('?') ? '&' : '?'}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...page.items);
    if (!page.nextCursor) return items;
    cursor = page.nextCursor;
  }
}

function WonCustomers() {
  const { t } = useTranslation();
  const f = useFormat();
  // Every page, newest win first (the API lists by creation).
  const won = useQuery({ queryKey: ['mine', 'won'], queryFn: () => everyPage('/me/customers?status=won') });
  const rows = [...(won.data ?? [])].sort((a, b) => (b.wonAt ?? '').localeCompare(a.wonAt ?? ''));
  if (rows.length === 0) return null;
  return (
    <>
      <h2>{t('mine.won')}</h2>
      <p className="muted">{t('mine.wonHelp')}</p>
      <div className="table-wrap">
        <table data-testid="won-table">
          <thead>
            <tr>
              <th>{t('fields.company')}</th>
              <th>{t('fields.grade')}</th>
              <th>{t('mine.wonAt')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} data-customer={c.id}>
                <td>
                  <Link to={`/customers/${encodeURIComponent(c.id)}`}>{c.companyName}</Link>
                </td>
                <td>{c.grade ? <span className={`grade grade-${c.grade}`}>{c.grade}</span> : '—'}</td>
                <td>{c.wonAt ? f.dateTime(c.wonAt) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

const byDeadline = (items: Customer[] | undefined) => [...(items ?? [])].sort((a, b) => (a.deadline ?? '9').localeCompare(b.deadline ?? '9'));

export function MyCustomersPage() {
  const { t } = useTranslation();
  const work = useCustomerWork();
  const mine = useQuery({ queryKey: ['mine'], queryFn: () => everyPage('/me/customers?status=owned') });
  const collaborating = useQuery({ queryKey: ['collaborating'], queryFn: () => everyPage('/me/collaborations') });
  const rows = byDeadline(mine.data);
  const shared = byDeadline(collaborating.data);

  return (
    <section>
      <h1>{t('mine.title')}</h1>
      <ErrorNotice error={mine.error ?? collaborating.error ?? work.key.error} />
      <SuccessNotice message={work.notice} />
      <CustomerTable testId="mine-table" rows={rows} allowed={() => OWNER} work={work} />
      {mine.isLoading ? <p>{t('common.loading')}</p> : rows.length === 0 ? <p className="muted">{t('mine.empty')}</p> : null}
      {shared.length > 0 ? (
        <>
          <h2>{t('mine.collaborating')}</h2>
          <p className="muted">{t('mine.collaboratingHelp')}</p>
          <CustomerTable testId="collaborating-table" rows={shared} allowed={collaboratorMay} work={work} />
        </>
      ) : null}
      <WonCustomers />
    </section>
  );
}
