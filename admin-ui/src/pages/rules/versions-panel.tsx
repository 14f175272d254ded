// Every version of a decision, newest first, with author, time and comment; open one in the editor,
// compare it with the version before it, or publish an earlier one again (rollback).
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useAction } from '../../api/use-action.js';
import type { Published, RuleSetInfo } from '../../api/types.js';
import { useRepName } from '../../components/rep-names.js';
import { useMe } from '../../auth/session.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Field } from '../../components/field.js';
import { useFormat } from '../../format.js';

interface Props {
  decision: string;
  versions: RuleSetInfo[];
  onOpen: (v: RuleSetInfo) => void;
  /** Shows what changed from `before` to `after` (the Diff tab). */
  onCompare: (before: RuleSetInfo, after: RuleSetInfo) => void;
  onRolledBack: (message: string) => void;
}

export function VersionsPanel({ decision, versions, onOpen, onCompare, onRolledBack }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  // Authors by name, as reps are named everywhere.
  const nameOf = useRepName();
  const [target, setTarget] = useState<RuleSetInfo | null>(null);
  const [comment, setComment] = useState('');
  const rollback = useAction({
    mutationFn: (v: RuleSetInfo) =>
      api.post<Published>(`/decisions/${decision}/rollback`, { version: v.version, ...(comment.trim() ? { comment: comment.trim() } : {}) }),
    onSuccess: (res, v) => {
      setTarget(null);
      setComment('');
      onRolledBack(t('rules.rolledBack', { from: v.version, version: res.published.version }));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (target) rollback.mutate(target);
  };

  return (
    <div data-testid="versions">
      <ErrorNotice error={rollback.error} />
      <ol className="versions plain">
        {versions.map((v, i) => (
          <li key={v.id} className={`card version ${v.status}`} data-version={v.version} data-status={v.status}>
            <p>
              <strong>v{v.version}</strong> <span className={`badge ${v.status}`}>{t(`rules.status.${v.status}`)}</span>
              {v.rolledBackFrom ? <span className="badge">{t('rules.rolledBackFrom')}</span> : null}
            </p>
            <p className="muted">
              {v.authorId ? f.rep(v.authorId, nameOf(v.authorId)) : '—'} · {f.dateTime(v.publishedAt ?? v.createdAt)}
            </p>
            {v.comment ? <p>{v.comment}</p> : null}
            <div className="buttons">
              <button type="button" className="secondary" onClick={() => onOpen(v)}>
                {t('rules.load')}
              </button>
              {versions[i + 1] ? (
                <button type="button" className="secondary" onClick={() => onCompare(versions[i + 1]!, v)} aria-label={t('rules.compareWithEarlier', { version: v.version, before: versions[i + 1]!.version })}>
                  {t('rules.compare')}
                </button>
              ) : null}
              {me.role === 'admin' && v.status === 'archived' ? (
                <button type="button" className="secondary" onClick={() => setTarget(v)} aria-label={`${t('rules.rollback')} v${v.version}`}>
                  {t('rules.rollback')}
                </button>
              ) : null}
            </div>
            {target?.id === v.id ? (
              <form onSubmit={submit} className="inline-form">
                <Field label={t('rules.comment')}>
                  {(id) => <input id={id} autoFocus value={comment} maxLength={1000} onChange={(e) => setComment(e.target.value)} />}
                </Field>
                <div className="buttons">
                  <button type="submit" className="danger" disabled={rollback.isPending}>
                    {t('rules.rollback')}
                  </button>
                  <button type="button" className="secondary" onClick={() => setTarget(null)}>
                    {t('common.cancel')}
                  </button>
                </div>
              </form>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
