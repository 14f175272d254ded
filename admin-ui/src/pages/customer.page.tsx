// One customer: its details, its quotes with their approval levels, its history across every owner,
// the rule decisions taken about it (each as a sentence; the full explanation on request) and a link to its lifecycle
// workflow in the Temporal UI.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../api/client.js';
import { useAction } from '../api/use-action.js';
import type { Customer, CustomerDetailView, DecisionRecord, Explanation, Restricted } from '../api/types.js';
import { useMe } from '../auth/session.js';
import { ErrorNotice, SuccessNotice } from '../components/error-notice.js';
import { ExplanationView } from '../components/explanation-view.js';
import { useFormat } from '../format.js';
import { usePools } from '../components/pool-select.js';
import { ruleText, useCodeText } from '../i18n/codes.js';
import { CustomerQuotes } from './customer-quotes.js';
import { CustomerDocuments } from './customer-documents.js';
import { PinTestCase } from './pin-test-case.js';
import { DisputeAction } from './disputes/dispute-action.js';
import { CollaboratorsPanel } from './collaborators/collaborators-panel.js';
import { allowedFrom, useCustomerWork, WorkButtons } from './customer-work.js';
import { CustomerDetailsForm } from './customer-details-form.js';

const DETAIL_FIELDS = [
  ['contact', 'contactName'], ['email', 'email'], ['phone', 'phone'], ['website', 'website'], ['country', 'country'], ['region', 'region'],
  ['source', 'source'], ['productLine', 'productLine'], ['language', 'language'], ['grade', 'grade'], ['status', 'status'], ['stage', 'stage'],
  ['keyCustomer', 'keyCustomer'], ['owner', 'ownerId'], ['pool', 'poolId'], ['deadline', 'deadline'], ['createdAt', 'createdAt'],
] as const;

export function DecisionItem({ record, canExplain, pinAs }: { record: DecisionRecord; canExplain: boolean; /** Admins: the default name to pin it as a test case. */ pinAs: string | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const code = useCodeText();
  const explain = useAction({
    mutationFn: () => api.post<Explanation>(`/rule-sets/${encodeURIComponent(record.ruleSet!.id)}/explain`, { facts: record.facts }),
  });
  // A claim refused for a cooldown is recorded with the caps decision (its facts), but no caps rule refused it.
  const cooldown = record.trigger === 'claim_refused' && (record.outcome as { refused?: unknown } | null)?.refused === 'COOLDOWN';
  return (
    <li className="card decision" data-testid="decision-item">
      <p className="sentence" data-testid="decision-sentence">
        {record.sentence}
      </p>
      <p className="muted">
        <strong>{cooldown ? t('customer.cooldown') : t(`customer.decisionNames.${record.decision}`, { defaultValue: record.decision })}</strong> · {t('customer.trigger')}: {code('trigger', record.trigger)} · {f.dateTime(record.at)}
        {record.ruleSet ? ` · ${t('customer.version')} ${record.ruleSet.version}` : ''}
      </p>
      {cooldown ? null : (
        <p>
          {t('customer.fired')}: {record.fired.length ? record.fired.map((r) => (r.name ? ruleText(r.name) : `#${r.index + 1}`)).join(', ') : t('customer.noneFired')}
        </p>
      )}
      <details>
        <summary>{t('customer.outcome')} / {t('customer.facts')}</summary>
        <pre>{JSON.stringify({ outcome: record.outcome, facts: record.facts }, null, 2)}</pre>
      </details>
      {canExplain && record.ruleSet ? (
        <>
          <button type="button" className="secondary" onClick={() => explain.mutate()} disabled={explain.isPending}>
            {t('customer.explain')}
          </button>
          <ErrorNotice error={explain.error} />
          {explain.data ? <ExplanationView explanation={explain.data} /> : null}
        </>
      ) : null}
      {pinAs !== null ? <PinTestCase decision={record.decision} from={{ fromDecisionRecord: record.id }} defaultName={pinAs} /> : null}
    </li>
  );
}

/** Follow-up, stage work, key flag and release, as far as the API lets the viewer (owner, collaborator, manager, admin). */
function CustomerWork({ c, actions }: { c: Customer; actions: readonly string[] }) {
  const { t } = useTranslation();
  const work = useCustomerWork();
  const allowed = allowedFrom(actions);
  if (!allowed.followUp && !allowed.stage && !allowed.release) return null;
  return (
    <section className="card" data-testid="customer-work" aria-label={t('customer.work')}>
      <h2>{t('customer.work')}</h2>
      <ErrorNotice error={work.key.error} />
      <SuccessNotice message={work.notice} />
      <WorkButtons c={c} allowed={allowed} open={work.open?.id === c.id ? work.open.form : null} onOpen={(name) => work.toggle(c, name)} onKey={() => work.key.mutate(c)} keyPending={work.key.isPending} />
      {work.open?.id === c.id ? work.form(c, work.open.form) : null}
    </section>
  );
}

export function CustomerPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const code = useCodeText();
  const me = useMe();
  const id = useParams().id!;
  // Its history is told in the UI's language (the key's last part).
  const pools = usePools();
  const detail = useQuery({ queryKey: ['customer', id, 'detail', i18n.resolvedLanguage], queryFn: () => api.get<CustomerDetailView | Restricted>(`/customers/${encodeURIComponent(id)}`) });
  const full = detail.data && 'customer' in detail.data ? detail.data : null;
  const decisions = useQuery({
    // The sentences are in the UI's language: another language, another answer.
    queryKey: ['customer', id, 'decisions', i18n.resolvedLanguage],
    queryFn: () => api.get<{ items: DecisionRecord[] }>(`/customers/${encodeURIComponent(id)}/decisions`),
    enabled: full !== null,
  });

  if (detail.error) return <ErrorNotice error={detail.error} />;
  if (!detail.data) return <p>{t('common.loading')}</p>;
  if (!full) {
    const restricted = detail.data as Restricted;
    return (
      <section>
        <h1>{restricted.companyName}</h1>
        <p className="notice">{t('customer.restricted')}</p>
        {me.role !== 'admin' ? <DisputeAction customerId={id} /> : null}
      </section>
    );
  }
  const c = full.customer;
  const value = (key: (typeof DETAIL_FIELDS)[number][1]) => {
    const v = c[key];
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (key === 'stage') return v ? t(`stages.${v}` as 'stages.claimed') : '—';
    if (key === 'status') return code('status', c.status);
    if (key === 'ownerId') return c.ownerId ? f.rep(c.ownerId, c.ownerName) : '—';
    if (key === 'poolId') return pools.data?.items.find((p) => p.id === c.poolId)?.name ?? c.poolId;
    return key === 'deadline' || key === 'createdAt' ? f.dateTime(v as string | null) : (v ?? '—');
  };
  return (
    <section>
      <h1 data-testid="customer-name">{c.companyName}</h1>
      <dl className="details card">
        {DETAIL_FIELDS.map(([label, key]) => (
          <div key={key}>
            <dt>{t(`fields.${label}`)}</dt>
            <dd>{value(key)}</dd>
          </div>
        ))}
      </dl>
      {full.actions.includes('edit') ? <CustomerDetailsForm key={c.id} customer={c} /> : null}
      <p>
        {t('customer.workflow')}:{' '}
        {full.workflowUrl ? (
          <a href={full.workflowUrl} target="_blank" rel="noopener noreferrer">
            {t('customer.openWorkflow', { id: full.workflowId })}
          </a>
        ) : (
          <code>{full.workflowId}</code>
        )}
      </p>
      <CustomerWork c={c} actions={full.actions} />
      {me.role !== 'admin' ? <DisputeAction customerId={c.id} /> : null}
      <CollaboratorsPanel customerId={c.id} status={c.status} />
      <CustomerQuotes customerId={c.id} />
      <CustomerDocuments customerId={c.id} />
      <h2>{t('customer.history')}</h2>
      <div className="table-wrap">
        <table data-testid="history">
          <thead>
            <tr>
              <th>{t('rules.when')}</th>
              <th>{t('fields.status')}</th>
              <th>{t('fields.owner')}</th>
              <th>{t('mine.note')}</th>
            </tr>
          </thead>
          <tbody>
            {full.history.map((h) => (
              <tr key={h.id}>
                <td>{f.dateTime(h.at)}</td>
                <td>{code('history', h.kind)}</td>
                <td>
                  {h.fromRepId ? `${t('customer.from', { rep: f.rep(h.fromRepId, h.fromRepName) })} ` : ''}
                  {h.repId ? t(h.type === 'activity' ? 'customer.by' : 'customer.to', { rep: f.rep(h.repId, h.repName) }) : ''}
                  {/* Someone else did it (a collaborator marking it won, a manager moving it): named too. */}
                  {h.type === 'ownership' && h.actorId && h.actorId !== h.repId && h.actorId !== h.fromRepId ? ` ${t('customer.actedBy', { rep: f.rep(h.actorId, h.actorName) })}` : ''}
                </td>
                <td>{[h.reason ? code('reason', h.reason) : null, h.note].filter(Boolean).join(' — ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('customer.decisions')}</h2>
      <ErrorNotice error={decisions.error} />
      <ul className="plain">
        {decisions.data?.items.map((r) => (
          <DecisionItem key={r.id} record={r} canExplain={me.role !== 'rep'} pinAs={me.role === 'admin' ? `${full.customer.companyName} · ${code('trigger', r.trigger)} · ${f.dateTime(r.at)}` : null} />
        ))}
      </ul>
    </section>
  );
}
