// A reclaim policy's rollout (workflows/policy-rollout.ts): page through the owned customers and
// signal their tenures to re-decide the deadline.
import type { Kysely } from 'kysely';
import type { RolloutActivities } from '../../workflows/activities.js';
import { ownedCustomerIds } from '../customers/customer-rows.repository.js';
import type { Database } from '../db/database.js';

export interface RolloutActivityDeps {
  db: Kysely<Database>;
  /** Signals one tenure; false when it has ended (nothing left to re-decide). */
  policyChanged?: ((customerId: string, ruleSetId: string) => Promise<boolean>) | undefined;
}

export function createRolloutActivities(deps: RolloutActivityDeps): RolloutActivities {
  return {
    ownedCustomerIds: (input) => ownedCustomerIds(deps.db, input.after, input.limit),

    async signalPolicyChanged(input) {
      const signal = deps.policyChanged;
      if (!signal) throw new Error('signalPolicyChanged needs a Temporal client in the activity dependencies');
      let sent = 0;
      for (let i = 0; i < input.customerIds.length; i += 20) {
        const results = await Promise.all(input.customerIds.slice(i, i + 20).map((id) => signal(id, input.ruleSetId)));
        sent += results.filter(Boolean).length;
      }
      return sent;
    },
  };
}
