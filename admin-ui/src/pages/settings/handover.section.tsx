// A rep leaves (离职交接): pick the departing rep and where their customers go (a named rep, the
// assignment rules, or the pool; key and won customers as chosen), then follow the job.
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useAction } from '../../api/use-action.js';
import type { Rep } from '../../api/types.js';
import { useMe } from '../../auth/session.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Field } from '../../components/field.js';
import { RepOptions } from '../../components/rep-options.js';
import type { HandoverJobView } from '../../../../schemas/handovers.js';
import { HandoverProgress } from '../../components/handover-progress.js';
import { useFormat } from '../../format.js';

const empty = { from: '', to: 'rep', repId: '', poolId: '', keyCustomers: 'move', wonCustomers: '' };

export function HandoverSection() {
  const { t } = useTranslation();
  const reps = useQuery({ queryKey: ['reps'], queryFn: () => api.get<{ items: Rep[] }>('/reps') });
  const [form, setForm] = useState(empty);
  const [job, setJob] = useState<HandoverJobView | null>(null);
  const start = useAction({
    mutationFn: () =>
      api.post<HandoverJobView>(`/reps/${encodeURIComponent(form.from)}/handover`, {
        to: form.to === 'rep' ? { kind: 'rep', repId: form.repId } : form.to === 'pool' ? { kind: 'pool', ...(form.poolId ? { poolId: form.poolId } : {}) } : { kind: 'rules' },
        keyCustomers: form.keyCustomers,
        ...(form.wonCustomers ? { wonCustomers: form.wonCustomers } : {}),
      }),
    onSuccess: (j) => setJob(j),
    invalidates: [['reps']],
  });
  // It cannot be undone (the rep is deactivated and signed out at once): asked once more first.
  const [confirming, setConfirming] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setJob(null);
    setConfirming(true);
  };
  const confirm = () => {
    setConfirming(false);
    start.mutate();
  };
  const set = (key: keyof typeof empty) => (e: { target: { value: string } }) => {
    setConfirming(false);
    setForm({ ...form, [key]: e.target.value });
  };
  const me = useMe();
  const f = useFormat();
  const active = reps.data?.items.filter((r) => r.active) ?? [];
  const leaver = active.find((r) => r.id === form.from);
  const departing = leaver ? f.rep(leaver.id, leaver.name) : form.from;

  return (
    <section aria-labelledby="handover-title">
      <h2 id="handover-title">{t('settings.handover')}</h2>
      <p className="muted">{t('handover.intro')}</p>
      <form className="card form-grid" onSubmit={submit} aria-label={t('handover.start')}>
        <Field label={t('handover.from')}>
          {(id) => (
            <select id={id} required value={form.from} onChange={set('from')}>
              {/* Nobody hands over themselves (an admin or their manager does). */}
              <RepOptions reps={active.filter((r) => r.id !== me.id)} />
            </select>
          )}
        </Field>
        <Field label={t('handover.to')}>
          {(id) => (
            <select id={id} value={form.to} onChange={set('to')}>
              <option value="rep">{t('handover.toRep')}</option>
              <option value="rules">{t('handover.toRules')}</option>
              <option value="pool">{t('handover.toPool')}</option>
            </select>
          )}
        </Field>
        {form.to === 'rep' ? (
          <Field label={t('handover.receiver')}>
            {(id) => (
              <select id={id} required value={form.repId} onChange={set('repId')}>
                <RepOptions reps={active.filter((r) => r.id !== form.from && r.role !== 'admin')} />
              </select>
            )}
          </Field>
        ) : null}
        {form.to === 'pool' ? <Field label={t('fields.pool')}>{(id) => <input id={id} value={form.poolId} onChange={set('poolId')} placeholder={t('handover.ownPool')} />}</Field> : null}
        <Field label={t('handover.keyCustomers')}>
          {(id) => (
            <select id={id} value={form.keyCustomers} onChange={set('keyCustomers')}>
              <option value="move">{t('handover.keyMove')}</option>
              <option value="pool">{t('handover.keyPool')}</option>
              <option value="keep">{t('handover.keep')}</option>
            </select>
          )}
        </Field>
        <Field label={t('handover.wonCustomers')}>
          {(id) => (
            <select id={id} value={form.wonCustomers} onChange={set('wonCustomers')}>
              <option value="">{t('handover.wonDefault')}</option>
              <option value="move">{t('handover.wonMove')}</option>
              <option value="keep">{t('handover.keep')}</option>
            </select>
          )}
        </Field>
        <ErrorNotice error={start.error ?? reps.error} />
        {confirming ? (
          <div className="buttons" role="group" aria-label={t('handover.confirm', { rep: departing })}>
            <span>{t('handover.confirm', { rep: departing })}</span>
            <button type="button" onClick={confirm}>
              {t('handover.confirmStart')}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        ) : (
          <div className="buttons">
            <button type="submit" disabled={start.isPending}>
              {t('handover.start')}
            </button>
          </div>
        )}
      </form>
      {job ? <HandoverProgress job={job} /> : null}
    </section>
  );
}
