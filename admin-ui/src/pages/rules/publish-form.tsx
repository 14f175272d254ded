// Save the editor's text as a draft, or save and publish it, with a comment kept on the version.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/session.js';
import { Field } from '../../components/field.js';

export function PublishForm({ disabled, busy, onSave, onPublish }: { disabled: boolean; busy: boolean; onSave: (comment: string) => void; onPublish: (comment: string) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [comment, setComment] = useState('');
  if (me.role !== 'admin') return null;
  // Enter in the comment saves a draft; publishing is always an explicit click.
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave(comment.trim());
  };
  return (
    <form className="publish-form" onSubmit={submit}>
      <Field label={t('rules.comment')}>
        {(id) => <input id={id} value={comment} maxLength={1000} onChange={(e) => setComment(e.target.value)} />}
      </Field>
      <div className="buttons">
        <button type="submit" className="secondary" disabled={disabled || busy}>
          {t('rules.saveDraft')}
        </button>
        <button type="button" disabled={disabled || busy} onClick={() => onPublish(comment.trim())}>
          {t('rules.publish')}
        </button>
      </div>
    </form>
  );
}
