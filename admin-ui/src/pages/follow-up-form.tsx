// Logging a contact with an owned customer: kind, note, the rep's estimate (grading inputs).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { useAction } from '../api/use-action.js';
import type { Customer, Ownership } from '../api/types.js';
import { ActionForm } from '../components/action-form.js';
import { Field } from '../components/field.js';
import { GRADES } from '../../../schemas/vocabulary.js';

const KINDS = ['call', 'email', 'visit', 'meeting', 'message', 'other'] as const;

export function FollowUpForm({ customer, onDone, onCancel }: { customer: Customer; onDone: (r: Ownership) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<(typeof KINDS)[number]>('call');
  const [note, setNote] = useState('');
  const [days, setDays] = useState('');
  const [grade, setGrade] = useState('');
  const [noDemand, setNoDemand] = useState(false);
  const save = useAction({
    mutationFn: () =>
      api.post<Ownership>(`/customers/${encodeURIComponent(customer.id)}/follow-ups`, {
        kind,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(days !== '' ? { expectedCloseDays: Number(days) } : {}),
        ...(grade ? { grade } : {}),
        ...(noDemand ? { noDemand: true } : {}),
      }),
    onSuccess: onDone,
  });
  return (
    <ActionForm label={`${t('mine.followUp')}: ${customer.companyName}`} submit={t('common.save')} mutation={save} onCancel={onCancel}>
      <Field label={t('mine.kind')}>
        {(id) => (
          <select id={id} value={kind} onChange={(e) => setKind(e.target.value as (typeof KINDS)[number])} autoFocus>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`mine.kinds.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('mine.expectedCloseDays')}>
        {(id) => <input id={id} type="number" min={0} max={3650} inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} />}
      </Field>
      <Field label={t('fields.grade')}>
        {(id) => (
          <select id={id} value={grade} onChange={(e) => setGrade(e.target.value)}>
            <option value="">{t('common.none')}</option>
            {GRADES.map((g) => (
              <option key={g}>{g}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('mine.note')}>
        {(id) => <input id={id} value={note} maxLength={5000} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <label className="check">
        <input type="checkbox" checked={noDemand} onChange={(e) => setNoDemand(e.target.checked)} /> {t('mine.noDemand')}
      </label>
    </ActionForm>
  );
}
