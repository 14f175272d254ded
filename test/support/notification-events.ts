// Notification events for tests: each call a new idempotency key and moment, to the given owner by default.
import type { Kysely } from 'kysely';
import { systemClock } from '../../server/clock.js';
import type { Database } from '../../server/db/database.js';
import type { NotificationEvent } from '../../server/notifications/events.js';
import { type LifecycleEvents, notificationEvents } from '../../server/notifications/lifecycle-events.js';

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

/** The real in-app notices and webhooks, the first `failures` of them failing as a dropped connection would. */
export function eventsFailingFirst(db: Kysely<Database>, failures: number): LifecycleEvents {
  const real = notificationEvents({ db, clock: systemClock });
  return {
    async emit(event) {
      if (failures-- > 0) throw new Error('connection terminated unexpectedly');
      await real.emit(event);
    },
  };
}
