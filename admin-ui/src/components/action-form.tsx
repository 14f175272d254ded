// The frame every action form shares (stages, follow-up, release, approval decisions): a labelled
// form that submits with Enter, the API's refusal shown in words, submit and cancel.
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from './error-notice.js';

export function ActionForm({
  label,
  submit,
  mutation,
  onCancel,
  children,
  className = 'inline-form',
  danger = false,
}: {
  label: string;
  submit: string;
  mutation: { mutate: () => void; error: Error | null; isPending: boolean };
  onCancel: () => void;
  children: ReactNode;
  className?: string;
  /** The submit button warns (releasing, rejecting). */
  danger?: boolean;
}) {
  const { t } = useTranslation();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate();
  };
  return (
    <form className={className} onSubmit={onSubmit} aria-label={label}>
      {children}
      <ErrorNotice error={mutation.error} />
      <div className="buttons">
        <button type="submit" className={danger ? 'danger' : undefined} disabled={mutation.isPending}>
          {submit}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The defined, non-blank values of a form, trimmed; numbers parsed. */
export function compact(values: Record<string, string | number | string[] | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === 'string' ? v.trim() !== '' : Array.isArray(v) ? v.length > 0 : v !== undefined && !Number.isNaN(v)) {
      out[k] = typeof v === 'string' ? v.trim() : v;
    }
  }
  return out;
}
