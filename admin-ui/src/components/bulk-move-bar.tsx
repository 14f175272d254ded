// Bulk actions for managers and admins on the selected customers: transfer to a rep, return to the
// pool, or move pool customers to another pool. The answer says per customer what happened.
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { useAction } from '../api/use-action.js';
import type { Rep } from '../api/types.js';
import { HandoverProgress } from './handover-progress.js';
import { usePools } from './pool-select.js';
import type { HandoverJobView } from '../../../schemas/handovers.js';
import { ErrorNotice } from './error-notice.js';
import { Field } from './field.js';
import { RepOptions } from './rep-options.js';

type BulkAction = 'transfer' | 'release' | 'move_pool';

export function BulkMoveBar({ selected, actions, onDone }: { selected: readonly string[]; actions: readonly BulkAction[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<BulkAction>(actions[0]!);
  const [target, setTarget] = useState('');
  const [job, setJob] = useState<HandoverJobView | null>(null);
  const pools = usePools();
  const reps = useQuery({ queryKey: ['reps'], queryFn: () => api.get<{ items: Rep[] }>('/reps'), enabled: actions.includes('transfer') });
  const move = useAction({
    mutationFn: () =>
      api.post<HandoverJobView>('/bulk-moves', {
        action,
        customerIds: selected,
        ...(action === 'transfer' ? { toRepId: target } : action === 'move_pool' ? { poolId: target } : {}),
      }),
    onSuccess: (j) => {
      setJob(j);
      onDone();
    },
    invalidates: [['pool'], ['mine']],
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    move.mutate();
  };
  return (
    <div data-testid="bulk-move-bar">
      <form className="card filters" onSubmit={submit} aria-label={t('bulk.title')}>
        <strong>{t('bulk.selected', { count: selected.length })}</strong>
        <Field label={t('bulk.action')}>
          {(id) => (
            <select id={id} value={action} onChange={(e) => setAction(e.target.value as BulkAction)}>
              {actions.map((a) => (
                <option key={a} value={a}>
                  {t(`bulk.actions.${a}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {action === 'transfer' ? (
          <Field label={t('handover.receiver')}>
            {(id) => (
              <select id={id} required value={target} onChange={(e) => setTarget(e.target.value)}>
                <RepOptions reps={reps.data?.items.filter((r) => r.active && r.role !== 'admin')} />
              </select>
            )}
          </Field>
        ) : null}
        {action === 'move_pool' ? (
          <Field label={t('fields.pool')}>
            {(id) => (
              <select id={id} required value={target} onChange={(e) => setTarget(e.target.value)}>
                <option value="">—</option>
                {pools.data?.items.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <div className="buttons">
          <button type="submit" disabled={move.isPending || selected.length === 0}>
            {t('bulk.apply')}
          </button>
        </div>
      </form>
      <ErrorNotice error={move.error} />
      {job ? <HandoverProgress key={job.id} job={job} /> : null}
    </div>
  );
}
