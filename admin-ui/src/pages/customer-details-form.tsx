// Changing a customer's details (PATCH /customers/{id}), for whoever the API lets (the `edit`
// action): the form opens with the values as they are and sends only the fields changed; an
// emptied field is cleared. A duplicate (another customer's e-mail, phone, website or name) is
// refused by the server and shown with the field it is about.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { useAction } from '../api/use-action.js';
import type { Customer } from '../api/types.js';
import { ErrorNotice, SuccessNotice } from '../components/error-notice.js';
import { Field } from '../components/field.js';

const EDITABLE = [
  ['companyName', 'company'], ['contactName', 'contact'], ['email', 'email'], ['phone', 'phone'], ['website', 'website'],
  ['country', 'country'], ['region', 'region'], ['source', 'source'], ['productLine', 'productLine'], ['language', 'language'],
] as const;
type Editable = (typeof EDITABLE)[number][0];

const valuesOf = (c: Customer) => Object.fromEntries(EDITABLE.map(([k]) => [k, c[k] ?? ''])) as Record<Editable, string>;

export function CustomerDetailsForm({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(() => valuesOf(customer));
  const [notice, setNotice] = useState<string | null>(null);
  const current = valuesOf(customer);
  const changes = Object.fromEntries(
    EDITABLE.filter(([k]) => draft[k].trim() !== current[k]).map(([k]) => [k, draft[k].trim() === '' && k !== 'companyName' ? null : draft[k].trim()]),
  );
  const save = useAction({
    mutationFn: () => api.patch<Customer>(`/customers/${encodeURIComponent(customer.id)}`, changes),
    notice: setNotice,
    message: () => t('customer.detailsSaved'),
    onSuccess: () => setOpen(false),
    invalidates: [['customer', customer.id]],
  });
  if (!open) {
    return (
      <>
        <SuccessNotice message={notice} />
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setDraft(valuesOf(customer));
            setNotice(null);
            setOpen(true);
          }}
        >
          {t('customer.editDetails')}
        </button>
      </>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (Object.keys(changes).length === 0) setOpen(false);
    else save.mutate();
  };
  return (
    <form className="card form-grid" onSubmit={submit} aria-label={t('customer.editDetails')}>
      <h2>{t('customer.editDetails')}</h2>
      {EDITABLE.map(([key, label]) => (
        <Field key={key} label={t(`fields.${label}`)}>
          {(id) => <input id={id} name={key} type={key === 'email' ? 'email' : 'text'} required={key === 'companyName'} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />}
        </Field>
      ))}
      <ErrorNotice error={save.error} fields={Object.fromEntries(EDITABLE.map(([k, label]) => [k, t(`fields.${label}`)]))} />
      <div className="buttons full">
        <button type="submit" disabled={save.isPending}>
          {t('customer.saveDetails')}
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
