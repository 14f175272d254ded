// How chat robots mention a rep (admins): a mobile number (WeCom, DingTalk) and each platform's
// user id. An empty field clears it; only the fields shown are sent (PATCH /reps/{id}).
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useAction } from '../../api/use-action.js';
import type { Rep } from '../../api/types.js';
import { ErrorNotice, SuccessNotice } from '../../components/error-notice.js';
import { Field } from '../../components/field.js';
import { useFormat } from '../../format.js';

const FIELDS = ['mobile', 'wecomUserId', 'dingtalkUserId', 'feishuUserId'] as const;
type Values = Record<(typeof FIELDS)[number], string>;
const blank: Values = { mobile: '', wecomUserId: '', dingtalkUserId: '', feishuUserId: '' };

export function RepMentionsForm({ reps }: { reps: Rep[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [repId, setRepId] = useState('');
  const [values, setValues] = useState<Values>(blank);
  const [notice, setNotice] = useState<string | null>(null);
  const choose = (id: string) => {
    setRepId(id);
    const rep = reps.find((r) => r.id === id);
    setValues(rep ? { mobile: rep.mobile ?? '', wecomUserId: rep.wecomUserId ?? '', dingtalkUserId: rep.dingtalkUserId ?? '', feishuUserId: rep.feishuUserId ?? '' } : blank);
  };
  const save = useAction({
    mutationFn: () => api.patch<Rep>(`/reps/${encodeURIComponent(repId)}`, Object.fromEntries(FIELDS.map((f) => [f, values[f].trim() || null]))),
    notice: setNotice,
    message: (r) => t('mentions.saved', { name: r.name }),
    invalidates: [['reps']],
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (repId) save.mutate();
  };
  return (
    <form className="card form-grid" onSubmit={submit} aria-label={t('mentions.title')}>
      <h3>{t('mentions.title')}</h3>
      <p className="muted wide">{t('mentions.help')}</p>
      <Field label={t('mentions.rep')}>
        {(id) => (
          <select id={id} required value={repId} onChange={(e) => choose(e.target.value)}>
            <option value="">—</option>
            {reps.map((r) => (
              <option key={r.id} value={r.id}>
                {f.rep(r.id, r.name)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {FIELDS.map((f) => (
        <Field key={f} label={t(`mentions.${f}`)}>
          {(id) => <input id={id} maxLength={64} value={values[f]} onChange={(e) => setValues({ ...values, [f]: e.target.value })} />}
        </Field>
      ))}
      <ErrorNotice error={save.error} />
      <SuccessNotice message={notice} />
      <div className="buttons">
        <button type="submit" disabled={save.isPending || !repId}>
          {t('mentions.save')}
        </button>
      </div>
    </form>
  );
}
