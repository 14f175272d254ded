// Disputes (客户分配申诉): a rep's own, a manager's team's, all for admins, by status. Each shows the
// disputed decision as recorded (rule set version, rule, facts; the explanation on request) and,
// for whoever may decide it, the decision form: uphold, or reassign to the rep, with a comment.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, query } from '../../api/client.js';
import type { Dispute } from '../../api/types.js';
import { useMe } from '../../auth/session.js';
import { ErrorNotice, SuccessNotice } from '../../components/error-notice.js';
import { Field } from '../../components/field.js';
import { useFormat } from '../../format.js';
import { DecisionItem } from '../customer.page.js';
import { DisputeDecisionForm } from './dispute-decision-form.js';
import { ruleText } from '../../i18n/codes.js';
import { deciderNoteKey } from './decider-note.js';

const STATUSES = ['open', 'upheld', 'reassigned'] as const;

function DisputeCard({ d, onDecided }: { d: Dispute; onDecided: (d: Dispute) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  // A refusal by a cooldown is no rule's doing: the dispute names it 'cooldown', told in words as the dashboard does.
  const decision = t(`customer.decisionNames.${d.rule.decision}`, { defaultValue: d.rule.decision === 'cooldown' ? t('disputes.report.cooldown') : d.rule.decision });
  const rule = d.rule.name ? `${decision} · ${ruleText(d.rule.name)}${d.rule.ruleSetVersion ? f.aside(`v${d.rule.ruleSetVersion}`) : ''}` : decision;
  return (
    <li className="card dispute" data-testid="dispute" data-status={d.status}>
      <h2>
        <Link to={`/customers/${encodeURIComponent(d.customerId)}`}>{d.companyName}</Link> <span className={`badge dispute-${d.status}`}>{t(`disputes.statuses.${d.status}`)}</span>
      </h2>
      <dl className="details">
        <div>
          <dt>{t('disputes.kind')}</dt>
          <dd>{t(`disputes.kinds.${d.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('disputes.rep')}</dt>
          <dd>{f.rep(d.repId, d.repName)}</dd>
        </div>
        <div>
          <dt>{t('disputes.otherSide')}</dt>
          <dd>{f.rep(d.otherRepId, d.otherRepName)}</dd>
        </div>
        <div>
          <dt>{t('disputes.rule')}</dt>
          <dd data-testid="dispute-rule">{rule}</dd>
        </div>
        <div>
          <dt>{t('disputes.filedAt')}</dt>
          <dd>{f.dateTime(d.filedAt)}</dd>
        </div>
      </dl>
      <p>
        {t('disputes.reason')}: <q className="comment">{d.reason}</q>
      </p>
      {d.status !== 'open' ? (
        <p data-testid="dispute-outcome">
          {t('disputes.decidedBy', { status: t(`disputes.statuses.${d.status}`), rep: f.rep(d.decidedBy, d.decidedByName), when: f.dateTime(d.decidedAt) })} <q className="comment">{d.comment}</q>
        </p>
      ) : null}
      <h3>{t('disputes.original')}</h3>
      <ul className="plain">
        <DecisionItem record={d.original} canExplain={me.role !== 'rep'} pinAs={null} />
      </ul>
      {d.canDecide ? <DisputeDecisionForm dispute={d} onDone={onDecided} /> : null}
      {/* A manager or admin who may not decide it is told who does (a rep who filed it waits for their manager). */}
      {d.decideRefusal && me.role !== 'rep' ? (
        <p className="muted" data-testid="dispute-decider">
          {t(deciderNoteKey(d, me) as 'errors.NOT_DECIDER', { defaultValue: d.decideRefusal })}
        </p>
      ) : null}
    </li>
  );
}

export function DisputesPage() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<'' | (typeof STATUSES)[number]>('');
  const [notice, setNotice] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['disputes', status, i18n.resolvedLanguage],
    queryFn: () => api.get<{ items: Dispute[] }>(`/disputes${query({ status: status || undefined, limit: 100 })}`),
    staleTime: 0,
  });
  const items = list.data?.items ?? [];
  return (
    <section>
      <h1>{t('disputes.title')}</h1>
      <SuccessNotice message={notice} />
      <form className="filters card" onSubmit={(e) => e.preventDefault()}>
        <Field label={t('disputes.status')}>
          {(id) => (
            <select id={id} value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
              <option value="">{t('disputes.all')}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`disputes.statuses.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
      <ErrorNotice error={list.error} />
      <ul className="plain">
        {items.map((d) => (
          <DisputeCard key={d.id} d={d} onDecided={(r) => setNotice(t('disputes.done', { company: r.companyName, status: t(`disputes.statuses.${r.status}`) }))} />
        ))}
      </ul>
      {list.isLoading ? <p>{t('common.loading')}</p> : items.length === 0 ? <p className="muted">{t('disputes.empty')}</p> : null}
    </section>
  );
}
