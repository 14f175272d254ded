// A chat channel's messages (events, digests, tests) with attempts and the robot's last answer.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import type { Channel, ChannelMessages as ChannelMessagesPage } from '../../api/types.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { useFormat } from '../../format.js';

export function ChannelMessages({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  const f = useFormat();
  const messages = useQuery({
    queryKey: ['channels', channel.id, 'deliveries'],
    queryFn: () => api.get<ChannelMessagesPage>(`/channels/${encodeURIComponent(channel.id)}/deliveries?limit=50`),
  });
  if (messages.error) return <ErrorNotice error={messages.error} />;
  if (!messages.data) return <p>{t('common.loading')}</p>;
  if (messages.data.items.length === 0) return <p className="muted">{t('channels.noMessages')}</p>;
  return (
    <table data-testid="channel-messages">
      <thead>
        <tr>
          <th>{t('channels.messageKind')}</th>
          <th>{t('channels.eventCount')}</th>
          <th>{t('fields.status')}</th>
          <th>{t('webhooks.attempts')}</th>
          <th>{t('webhooks.lastAnswer')}</th>
          <th>{t('fields.createdAt')}</th>
        </tr>
      </thead>
      <tbody>
        {messages.data.items.map((m) => (
          <tr key={m.id}>
            <td>{t(`channels.kinds.${m.kind}`)}</td>
            <td>{m.eventCount}</td>
            <td>
              <span className={`badge delivery-${m.status}`}>{t(`webhooks.status.${m.status}`)}</span>
            </td>
            <td>{m.attempts}</td>
            <td className="wrap">
              {m.lastStatus ?? '—'} {m.lastAnswer ? <code>{m.lastAnswer}</code> : null}
            </td>
            <td>{f.dateTime(m.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
