// Webhooks (admins): subscribe a URL to lifecycle events (the signing secret is shown once), delete a
// subscription, and read its deliveries with attempts and the last answer.
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCodeText } from '../../i18n/codes.js';
import { api } from '../../api/client.js';
import { useAction } from '../../api/use-action.js';
import type { Deliveries, NewWebhook, Webhook } from '../../api/types.js';
import { ErrorNotice, SuccessNotice } from '../../components/error-notice.js';
import { Field } from '../../components/field.js';
import { useFormat } from '../../format.js';
import { EVENT_TYPES } from '../../../../schemas/vocabulary.js';

function Deliveries({ webhook }: { webhook: Webhook }) {
  const { t } = useTranslation();
  const code = useCodeText();
  const f = useFormat();
  const deliveries = useQuery({
    queryKey: ['webhooks', webhook.id, 'deliveries'],
    queryFn: () => api.get<Deliveries>(`/webhooks/${encodeURIComponent(webhook.id)}/deliveries?limit=50`),
  });
  if (deliveries.error) return <ErrorNotice error={deliveries.error} />;
  if (!deliveries.data) return <p>{t('common.loading')}</p>;
  if (deliveries.data.items.length === 0) return <p className="muted">{t('webhooks.noDeliveries')}</p>;
  return (
    <table data-testid="deliveries-table">
      <thead>
        <tr>
          <th>{t('webhooks.event')}</th>
          <th>{t('fields.status')}</th>
          <th>{t('webhooks.attempts')}</th>
          <th>{t('webhooks.lastAnswer')}</th>
          <th>{t('fields.createdAt')}</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.data.items.map((d) => (
          <tr key={d.id}>
            <td>{code('event', d.event)}</td>
            <td>
              <span className={`badge delivery-${d.status}`}>{t(`webhooks.status.${d.status}`)}</span>
            </td>
            <td>{d.attempts}</td>
            <td>
              {d.lastStatus ?? '—'} {d.lastError ? <span className="muted">{d.lastError}</span> : null}
            </td>
            <td>{f.dateTime(d.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function WebhooksSection() {
  const { t } = useTranslation();
  const code = useCodeText();
  const f = useFormat();
  const hooks = useQuery({ queryKey: ['webhooks'], queryFn: () => api.get<{ items: Webhook[] }>('/webhooks') });
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(['*']);
  const [open, setOpen] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const create = useAction({
    mutationFn: () => api.post<NewWebhook>('/webhooks', { url: url.trim(), events }),
    notice: setNotice,
    onSuccess: () => {
      setUrl('');
      setEvents(['*']);
    },
    invalidates: [['webhooks']],
  });
  const remove = useAction({
    mutationFn: (w: Webhook) => api.delete(`/webhooks/${encodeURIComponent(w.id)}`),
    notice: setNotice,
    message: (_r, w) => t('webhooks.deleted', { url: w.url }),
    onSuccess: () => {
      setConfirming(null);
      create.reset();
    },
    invalidates: [['webhooks']],
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const toggle = (event: string, on: boolean) => {
    if (event === '*') setEvents(on ? ['*'] : []);
    else setEvents(on ? [...events.filter((e) => e !== '*'), event] : events.filter((e) => e !== event));
  };

  return (
    <section aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">{t('settings.webhooks')}</h2>
      <p className="muted">{t('webhooks.help')}</p>
      <ErrorNotice error={hooks.error ?? remove.error} />
      <SuccessNotice message={notice} />
      {create.data ? (
        <div className="notice success" role="status">
          {t('webhooks.secretShown', { url: create.data.url })} <code data-testid="webhook-secret">{create.data.secret}</code>
        </div>
      ) : null}
      <div className="table-wrap">
        <table data-testid="webhooks-table">
          <thead>
            <tr>
              <th>{t('webhooks.url')}</th>
              <th>{t('webhooks.events')}</th>
              <th>{t('fields.createdAt')}</th>
              <th>{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {hooks.data?.items.map((w) => (
              <Fragment key={w.id}>
                <tr data-webhook={w.id}>
                  <td className="wrap">{w.url}</td>
                  <td>{w.events.map((e) => <span key={e} className="badge">{e === '*' ? t('webhooks.allEvents') : code('event', e)}</span>)}</td>
                  <td>{f.dateTime(w.createdAt)}</td>
                  <td>
                    <div className="row-actions">
                      <button type="button" className="secondary" aria-expanded={open === w.id} onClick={() => setOpen(open === w.id ? null : w.id)} aria-label={`${t('webhooks.deliveries')}: ${w.url}`}>
                        {t('webhooks.deliveries')}
                      </button>
                      {confirming === w.id ? (
                        <>
                          <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate(w)} autoFocus>
                            {t('webhooks.confirmDelete')}
                          </button>
                          <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                            {t('common.cancel')}
                          </button>
                        </>
                      ) : (
                        <button type="button" className="secondary" onClick={() => setConfirming(w.id)} aria-label={`${t('webhooks.delete')}: ${w.url}`}>
                          {t('webhooks.delete')}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
                {open === w.id ? (
                  <tr className="form-row">
                    <td colSpan={4}>
                      <Deliveries webhook={w} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      {hooks.data?.items.length === 0 ? <p className="muted">{t('webhooks.none')}</p> : null}
      <form className="card form-grid" onSubmit={submit} aria-label={t('webhooks.create')}>
        <h3>{t('webhooks.create')}</h3>
        <Field label={t('webhooks.url')}>
          {(id) => <input id={id} type="url" required maxLength={2000} placeholder="https://crm.example.com/hooks/highseas" value={url} onChange={(e) => setUrl(e.target.value)} />}
        </Field>
        <fieldset className="checklist wide">
          <legend>{t('webhooks.events')}</legend>
          {['*', ...EVENT_TYPES].map((e) => (
            <label key={e} className="check">
              <input type="checkbox" checked={events.includes(e)} onChange={(x) => toggle(e, x.target.checked)} /> {e === '*' ? t('webhooks.allEvents') : code('event', e)}
            </label>
          ))}
        </fieldset>
        <ErrorNotice error={create.error} />
        <div className="buttons">
          <button type="submit" disabled={create.isPending}>
            {t('webhooks.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
