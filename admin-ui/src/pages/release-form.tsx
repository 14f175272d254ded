// Returning an owned customer to the pool, with a reason kept in its history.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { useAction } from '../api/use-action.js';
import type { Customer } from '../api/types.js';
import { ActionForm } from '../components/action-form.js';
import { Field } from '../components/field.js';

export function ReleaseForm({ customer, onDone, onCancel }: { customer: Customer; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const release = useAction({
    mutationFn: () => api.post(`/customers/${encodeURIComponent(customer.id)}/release`, reason.trim() ? { reason: reason.trim() } : {}),
    onSuccess: onDone,
  });
  return (
    <ActionForm label={`${t('mine.release')}: ${customer.companyName}`} submit={t('mine.releaseSubmit')} danger mutation={release} onCancel={onCancel}>
      <Field label={t('mine.releaseReason')}>
        {(id) => <input id={id} value={reason} maxLength={500} autoFocus onChange={(e) => setReason(e.target.value)} />}
      </Field>
    </ActionForm>
  );
}
