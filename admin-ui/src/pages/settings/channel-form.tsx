// The form that adds a chat channel: kind, robot URL, signing secret (DingTalk, Feishu), the events
// it posts, and whose events (a team's, in the team's language, or everyone's in a chosen language).
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCodeText } from '../../i18n/codes.js';
import { api } from '../../api/client.js';
import { useAction } from '../../api/use-action.js';
import type { Channel, Team } from '../../api/types.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Field } from '../../components/field.js';
import { CHAT_KINDS, type ChatKind, EVENT_TYPES } from '../../../../schemas/vocabulary.js';

const PLACEHOLDERS: Record<ChatKind, string> = {
  wecom: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
  dingtalk: 'https://oapi.dingtalk.com/robot/send?access_token=…',
  feishu: 'https://open.feishu.cn/open-apis/bot/v2/hook/…',
};

export function ChannelForm({ teams, notice }: { teams: Team[]; notice: (message: string | null) => void }) {
  const { t } = useTranslation();
  const code = useCodeText();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ChatKind>('wecom');
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [teamId, setTeamId] = useState('');
  const [language, setLanguage] = useState<'zh' | 'en'>('zh');
  const [events, setEvents] = useState<string[]>(['*']);
  const create = useAction({
    mutationFn: () =>
      api.post<Channel>('/channels', {
        name: name.trim(),
        kind,
        url: url.trim(),
        ...(kind !== 'wecom' && secret.trim() ? { secret: secret.trim() } : {}),
        events,
        ...(teamId ? { teamId } : { language }),
      }),
    notice,
    message: (c) => t('channels.created', { name: c.name }),
    onSuccess: () => {
      setName('');
      setUrl('');
      setSecret('');
    },
    invalidates: [['channels']],
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
    <form className="card form-grid" onSubmit={submit} aria-label={t('channels.create')}>
      <h3>{t('channels.create')}</h3>
      <Field label={t('channels.name')}>{(id) => <input id={id} required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />}</Field>
      <Field label={t('channels.kind')}>
        {(id) => (
          <select id={id} value={kind} onChange={(e) => setKind(e.target.value as ChatKind)}>
            {CHAT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`channels.vendor.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('channels.url')} help={t(`channels.urlHelp.${kind}`)}>
        {(id) => <input id={id} type="url" required maxLength={2000} placeholder={PLACEHOLDERS[kind]} value={url} onChange={(e) => setUrl(e.target.value)} />}
      </Field>
      {kind !== 'wecom' ? (
        <Field label={t('channels.secret')} help={t('channels.secretHelp')}>
          {(id) => <input id={id} type="password" autoComplete="off" maxLength={200} value={secret} onChange={(e) => setSecret(e.target.value)} />}
        </Field>
      ) : null}
      <Field label={t('channels.team')}>
        {(id) => (
          <select id={id} value={teamId} onChange={(e) => setTeamId(e.target.value)}>
            <option value="">{t('channels.everyone')}</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {teamId ? null : (
        <Field label={t('channels.language')}>
          {(id) => (
            <select id={id} value={language} onChange={(e) => setLanguage(e.target.value as 'zh' | 'en')}>
              <option value="zh">中文</option>
              <option value="en">English</option>
            </select>
          )}
        </Field>
      )}
      <fieldset className="checklist wide">
        <legend>{t('webhooks.events')}</legend>
        {['*', ...EVENT_TYPES].map((e) => (
          <label key={e} className="check">
            <input type="checkbox" checked={events.includes(e)} onChange={(x) => toggle(e, x.target.checked)} /> {e === '*' ? t('webhooks.allEvents') : code('event', e)}
          </label>
        ))}
      </fieldset>
      <ErrorNotice error={create.error} fields={{ name: t('channels.name'), kind: t('channels.kind'), url: t('channels.url'), secret: t('channels.secret'), teamId: t('channels.team'), language: t('channels.language'), events: t('webhooks.events') }} />
      <div className="buttons">
        <button type="submit" disabled={create.isPending}>
          {t('channels.create')}
        </button>
      </div>
    </form>
  );
}
