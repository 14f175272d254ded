// Chat channels (admins): WeCom, DingTalk and Feishu robots that post lifecycle events within each
// vendor's rate limit; send a test message, read the messages with the robot's answers, delete.
import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCodeText } from '../../i18n/codes.js';
import { api } from '../../api/client.js';
import { useAction } from '../../api/use-action.js';
import type { Channel, ChannelMessage, Team } from '../../api/types.js';
import { ErrorNotice, SuccessNotice } from '../../components/error-notice.js';
import { ChannelForm } from './channel-form.js';
import { ChannelMessages } from './channel-messages.js';

export function ChannelsSection() {
  const { t } = useTranslation();
  const code = useCodeText();
  const channels = useQuery({ queryKey: ['channels'], queryFn: () => api.get<{ items: Channel[] }>('/channels') });
  const teams = useQuery({ queryKey: ['teams'], queryFn: () => api.get<{ items: Team[] }>('/teams') });
  const [open, setOpen] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const test = useAction({
    mutationFn: (c: Channel) => api.post<ChannelMessage>(`/channels/${encodeURIComponent(c.id)}/test`, {}),
    notice: setNotice,
    message: (m, c) => (m.status === 'delivered' ? t('channels.testDelivered', { name: c.name }) : t('channels.testRefused', { name: c.name, answer: m.lastAnswer ?? m.lastStatus ?? '—' })),
    invalidates: (_m, c) => [['channels', c.id, 'deliveries']],
  });
  const remove = useAction({
    mutationFn: (c: Channel) => api.delete(`/channels/${encodeURIComponent(c.id)}`),
    notice: setNotice,
    message: (_r, c) => t('channels.deleted', { name: c.name }),
    onSuccess: () => setConfirming(null),
    invalidates: [['channels']],
  });
  const teamName = (id: string | null) => (id ? (teams.data?.items.find((x) => x.id === id)?.name ?? id) : t('channels.everyone'));

  return (
    <section aria-labelledby="channels-title">
      <h2 id="channels-title">{t('settings.channels')}</h2>
      <p className="muted">{t('channels.help')}</p>
      <ErrorNotice error={channels.error ?? test.error ?? remove.error} />
      <SuccessNotice message={notice} />
      <div className="table-wrap">
        <table data-testid="channels-table">
          <thead>
            <tr>
              <th>{t('channels.name')}</th>
              <th>{t('channels.kind')}</th>
              <th>{t('channels.url')}</th>
              <th>{t('channels.team')}</th>
              <th>{t('webhooks.events')}</th>
              <th>{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {channels.data?.items.map((c) => (
              <Fragment key={c.id}>
                <tr data-channel={c.id}>
                  <td>{c.name}</td>
                  <td>{t(`channels.vendor.${c.kind}`)}</td>
                  <td className="wrap">
                    <code>{c.url}</code>
                  </td>
                  <td>
                    {teamName(c.teamId)} · {c.language === 'zh' ? '中文' : 'English'}
                  </td>
                  <td>{c.events.map((e) => <span key={e} className="badge">{e === '*' ? t('webhooks.allEvents') : code('event', e)}</span>)}</td>
                  <td>
                    <div className="row-actions">
                      <button type="button" disabled={test.isPending} onClick={() => test.mutate(c)} aria-label={`${t('channels.test')}: ${c.name}`}>
                        {t('channels.test')}
                      </button>
                      <button type="button" className="secondary" aria-expanded={open === c.id} onClick={() => setOpen(open === c.id ? null : c.id)} aria-label={`${t('webhooks.deliveries')}: ${c.name}`}>
                        {t('webhooks.deliveries')}
                      </button>
                      {confirming === c.id ? (
                        <>
                          <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate(c)} autoFocus>
                            {t('webhooks.confirmDelete')}
                          </button>
                          <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                            {t('common.cancel')}
                          </button>
                        </>
                      ) : (
                        <button type="button" className="secondary" onClick={() => setConfirming(c.id)} aria-label={`${t('webhooks.delete')}: ${c.name}`}>
                          {t('webhooks.delete')}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
                {open === c.id ? (
                  <tr className="form-row">
                    <td colSpan={6}>
                      <ChannelMessages channel={c} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      {channels.data?.items.length === 0 ? <p className="muted">{t('channels.none')}</p> : null}
      <ChannelForm teams={teams.data?.items ?? []} notice={setNotice} />
    </section>
  );
}
