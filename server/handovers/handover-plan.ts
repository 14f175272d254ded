// What a handover does with each of the departing rep's customers, decided when the job starts
// (README "A rep leaves"): the named rep, the assignment rules or the pool, with key and won
// customers as chosen. Won customers never go to the pool; their tenure is closed.
import type { HandoverBody, HandoverPlan } from '../../schemas/handovers.js';

export interface PlannedItem {
  customerId: string;
  plan: HandoverPlan;
  targetRepId: string | null;
  targetPoolId: string | null;
  /** The owner a bulk move was planned for (a handover's items are its departing rep's). */
  plannedOwnerId?: string | null;
}

export function planHandover(customers: readonly { id: string; status: string; key_customer: boolean }[], body: HandoverBody): PlannedItem[] {
  const main = (id: string): PlannedItem =>
    body.to.kind === 'rep'
      ? { customerId: id, plan: 'rep', targetRepId: body.to.repId, targetPoolId: null }
      : body.to.kind === 'rules'
        ? { customerId: id, plan: 'rules', targetRepId: null, targetPoolId: null }
        : toPool(id);
  const toPool = (id: string): PlannedItem => ({ customerId: id, plan: 'pool', targetRepId: null, targetPoolId: body.to.kind === 'pool' ? (body.to.poolId ?? null) : null });
  const keep = (id: string): PlannedItem => ({ customerId: id, plan: 'keep', targetRepId: null, targetPoolId: null });
  const won = body.wonCustomers ?? (body.to.kind === 'pool' ? 'keep' : 'move');
  return customers.map((c) => {
    if (c.status === 'won') return won === 'keep' || body.to.kind === 'pool' ? keep(c.id) : main(c.id);
    if (c.key_customer && body.keyCustomers !== 'move') return body.keyCustomers === 'keep' ? keep(c.id) : toPool(c.id);
    return main(c.id);
  });
}
