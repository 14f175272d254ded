// When something a rep logs happened, as they say: now when left out, never in the future (a device
// clock a few minutes fast is let through), and never before the work it belongs to began (the
// tenure's claim; for a pool customer, the customer's creation). Follow-ups and inquiries take it alike.
import { invalidRequest } from '../request-issues.js';

const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/** The earliest moment work on this customer may be dated: its tenure's claim, else its creation. */
export const workSince = (customer: { claimed_at: Date | null; created_at: Date }): { at: Date; since: 'claim' | 'created' } =>
  customer.claimed_at ? { at: customer.claimed_at, since: 'claim' } : { at: customer.created_at, since: 'created' };

/**
 * The moment `value` names (ISO), or `now`; one in the future is refused at /occurredAt, and so is
 * one before `earliest` (the tenure would count, and the history sort, work done before it began).
 */
export function occurredAt(value: string | undefined, now: Date, what: 'follow_up' | 'inquiry', earliest?: { at: Date; since: 'claim' | 'created' }): Date {
  const at = value ? new Date(value) : now;
  if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw invalidRequest('body', [{ pointer: '/occurredAt', code: 'in_future', params: { what } }], { message: 'Invalid request body: /occurredAt is in the future' });
  }
  if (earliest && at.getTime() < earliest.at.getTime()) {
    throw invalidRequest('body', [{ pointer: '/occurredAt', code: 'before_work', params: { what, since: earliest.since, at: earliest.at.toISOString() } }], {
      message: `Invalid request body: /occurredAt is before the ${earliest.since === 'claim' ? 'claim' : "customer's creation"} (${earliest.at.toISOString()})`,
    });
  }
  return at;
}
