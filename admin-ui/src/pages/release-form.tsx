// Returning an owned customer to the pool, with a reason kept in its history.
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { Customer } from '../api/types.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Field } from '../components/field.js';

export function ReleaseForm({ customer, onDone, onCancel }: { customer: Customer; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const release = useMutation({
    mutationFn: () => api.post(`/customers/${encodeURIComponent(customer.id)}/release`, reason.trim() ? { reason: reason.trim() } : {}),
    onSuccess: onDone,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    release.mutate();
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label={`${t('mine.release')}: ${customer.companyName}`}>
      <Field label={t('mine.releaseReason')}>
        {(id) => <input id={id} value={reason} maxLength={500} autoFocus onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <ErrorNotice error={release.error} />
      <div className="buttons">
        <button type="submit" className="danger" disabled={release.isPending}>
          {t('mine.releaseSubmit')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
