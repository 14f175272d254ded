// Claims as the API runs them: one claim per customer at a time in this process (single-flight),
// read-only checks first so refusals never start a workflow, then the workflow decides for real.
import type { Kysely } from 'kysely';
import type { OwnershipResult } from '../../schemas/customers.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import type { Actor } from '../auth/actor.js';
import type { LifecycleClient } from '../lifecycle/lifecycle.client.js';
import { findRep } from '../reps/reps.repository.js';
import { assertClaimAllowed } from './claim-checks.js';
import { recordClaimRefusal } from './claim-refusals.js';
import { decideCaps } from '../decisions/caps.js';
import type { Decisions } from '../decisions/decider.js';
import { customerToActOn } from '../customers/customer-access.js';
import { type Metrics, metrics as processMetrics } from '../metrics/metrics.js';
import { isConnectionError } from '../db/errors.js';
import { keyedMutex } from './keyed-mutex.js';

/** Counts a claim's outcome: accepted, refused (a 4xx code) or failed (an outage, a fault), with the code. */
async function counted<T>(metrics: Metrics, claim: () => Promise<T>): Promise<T> {
  try {
    const result = await claim();
    metrics.claims.inc({ outcome: 'accepted' });
    return result;
  } catch (e) {
    // As the error handler will answer it: a database that does not answer, or a fault of ours.
    const error = e instanceof AppError ? e : new AppError(isConnectionError(e) ? ErrorCode.DATABASE_UNAVAILABLE : ErrorCode.INTERNAL, 'not answered');
    metrics.claims.inc({ outcome: error.status < 500 ? 'refused' : 'failed', code: error.code });
    throw e;
  }
}

export function createClaimService(deps: { db: Kysely<Database>; clock: Clock; lifecycle: LifecycleClient; decisions: Decisions; metrics?: Metrics | undefined }) {
  const exclusive = keyedMutex();
  const metrics = deps.metrics ?? processMetrics;
  return {
    /**
     * Concurrent claims of one customer queue here; the first goes to the workflow and the rest
     * are answered from the database once it has decided. Across API processes the workflow's
     * validator and the claim transaction keep the one-owner guarantee.
     */
    claim(actor: Actor, customerId: string): Promise<OwnershipResult> {
      return counted(metrics, () => exclusive(customerId, async () => {
        const customer = await customerToActOn(deps.db, actor, customerId, 'claim');
        const rep = await findRep(deps.db, actor.repId);
        if (!rep) throw new AppError(ErrorCode.UNAUTHENTICATED, 'The rep behind this token no longer exists.');
        const now = deps.clock.now();
        const caps = await decideCaps(deps.decisions, deps.db, rep, now);
        await assertClaimAllowed(deps.db, rep, customer, now, caps).catch(async (e: unknown) => {
          // The refusal is the answer; a record that cannot be written (an outage) does not change it.
          await recordClaimRefusal(deps.db, e, caps, { customerId: customer.id, repId: rep.id, at: now }).catch(() => undefined);
          throw e;
        });
        return deps.lifecycle.claim(customer.id, { repId: rep.id });
      }));
    },
  };
}
