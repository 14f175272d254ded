// A new customer, checked while typing (查重): the company name, e-mail, phone or website being
// typed is looked up, and the existing or similar customers are shown before saving. Saving is
// never refused for a similar name; the created customer comes back with its possible duplicates.
// Where it goes is chosen here: by the assignment rules (default), kept in the pool picked, or
// claimed by the creating rep (admins own no customers); the notice says which rep or pool it went to.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format.js';
import { Link } from 'react-router';
import { api } from '../api/client.js';
import { useAction } from '../api/use-action.js';
import type { Created as CreatedCustomer } from '../api/types.js';
import { useMe } from '../auth/session.js';
import { ErrorNotice, SuccessNotice } from '../components/error-notice.js';
import { Field } from '../components/field.js';
import { LookupResults } from '../components/lookup-results.js';
import { useLookup } from '../components/use-lookup.js';
import { PoolSelect, usePools } from '../components/pool-select.js';

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
const WHERE = ['rules', 'pool', 'claim'] as const;
type Where = (typeof WHERE)[number];
const WHERE_BODY: Record<Where, { assign?: false; claim?: true }> = { rules: {}, pool: { assign: false }, claim: { claim: true } };
const WHERE_LABEL = { rules: 'create.whereRules', pool: 'create.wherePool', claim: 'create.whereClaim' } as const;

export function CustomerCreateForm() {
  const { t } = useTranslation();
  const f = useFormat();
  const [draft, setDraft] = useState<Draft>({});
  const [checking, setChecking] = useState<(typeof CHECKED)[number]>('companyName');
  const [notice, setNotice] = useState<string | null>(null);
  const me = useMe();
  // Admins own no customers: the API refuses "claim" from them.
  const choices = WHERE.filter((w) => w !== 'claim' || me.role !== 'admin');
  const [where, setWhere] = useState<Where>('rules');
  const [poolId, setPoolId] = useState('');
  const pools = usePools();
  const poolName = (id: string) => pools.data?.items.find((p) => p.id === id)?.name ?? id;
  const lookup = useLookup(draft[checking] ?? '');
  const create = useAction({
    mutationFn: () =>
      api.post<CreatedCustomer>('/customers', {
        ...Object.fromEntries(Object.entries(draft).map(([k, v]) => [k, v?.trim()]).filter(([, v]) => v)),
        ...(poolId ? { poolId } : {}),
        ...WHERE_BODY[where],
      }),
    notice: setNotice,
    message: (c) => {
      const a = c.assignment;
      if (a.status === 'assigned') return t('create.createdAssigned', { company: c.companyName, rep: f.rep(a.repId, a.repName) });
      if (a.status === 'claimed') return t('create.createdClaimed', { company: c.companyName });
      return a.refusal
        ? t('create.createdRefused', { company: c.companyName, pool: poolName(c.poolId), reason: a.reason })
        : t('create.createdInPool', { company: c.companyName, pool: poolName(c.poolId) });
    },
    onSuccess: () => setDraft({}),
    invalidates: [['pool'], ['mine']],
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
      <fieldset className="full">
        <legend>{t('create.where')}</legend>
        {choices.map((w) => (
          <label key={w} className="check">
            <input type="radio" name="where" value={w} checked={where === w} onChange={() => setWhere(w)} /> {t(WHERE_LABEL[w])}
          </label>
        ))}
      </fieldset>
      <Field label={t('fields.pool')} help={t('create.poolHelp')}>
        {(id) => <PoolSelect id={id} value={poolId} onChange={setPoolId} defaultLabel={t('create.defaultPool')} />}
      </Field>
      {/* Only while the field looked up holds text: an emptied form (just saved) shows no heading over nothing. */}
      {(draft[checking] ?? '').trim().length >= 2 && (lookup.data || lookup.error) ? (
        <div className="full" data-testid="create-lookup">
          <h3>{t('create.check', { field: t(FIELDS.find((f) => f.key === checking)!.label) })}</h3>
          <LookupResults result={lookup.data} error={lookup.error} label={t('create.check', { field: '' })} />
        </div>
      ) : null}
      <ErrorNotice error={create.error} />
      <SuccessNotice message={notice} />
      {similar.length > 0 ? (
        <div className="notice" role="status" data-testid="possible-duplicates">
          {t('create.possibleDuplicates')}
          <ul>
            {similar.map((d) => (
              <li key={`${d.customerId}-${d.companyName}`}>
                {d.customerId ? <Link to={`/customers/${encodeURIComponent(d.customerId)}`}>{d.companyName}</Link> : d.companyName}
                {f.aside(`${Math.round(d.score * 100)} %`)}
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
