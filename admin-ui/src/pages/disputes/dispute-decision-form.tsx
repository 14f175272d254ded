// The decider's form: uphold the disputed decision or reassign the customer to the disputing rep
// (within their caps: a full private pool is told in words), with a comment both sides read.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.js';
import type { Dispute } from '../../api/types.js';
import { useAction } from '../../api/use-action.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Field } from '../../components/field.js';
import { useFormat } from '../../format.js';

export function DisputeDecisionForm({ dispute, onDone }: { dispute: Dispute; onDone: (d: Dispute) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [outcome, setOutcome] = useState<'uphold' | 'reassign'>('uphold');
  const [comment, setComment] = useState('');
  const decide = useAction({
    mutationFn: () => api.post<Dispute>(`/disputes/${encodeURIComponent(dispute.id)}/decision`, { outcome, comment: comment.trim() }),
    onSuccess: onDone,
    invalidates: [['disputes'], ['disputes-report'], ['customer', dispute.customerId]],
  });
  const e = decide.error;
  const capRefusal = e instanceof ApiError && e.code === 'CAP_REACHED' && e.details.kind !== 'key';
  return (
    <form
      className="inline-form decision-form"
      aria-label={t('disputes.decide', { company: dispute.companyName })}
      onSubmit={(ev) => {
        ev.preventDefault();
        decide.mutate();
      }}
    >
      <fieldset>
        <legend>{t('disputes.outcome')}</legend>
        <label>
          <input type="radio" name={`outcome-${dispute.id}`} value="uphold" checked={outcome === 'uphold'} onChange={() => setOutcome('uphold')} /> {t('disputes.uphold')}
        </label>
        <label>
          <input type="radio" name={`outcome-${dispute.id}`} value="reassign" checked={outcome === 'reassign'} onChange={() => setOutcome('reassign')} /> {t('disputes.reassign', { rep: f.rep(dispute.repId, dispute.repName) })}
        </label>
      </fieldset>
      <Field label={t('disputes.comment')}>
        {(id) => <textarea id={id} value={comment} required maxLength={2000} onChange={(ev) => setComment(ev.target.value)} />}
      </Field>
      {capRefusal ? (
        <div className="notice error" role="alert" data-code="CAP_REACHED">
          <p>{t('disputes.capRefused', { rep: f.rep(dispute.repId, dispute.repName), count: e.details.count, cap: e.details.cap })}</p>
        </div>
      ) : (
        <ErrorNotice error={e} />
      )}
      <div className="buttons">
        <button type="submit" disabled={decide.isPending}>
          {t('disputes.confirm')}
        </button>
      </div>
    </form>
  );
}
