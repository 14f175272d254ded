// Customers in the states tests start from.
import { expect } from 'vitest';
import type { Harness } from './harness.js';

/** A new customer, claimed from the pool by `rep`. */
export async function claimedCustomer(h: Harness, rep: { token: string }) {
  const id = await h.createCustomer({ assign: false });
  const claim = await h.call(rep.token, 'POST', `/customers/${id}/claim`);
  expect(claim.status).toBe(200);
  return id;
}

/** A customer `rep` claimed and moved through inquiry to costing, ready for a quote. */
export async function customerInCosting(h: Harness, rep: { token: string }) {
  const id = await claimedCustomer(h, rep);
  expect((await h.call(rep.token, 'POST', `/customers/${id}/inquiry`, {})).status).toBe(200);
  expect((await h.call(rep.token, 'POST', `/customers/${id}/costing`, {})).status).toBe(200);
  return id;
}
