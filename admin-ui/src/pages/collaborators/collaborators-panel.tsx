// On a customer's page (issue 15 §1): its collaborators with a rep picker to add one and a button to
// remove one; on a pool customer the joint follow-up (联合攻坚): open it (managers), join it (reps),
// close it (managers); every recorded split of contributions.
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import type { Collaboration } from '../../api/types.js';
import { useAction } from '../../api/use-action.js';
import { useMe } from '../../auth/session.js';
import { ErrorNotice, SuccessNotice } from '../../components/error-notice.js';
import { useFormat } from '../../format.js';

export function useCollaboration(customerId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['collaboration', customerId],
    queryFn: () => api.get<Collaboration>(`/customers/${encodeURIComponent(customerId)}/collaborators`),
    enabled,
  });
}

export function CollaboratorsPanel({ customerId, status }: { customerId: string; status: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const [repId, setRepId] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const view = useCollaboration(customerId, true);
  const path = `/customers/${encodeURIComponent(customerId)}`;
  // My customers lists the customers I collaborate on: adding, removing, joining and leaving change it.
  const invalidates = [['collaboration', customerId], ['customer', customerId], ['collaborating']];
  const add = useAction({
    mutationFn: () => api.post<Collaboration>(`${path}/collaborators`, { repId }),
    notice: setNotice,
    message: () => t('collaborators.added', { rep: view.data?.candidates.find((c) => c.repId === repId)?.name ?? repId }),
    onSuccess: () => setRepId(''),
    invalidates,
  });
  const remove = useAction({
    mutationFn: (rep: string) => api.delete(`${path}/collaborators/${encodeURIComponent(rep)}`),
    notice: setNotice,
    message: () => t('collaborators.removed'),
    invalidates,
  });
  const open = useAction({ mutationFn: () => api.post<Collaboration>(`${path}/joint-follow-up`, {}), notice: setNotice, message: () => t('collaborators.joint.opened'), invalidates });
  const join = useAction({ mutationFn: () => api.post<Collaboration>(`${path}/joint-follow-up/join`), notice: setNotice, message: () => t('collaborators.joint.joined'), invalidates });
  const close = useAction({
    mutationFn: () => api.post<Collaboration>(`${path}/joint-follow-up/close`),
    notice: setNotice,
    message: (d) => (d.joint?.outcome?.kind === 'rep' ? t('collaborators.joint.closedTo', { rep: f.rep(d.joint.outcome.repId, d.joint.outcome.repName) }) : t('collaborators.joint.closedPool')),
    invalidates: [...invalidates, ['pool'], ['mine']],
  });
  const data = view.data;
  if (view.error) return <ErrorNotice error={view.error} />;
  if (!data) return null;
  const jointOpen = data.joint !== null && data.joint.closedAt === null;
  const isCollaborator = data.collaborators.some((c) => c.repId === me.id);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (repId) add.mutate();
  };
  return (
    <section className="card" data-testid="collaborators-panel" aria-labelledby="collaborators-title">
      <h2 id="collaborators-title">{t('collaborators.title')}</h2>
      <SuccessNotice message={notice} />
      {data.cap ? <p className="muted">{t('collaborators.cap', { count: data.cap.count, cap: data.cap.collaborationMax })}</p> : null}
      {data.collaborators.length === 0 ? <p className="muted">{t('collaborators.none')}</p> : null}
      <ul className="plain" data-testid="collaborators">
        {data.collaborators.map((c) => (
          <li key={c.repId}>
            <strong>{f.rep(c.repId, c.name)}</strong> · {c.viaJointFollowUp ? t('collaborators.viaJoint') : t('collaborators.addedBy', { rep: f.rep(c.addedBy, c.addedByName) })} · {f.dateTime(c.addedAt)}{' '}
            {data.canManage || c.repId === me.id ? (
              <button type="button" className="secondary" onClick={() => remove.mutate(c.repId)} disabled={remove.isPending} aria-label={c.repId === me.id ? undefined : t('collaborators.removeRep', { rep: c.name })}>
                {c.repId === me.id ? t('collaborators.leave') : t('collaborators.remove')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <ErrorNotice error={remove.error} />
      {data.canManage && (status !== 'pool' || jointOpen) ? (
        <form className="inline-form" onSubmit={submit} aria-label={t('collaborators.add')}>
          <label htmlFor="collaborator-rep">{t('collaborators.rep')}</label>
          <select id="collaborator-rep" value={repId} onChange={(e) => setRepId(e.target.value)} data-testid="collaborator-picker">
            <option value="">{t('collaborators.pick')}</option>
            {data.candidates.map((c) => (
              <option key={c.repId} value={c.repId}>
                {f.rep(c.repId, c.name)}
              </option>
            ))}
          </select>
          <button type="submit" disabled={!repId || add.isPending}>
            {t('collaborators.add')}
          </button>
          {/* Nobody to offer: say why rather than show an empty list. */}
          {data.candidates.length === 0 ? <p className="muted" data-testid="no-candidates">{t('collaborators.noCandidates')}</p> : null}
          <ErrorNotice error={add.error} />
        </form>
      ) : null}
      {status === 'pool' || jointOpen ? (
        <div className="joint">
          <h3>{t('collaborators.joint.title')}</h3>
          {jointOpen ? (
            <p>{t('collaborators.joint.openSince', { rep: f.rep(data.joint!.openedBy, data.joint!.openedByName), when: f.dateTime(data.joint!.openedAt) })}{data.joint!.note ? ` — ${data.joint!.note}` : ''}</p>
          ) : (
            <p className="muted">{t('collaborators.joint.none')}</p>
          )}
          {!jointOpen && status === 'pool' && me.role !== 'rep' ? (
            <button type="button" onClick={() => open.mutate()} disabled={open.isPending} data-testid="joint-open">
              {t('collaborators.joint.open')}
            </button>
          ) : null}
          {jointOpen && status === 'pool' && !isCollaborator && me.role !== 'admin' ? (
            <button type="button" onClick={() => join.mutate()} disabled={join.isPending} data-testid="joint-join">
              {t('collaborators.joint.join')}
            </button>
          ) : null}
          {jointOpen && data.canClose ? (
            <button type="button" className="secondary" onClick={() => close.mutate()} disabled={close.isPending} data-testid="joint-close">
              {t('collaborators.joint.close')}
            </button>
          ) : null}
          <ErrorNotice error={open.error ?? join.error ?? close.error} />
        </div>
      ) : null}
      <h3>{t('collaborators.contributions.title')}</h3>
      {data.contributions.length === 0 ? <p className="muted">{t('collaborators.contributions.none')}</p> : null}
      {data.contributions.map((split) => (
        <div className="table-wrap" key={`${split.occasion}/${split.recordedAt}`}>
          <p className="muted">
            {t(`collaborators.contributions.${split.occasion}`)} · {f.dateTime(split.recordedAt)}
          </p>
          <table data-testid="contributions">
            <thead>
              <tr>
                <th>{t('fields.name')}</th>
                <th>{t('collaborators.contributions.role')}</th>
                <th>{t('collaborators.contributions.followUps')}</th>
                <th>{t('collaborators.contributions.stages')}</th>
                <th>{t('collaborators.contributions.quotes')}</th>
                <th>{t('collaborators.contributions.share')}</th>
              </tr>
            </thead>
            <tbody>
              {split.items.map((c) => (
                <tr key={c.repId}>
                  <td>{c.name}</td>
                  <td>{t(`collaborators.roles.${c.role}`)}</td>
                  <td>{f.number(c.followUps)}</td>
                  <td>{f.number(c.stages)}</td>
                  <td>{f.number(c.approvedQuotes)}</td>
                  <td>{f.percent(c.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
