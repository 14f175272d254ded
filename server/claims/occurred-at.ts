// When something a rep logs happened, as they say: now when left out, never in the future (a device
// clock a few minutes fast is let through). Follow-ups and inquiries take it alike.
import { AppError, ErrorCode } from '../errors.js';

const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/** The moment `value` names (ISO), or `now`; a moment in the future is refused at /occurredAt. */
export function occurredAt(value: string | undefined, now: Date, what: string): Date {
  const at = value ? new Date(value) : now;
  if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new AppError(ErrorCode.VALIDATION_FAILED, 'Invalid request body: /occurredAt is in the future', {
      location: 'body',
      issues: [{ pointer: '/occurredAt', message: `${what} cannot happen in the future` }],
    });
  }
  return at;
}
