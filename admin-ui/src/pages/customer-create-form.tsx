// A new customer, checked while typing (查重): the company name, e-mail, phone or website being
// typed is looked up, and the existing or similar customers are shown before saving. Saving is
// never refused for a similar name; the created customer comes back with its possible duplicates.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.js';
import { useAction } from '../api/use-action.js';
import type { Customer, PossibleDuplicate } from '../api/types.js';
import { ErrorNotice, SuccessNotice } from '../components/error-notice.js';
import { Field } from '../components/field.js';
import { LookupResults } from '../components/lookup-results.js';
import { useLookup } from '../components/use-lookup.js';

const CHECKED = ['companyName', 'email', 'phone', 'website'] as const;
const FIELDS = [
  { key: 'companyName', label: 'fields.company', required: true },
  { key: 'contactName', label: 'fields.contact' },
  { key: 'email', label: 'fields.email', type: 'email' },
  { key: 'phone', label: 'fields.phone' },
  { key: 'website', label: 'fields.website' },
  { key: 'country', label: 'fields.country' },
] as const;
type Draft = Partial<Record<(typeof FIELDS)[number]['key'], string>>;
type Created = Customer & { possibleDuplicates: PossibleDuplicate[] };

export function CustomerCreateForm() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>({});
  const [checking, setChecking] = useState<(typeof CHECKED)[number]>('companyName');
  const [notice, setNotice] = useState<string | null>(null);
  const lookup = useLookup(draft[checking] ?? '');
  const create = useAction({
    mutationFn: () => api.post<Created>('/customers', Object.fromEntries(Object.entries(draft).map(([k, v]) => [k, v?.trim()]).filter(([, v]) => v))),
    notice: setNotice,
    message: (c) => t('create.created', { company: c.companyName }),
    onSuccess: () => setDraft({}),
    invalidates: [['pool']],
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const similar = create.data?.possibleDuplicates ?? [];
  return (
    <form className="card form-grid" onSubmit={submit} aria-label={t('create.title')}>
      <h2>{t('create.title')}</h2>
      {FIELDS.map((field) => (
        <Field key={field.key} label={t(field.label)}>
          {(id) => (
            <input
              id={id}
              name={field.key}
              type={'type' in field ? field.type : 'text'}
              required={'required' in field}
              value={draft[field.key] ?? ''}
              onChange={(e) => {
                setDraft({ ...draft, [field.key]: e.target.value });
                if ((CHECKED as readonly string[]).includes(field.key)) setChecking(field.key as (typeof CHECKED)[number]);
              }}
            />
          )}
        </Field>
      ))}
      <div className="full">
        <h3>{t('create.check', { field: t(FIELDS.find((f) => f.key === checking)!.label) })}</h3>
        <LookupResults result={lookup.data} error={lookup.error} label={t('create.check', { field: '' })} />
      </div>
      <ErrorNotice error={create.error} />
      <SuccessNotice message={notice} />
      {similar.length > 0 ? (
        <div className="notice" role="status" data-testid="possible-duplicates">
          {t('create.possibleDuplicates')}
          <ul>
            {similar.map((d) => (
              <li key={`${d.customerId}-${d.companyName}`}>
                {d.customerId ? <Link to={`/customers/${encodeURIComponent(d.customerId)}`}>{d.companyName}</Link> : d.companyName} ({Math.round(d.score * 100)} %)
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="buttons">
        <button type="submit" disabled={create.isPending}>
          {t('create.submit')}
        </button>
      </div>
    </form>
  );
}
