// "Pin as test case" (admins) on a customer's decision or a simulation example: its facts and
// today's outcome become a named test case of that decision, which then gates publishing.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { useAction } from '../api/use-action.js';
import type { TestCase } from '../api/types.js';
import { ErrorNotice, SuccessNotice } from '../components/error-notice.js';
import { Field } from '../components/field.js';

/** `from`: { fromDecisionRecord: id } or { fromSimulation: { id, subjectId } }. */
export function PinTestCase({ decision, from, defaultName }: { decision: string; from: Record<string, unknown>; defaultName: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(defaultName);
  const [notice, setNotice] = useState<string | null>(null);
  const pin = useAction({
    mutationFn: (n: string) => api.post<TestCase>(`/decisions/${decision}/test-cases`, { name: n, ...from }),
    notice: setNotice,
    message: (c) => t('testCases.pinned', { name: c.name }),
    onSuccess: () => setOpen(false),
    invalidates: [['test-cases', decision]],
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) pin.mutate(name.trim());
  };
  return (
    <div className="pin-test-case">
      <SuccessNotice message={notice} />
      {open ? (
        <form onSubmit={submit}>
          <Field label={t('testCases.pinName')}>{(id) => <input id={id} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />}</Field>
          <button type="submit" disabled={pin.isPending || !name.trim()}>
            {t('testCases.pinSubmit')}
          </button>
          <ErrorNotice error={pin.error} />
        </form>
      ) : (
        <button type="button" className="secondary" onClick={() => setOpen(true)}>
          {t('testCases.pin')}
        </button>
      )}
    </div>
  );
}
