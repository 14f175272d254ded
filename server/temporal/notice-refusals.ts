// A notice is told after the change it reports has committed. An outage while telling is thrown,
// so the step is retried (it answers its change again and tells once, by the event's key); a notice
// refused for good (an emitter's programming error) is logged instead: thrown, it would make the
// step retry for ever behind a change that stands.
import { isAppError } from '../errors.js';
import type { LifecycleEvents } from '../notifications/lifecycle-events.js';
import { activityControl } from './activity-context.js';

export function refusalsLogged(events: LifecycleEvents | undefined): LifecycleEvents | undefined {
  if (!events) return undefined;
  return {
    async emit(event) {
      try {
        await events.emit(event);
      } catch (e) {
        if (!(isAppError(e) && e.status < 500)) throw e;
        activityControl().warn('notice refused; the change it reports stands', { type: event.type, key: event.idempotencyKey, error: e.message });
      }
    },
  };
}
