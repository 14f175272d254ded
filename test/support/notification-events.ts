// Notification events for tests: each call a new idempotency key and moment, to the given owner by default.
import type { NotificationEvent } from '../../server/notifications/events.js';

export function eventMaker(ownerId: () => string) {
  let seq = 0;
  return (fields: Partial<NotificationEvent> = {}): NotificationEvent => {
    seq++;
    return {
      type: 'customer.reclaimed',
      idempotencyKey: `test:${seq}`,
      occurredAt: new Date(Date.UTC(2026, 10, 22, 10, 0, seq)).toISOString(),
      customerId: null,
      recipients: [ownerId()],
      title: `Event ${seq}`,
      body: 'Acme Ltd. returned to the pool: no follow-up within 3 days.',
      data: { seq },
      ...fields,
    };
  };
}
