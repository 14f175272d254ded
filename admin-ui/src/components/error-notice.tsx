// A refusal or failure from the API, in words the user understands: the code picks the message and
// its details (cap, count, reset time, cooldown end, stages, quote status, the company profile's
// missing fields by their form labels) fill it in; validation lists every field. Inside a form, a
// notice belongs to the attempt that caused it: it goes as soon as the person edits the form or
// tries again (even when the browser's own check stops the attempt), so a stale refusal never
// stands beside a new one.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api/client.js';
import { useSession } from '../auth/session.js';
import { useFormat } from '../format.js';
import { type Failure, TestFailures } from './test-failures.js';
import { ruleText } from '../i18n/codes.js';
import { issueField } from './issue-field.js';
import { FIELD_LABELS } from './field-labels.js';

const KNOWN = new Set([
  'CAP_REACHED', 'DAILY_LIMIT_REACHED', 'COOLDOWN', 'CUSTOMER_OWNED', 'CUSTOMER_WON', 'NOT_OWNER', 'VALIDATION_FAILED', 'FORBIDDEN',
  'UNAUTHENTICATED', 'NOT_FOUND', 'REP_INACTIVE', 'WORKFLOW_UNAVAILABLE', 'DUPLICATE_REP', 'DUPLICATE_TEAM', 'DUPLICATE_CUSTOMER', 'CONFLICT',
  'QUOTE_PENDING', 'NOT_APPROVER', 'SELF_APPROVAL', 'POOL_CLOSED', 'DATABASE_UNAVAILABLE', 'TEMPORARILY_UNAVAILABLE', 'RATE_LIMITED', 'REQUEST_TIMEOUT',
  'NOTHING_TO_DISPUTE', 'NOT_INVOLVED', 'DISPUTE_OPEN', 'DISPUTE_DECIDED', 'DECISION_OVERTURNED', 'DISPUTE_BEING_DECIDED', 'LAST_ADMIN', 'NOT_DECIDER', 'OWN_DISPUTE', 'OWN_PASSWORD_RESET',
  'SIGN_IN_FAILED', 'CSRF_REFUSED', 'INSUFFICIENT_SCOPE', 'WRONG_PASSWORD', 'INVITATION_INVALID', 'ALREADY_SIGNED_UP',
  'REP_ON_LEAVE', 'ALREADY_OWNER', 'ALREADY_IN_POOL', 'DEADLINE_WOULD_PASS', 'ALREADY_COLLABORATOR', 'JOINT_FOLLOW_UP_OPEN', 'NO_JOINT_FOLLOW_UP',
  'MALFORMED_JSON', 'UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE', 'HEADERS_TOO_LARGE', 'ROUTE_NOT_FOUND', 'METHOD_NOT_ALLOWED', 'INTERNAL',
]);

/** Why a one-time link no longer works (INVITATION_INVALID's details.reason), each said in words. */
const LINK_REFUSALS = new Set(['unknown', 'used', 'signed_up', 'replaced', 'withdrawn', 'deactivated', 'expired']);

/**
 * Codes whose words here are generic (a role, a conflict) while the server's message says what
 * exactly and what to do ("you cannot hand over your own customers", "this leave overlaps …"):
 * in English the server's sentence is the message; in Chinese the words here, with the server's
 * sentence beside them (the server writes these in English).
 */
export const SERVER_WORDED = new Set(['FORBIDDEN', 'CONFLICT']);

/** A duplicate's matched identity by the form field it comes from. */
const MATCHED_FIELD: Record<string, string> = { email: 'email', phone: 'phone', domain: 'website', name: 'company' };
const serverWorded = (error: unknown): error is ApiError => error instanceof ApiError && SERVER_WORDED.has(error.code) && error.message.trim() !== '';

export function useErrorMessage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  return (error: unknown): string => {
    if (!(error instanceof ApiError)) return t('errors.other', { message: error instanceof Error ? error.message : String(error) });
    const d = error.details;
    // A conflict the server names a reason for is told in words, in either language.
    if (error.code === 'CONFLICT' && d.reason === 'LEAVE_OVERLAPS') {
      const existing = (d.existing ?? {}) as { startsOn?: unknown; endsOn?: unknown };
      // Days as the leave was entered (YYYY-MM-DD, no time zone to shift them).
      return t('errors.LEAVE_OVERLAPS', { from: String(existing.startsOn ?? '—'), to: String(existing.endsOn ?? '—') });
    }
    if (serverWorded(error) && !i18n.language.startsWith('zh')) return error.message;
    switch (error.code) {
      case 'DUPLICATE_CUSTOMER': {
        // What matched, by the fields the forms name (e-mail, phone, website, company name).
        const matched = Array.isArray(d.matchedOn) ? d.matchedOn.map((k) => t(`fields.${MATCHED_FIELD[String(k)] ?? 'company'}` as 'fields.company')) : [];
        return matched.length > 0 ? t('errors.DUPLICATE_CUSTOMER_ON', { fields: new Intl.ListFormat(f.locale, { type: 'conjunction' }).format(matched) }) : t('errors.DUPLICATE_CUSTOMER');
      }
      case 'COLLABORATION_CAP_REACHED':
        return t('errors.COLLABORATION_CAP_REACHED', { count: d.count, cap: d.cap });
      case 'CAP_REACHED':
        return t(d.kind === 'key' ? 'errors.CAP_REACHED_KEY' : 'errors.CAP_REACHED', { count: d.count, cap: d.cap });
      case 'DAILY_LIMIT_REACHED':
        return t('errors.DAILY_LIMIT_REACHED', { limit: d.limit, resetsAt: f.dateTime(d.resetsAt as string) });
      case 'COOLDOWN':
        return t('errors.COOLDOWN', { until: f.dateTime(d.until as string) });
      case 'CUSTOMER_OWNED':
        return t(d.ownedByYou ? 'errors.CUSTOMER_OWNED_BY_YOU' : 'errors.CUSTOMER_OWNED');
      case 'KEY_CAP_REACHED':
        return t('errors.KEY_CAP_REACHED', { count: d.count, cap: d.cap });
      case 'ILLEGAL_TRANSITION': {
        const stage = (s: unknown) => (typeof s === 'string' ? t(`stages.${s}` as 'stages.claimed') : '—');
        const allowed = Array.isArray(d.allowedFrom) ? d.allowedFrom.map(stage).join(t('approvers.or')) : '—';
        return t('errors.ILLEGAL_TRANSITION', { from: stage(d.from), to: stage(d.to), allowed });
      }
      case 'RULE_TESTS_FAILED':
        return t('errors.RULE_TESTS_FAILED', { count: Array.isArray(d.failures) ? d.failures.length : 0 });
      case 'DISPUTE_WINDOW_CLOSED':
        return t('errors.DISPUTE_WINDOW_CLOSED', { until: f.dateTime(d.until as string) });
      case 'APPROVAL_DECIDED':
        return t('errors.APPROVAL_DECIDED', { status: typeof d.status === 'string' ? t(`quote.status.${d.status}` as 'quote.status.approved') : '—' });
      case 'COMPANY_PROFILE_INCOMPLETE': {
        // Each field by the label the company-profile form shows it with (Settings → Documents).
        const label = (m: unknown) => {
          const field = String((m as { field?: unknown } | null)?.field ?? '?');
          return `“${t(`documents.fields.${field}` as 'documents.fields.name', { defaultValue: field })}”`;
        };
        const fields = new Intl.ListFormat(f.locale, { type: 'conjunction' }).format(Array.isArray(d.missing) ? d.missing.map(label) : []);
        return t(d.kind === 'proforma_invoice' ? 'errors.COMPANY_PROFILE_INCOMPLETE_PI' : 'errors.COMPANY_PROFILE_INCOMPLETE', { fields });
      }
      case 'UNSUPPORTED_MEDIA_TYPE':
      case 'PAYLOAD_TOO_LARGE':
        // The server's message names the file and the limit; kept beside the words.
        return t(`errors.${error.code}`, { message: error.message });
      case 'ACCOUNT_LOCKED':
        return t('errors.ACCOUNT_LOCKED', { until: f.dateTime(d.lockedUntil as string) });
      case 'INVITATION_INVALID':
        return typeof d.reason === 'string' && LINK_REFUSALS.has(d.reason)
          ? t(`invitation.invalid.${d.reason}` as 'invitation.invalid.used', { at: typeof d.expiredAt === 'string' ? f.dateTime(d.expiredAt) : '—' })
          : t('errors.INVITATION_INVALID');
      default:
        return KNOWN.has(error.code) ? t(`errors.${error.code}` as 'errors.NOT_FOUND') : t('errors.other', { message: error.message });
    }
  };
}

/** For an admin, the way to the company profile a document was refused for. */
function ProfileLink() {
  const { t } = useTranslation();
  const { me } = useSession();
  if (me?.role !== 'admin') return null;
  return (
    <p>
      <Link to="/settings/documents">{t('documents.fillProfile')}</Link>
    </p>
  );
}

/** The error, until the form around `ref` (if any) is edited or submitted; then null until another error comes. */
function useUntilFormChanges(error: unknown, ref: { current: HTMLElement | null }): unknown {
  const [dismissed, setDismissed] = useState<unknown>(null);
  useEffect(() => {
    const form = ref.current?.closest('form');
    if (!error || !form) return;
    const dismiss = () => setDismissed(error);
    // `invalid` does not bubble: caught on its way down, like a submit the browser's check stops.
    const events = [['input', false], ['change', false], ['submit', true], ['invalid', true]] as const;
    for (const [type, capture] of events) form.addEventListener(type, dismiss, capture);
    return () => {
      for (const [type, capture] of events) form.removeEventListener(type, dismiss, capture);
    };
  }, [error, ref]);
  return error === dismissed ? null : error;
}

/** `fields`: the form's field labels by pointer path ("url", "rep/email"), to name a validation issue's field by its label rather than its pointer (the common body fields are named already). */
export function ErrorNotice({ error: given, fields }: { error: unknown; fields?: Readonly<Record<string, string>> }) {
  const { t, i18n } = useTranslation();
  const message = useErrorMessage();
  const ref = useRef<HTMLDivElement>(null);
  const error = useUntilFormChanges(given, ref);
  if (!error) return null;
  // The common body fields by the forms' labels, unless the form names its own.
  const labels = { ...Object.fromEntries(Object.entries(FIELD_LABELS).map(([field, key]) => [field, t(key)])), ...fields };
  const rule = error instanceof ApiError ? (error.details.rule as { name?: string | null } | null | undefined) : undefined;
  return (
    <div ref={ref} className="notice error" role="alert" data-code={error instanceof ApiError ? error.code : 'ERROR'}>
      <p>{message(error)}</p>
      {serverWorded(error) && i18n.language.startsWith('zh') ? <p className="muted" data-testid="server-says">{t('errors.serverSays', { message: error.message })}</p> : null}
      {rule?.name ? <p className="muted">{t('errors.rule', { rule: ruleText(rule.name) })}</p> : null}
      {error instanceof ApiError && error.code === 'COMPANY_PROFILE_INCOMPLETE' ? <ProfileLink /> : null}
      {/* A duplicate the reader may open (the server names it only then): the way to it. */}
      {error instanceof ApiError && error.code === 'DUPLICATE_CUSTOMER' && typeof error.details.existingId === 'string' ? (
        <p>
          <Link to={`/customers/${encodeURIComponent(error.details.existingId)}`}>{t('customer.openExisting')}</Link>
        </p>
      ) : null}
      {error instanceof ApiError && error.code === 'RULE_TESTS_FAILED' && Array.isArray(error.details.failures) ? <TestFailures failures={error.details.failures as Failure[]} /> : null}
      {error instanceof ApiError && error.issues.length > 0 ? (
        <ul>
          {error.issues.map((i) => (
            <li key={`${i.pointer}:${i.message}`}>
              {issueField(i.pointer, labels) === (i.pointer || '/') ? <code>{i.pointer || '/'}</code> : <strong>{issueField(i.pointer, labels)}</strong>} {i.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function SuccessNotice({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="notice success" role="status">
      {message}
    </div>
  );
}
