// On a customer's page, for a rep a recent decision concerns (an assignment to someone else, a
// refused claim, a reclaim): "Dispute", with the decision it disputes and a reason.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.js';
import type { DisputableDecision, Dispute } from '../../api/types.js';
import { useAction } from '../../api/use-action.js';
import { ActionForm } from '../../components/action-form.js';
import { SuccessNotice } from '../../components/error-notice.js';
import { Field } from '../../components/field.js';
import { useFormat } from '../../format.js';
import { ruleText, useCodeText } from '../../i18n/codes.js';
import { contentLanguage } from '../../i18n/language.js';
import { refusalWords } from '../../../../schemas/reason-words.js';

export function DisputeAction({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const code = useCodeText();
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState('');
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const disputable = useQuery({
    queryKey: ['disputable', customerId],
    queryFn: () => api.get<{ decisions: DisputableDecision[] }>(`/customers/${encodeURIComponent(customerId)}/disputable`),
  });
  const decisions = disputable.data?.decisions ?? [];
  const selected = decisions.find((d) => d.decisionId === choice) ?? decisions[0];
  const file = useAction({
    mutationFn: () => api.post<Dispute>(`/customers/${encodeURIComponent(customerId)}/disputes`, { reason: reason.trim(), kind: selected!.kind, decisionId: selected!.decisionId }),
    notice: setNotice,
    message: () => t('disputes.filed'),
    onSuccess: () => {
      setOpen(false);
      setReason('');
    },
    invalidates: [['disputable', customerId], ['disputes'], ['disputes-report'], ['customer', customerId]],
  });
  const what = (d: DisputableDecision) =>
    d.kind === 'assignment'
      ? t('disputes.summary.assignment', { rep: f.rep(d.otherRepId, d.otherRepName) })
      : d.kind === 'claim_refusal'
        ? t('disputes.summary.claim_refusal', { code: d.code ? refusalWords(d.code, contentLanguage()) : '—' })
        : t('disputes.summary.reclaim', { reason: d.code ? code('reason', d.code) : '—' });
  const describe = (d: DisputableDecision) =>
    `${t(`disputes.kinds.${d.kind}`)} · ${f.dateTime(d.at)} · ${what(d)}${d.ruleName ? ` · ${t('disputes.ruleNamed', { rule: ruleText(d.ruleName) })}` : ''}`;

  return (
    <div className="dispute-action">
      <SuccessNotice message={notice} />
      {notice ? <Link to="/disputes">{t('disputes.open')}</Link> : null}
      {decisions.length > 0 && !open ? (
        <button type="button" className="secondary" onClick={() => setOpen(true)} data-testid="dispute-open">
          {t('disputes.action')}
        </button>
      ) : null}
      {open && selected ? (
        <ActionForm label={t('disputes.action')} submit={t('disputes.submit')} mutation={file} onCancel={() => setOpen(false)}>
          <Field label={t('disputes.decision')} help={t('disputes.until', { when: f.dateTime(selected.until) })}>
            {(id) => (
              <select id={id} value={selected.decisionId} onChange={(e) => setChoice(e.target.value)}>
                {decisions.map((d) => (
                  <option key={d.decisionId} value={d.decisionId}>
                    {describe(d)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('disputes.reason')}>
            {(id) => <textarea id={id} value={reason} required maxLength={2000} autoFocus onChange={(e) => setReason(e.target.value)} />}
          </Field>
        </ActionForm>
      ) : null}
    </div>
  );
}
