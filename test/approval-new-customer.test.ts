// The shipped approval rule "New customer, first quote of USD 10,000 or more" over the real tenure:
// at a quote the customer is owned, so "new" means nobody owned it before its owner. It once read
// "in the pool and never owned", which no quoted customer is, and the rule could never fire.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness.js';
import { customerInCosting } from './support/customers.js';

let h: Harness;
let first: { id: string; token: string };
let second: { id: string; token: string };
let manager: { id: string; token: string };

beforeAll(async () => {
  h = await createHarness();
  await h.call(h.adminToken, 'POST', '/teams', { id: 'nc-team', name: 'NC team' });
  manager = await h.createRep({ role: 'manager', teamId: 'nc-team' });
  await h.db.updateTable('teams').set({ manager_id: manager.id }).where('id', '=', 'nc-team').execute();
  first = await h.createRep({ teamId: 'nc-team' });
  second = await h.createRep({ teamId: 'nc-team' });
});
afterAll(() => h?.close());

const bigQuote = { currency: 'USD', discountPct: 0, marginPct: 25, items: [{ description: 'Container of LED panels', quantity: 4, unitPrice: 3_000 }] };

it("asks a manager to sign a big first quote to a customer nobody owned before its owner, and not one to a customer another rep owned first", async () => {
  const fresh = await customerInCosting(h, first);
  const quoted = await h.call(first.token, 'POST', `/customers/${fresh}/quotes`, bigQuote);
  expect(quoted.status, JSON.stringify(quoted.body)).toBe(200);
  expect(quoted.body.quote).toMatchObject({ status: 'pending_approval', required: true });
  const inbox = await h.call(manager.token, 'GET', '/approvals');
  expect(inbox.body.items.find((a: { quoteId: string }) => a.quoteId === quoted.body.quote.id)?.reasons).toEqual(['large first quote to a new customer']);

  // Owned by the first rep, released, claimed by the second: no longer new.
  const known = await customerInCosting(h, first);
  expect((await h.call(first.token, 'POST', `/customers/${known}/release`, { reason: 'not my market' })).status).toBe(200);
  expect((await h.call(second.token, 'POST', `/customers/${known}/claim`)).status).toBe(200);
  expect((await h.call(second.token, 'POST', `/customers/${known}/inquiry`, {})).status).toBe(200);
  expect((await h.call(second.token, 'POST', `/customers/${known}/costing`, {})).status).toBe(200);
  const again = await h.call(second.token, 'POST', `/customers/${known}/quotes`, bigQuote);
  expect(again.status, JSON.stringify(again.body)).toBe(200);
  expect(again.body.quote).toMatchObject({ status: 'approved', required: false });
});
