// Approving (comment optional) or rejecting (reason required, the rep reads it) one approval level.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useAction } from '../../api/use-action.js';
import type { ApprovalDecided, ApprovalItem } from '../../api/types.js';
import { ActionForm } from '../../components/action-form.js';
import { Field } from '../../components/field.js';

export function DecisionForm({ item, verb, onDone, onCancel }: { item: ApprovalItem; verb: 'approve' | 'reject'; onDone: (r: ApprovalDecided) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const decide = useAction({
    // The level shown: if someone decided it meanwhile, the server refuses rather than deciding the next one.
    mutationFn: () => api.post<ApprovalDecided>(`/approvals/${encodeURIComponent(item.quoteId)}/${verb}`, { ...(comment.trim() ? { comment: comment.trim() } : {}), level: item.level }),
    onSuccess: onDone,
  });
  const label = `${t(`approvals.${verb}`)}: ${item.companyName}`;
  return (
    <ActionForm
      label={label}
      className="inline-form decision-form"
      submit={t(verb === 'approve' ? 'approvals.confirmApprove' : 'approvals.confirmReject')}
      danger={verb === 'reject'}
      mutation={decide}
      onCancel={onCancel}
    >
      <Field label={t(verb === 'approve' ? 'approvals.commentOptional' : 'approvals.reason')}>
        {(id) => <input id={id} value={comment} maxLength={2000} required={verb === 'reject'} autoFocus onChange={(e) => setComment(e.target.value)} />}
      </Field>
    </ActionForm>
  );
}
