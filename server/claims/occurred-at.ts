// When something a rep logs happened, as they say: now when left out, never in the future (a device
// clock a few minutes fast is let through). Follow-ups and inquiries take it alike.
import { invalidRequest } from '../request-issues.js';

const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/** The moment `value` names (ISO), or `now`; a moment in the future is refused at /occurredAt. */
export function occurredAt(value: string | undefined, now: Date, what: 'follow_up' | 'inquiry'): Date {
  const at = value ? new Date(value) : now;
  if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw invalidRequest('body', [{ pointer: '/occurredAt', code: 'in_future', params: { what } }], { message: 'Invalid request body: /occurredAt is in the future' });
  }
  return at;
}
