// A create whose claim or assignment meets an unavailable workflow service: the customer is in, so
// the answer says where it stands (claimed when the claim committed, else in its pool with the
// refusal's code) instead of a 503 that would send the client into its own duplicate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness.js';
import { systemClock } from '../server/clock.js';
import { createCustomer } from '../server/customers/customers.service.js';
import { AppError, ErrorCode } from '../server/errors.js';
import { ALL_SCOPES } from '../server/auth/actor.js';
import type { LifecycleClient } from '../server/lifecycle/lifecycle.client.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ assignment: 'shipped' });
}, 120_000);
afterAll(() => h?.close());

const unavailable = () => new AppError(ErrorCode.TEMPORARILY_UNAVAILABLE, 'The workflow service did not answer in time; try again.');

function actorFor(rep: { id: string }) {
  return { repId: rep.id, name: rep.id, role: 'rep' as const, teamId: null, active: true, tokenId: 'test', via: 'token' as const, scopes: ALL_SCOPES };
}

describe('a create whose placement does not finish', () => {
  it('a claim refused before it committed leaves the customer in its pool, named with the code', async () => {
    const rep = await h.createRep();
    const lifecycle: LifecycleClient = { ...h.lifecycle, claim: () => Promise.reject(unavailable()) };
    const { customer, assignment } = await createCustomer({ db: h.db, clock: systemClock, decisions: h.decisions, lifecycle }, actorFor(rep), {
      companyName: 'Unfinished Claim Trading',
      email: 'buyer@unfinished-claim.example',
      assign: true,
      claim: true,
    });
    expect(assignment).toMatchObject({ status: 'pool', repId: null, refusal: 'TEMPORARILY_UNAVAILABLE' });
    expect(await h.customerRow(customer.id)).toMatchObject({ status: 'pool', owner_id: null });
    // The rep claims it again once the service answers, as the answer tells them.
    const claim = await h.call(rep.token, 'POST', `/customers/${customer.id}/claim`);
    expect(claim.status, JSON.stringify(claim.body)).toBe(200);
  });

  it('a failure that is not the workflow service not answering (a bug) is the request’s failure, not a placement', async () => {
    const rep = await h.createRep();
    const lifecycle: LifecycleClient = { ...h.lifecycle, claim: () => Promise.reject(new AppError(ErrorCode.INTERNAL, 'boom')) };
    await expect(
      createCustomer({ db: h.db, clock: systemClock, decisions: h.decisions, lifecycle }, actorFor(rep), { companyName: 'Internal Failure Trading', assign: true, claim: true }),
    ).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('a claim that committed before the service stopped answering is the rep’s', async () => {
    const rep = await h.createRep();
    const lifecycle: LifecycleClient = {
      ...h.lifecycle,
      claim: async (...args: Parameters<LifecycleClient['claim']>) => {
        await h.lifecycle.claim(...args);
        throw unavailable();
      },
    };
    const { customer, assignment } = await createCustomer({ db: h.db, clock: systemClock, decisions: h.decisions, lifecycle }, actorFor(rep), {
      companyName: 'Committed Claim Trading',
      assign: true,
      claim: true,
    });
    expect(assignment).toMatchObject({ status: 'claimed', repId: rep.id, refusal: null });
    expect(customer).toMatchObject({ status: 'owned', owner_id: rep.id });
  });

  it('an assignment that did not start leaves the customer in its pool; one that committed stands', async () => {
    const rep = await h.createRep();
    const refused: LifecycleClient = { ...h.lifecycle, assign: () => Promise.reject(unavailable()) };
    const first = await createCustomer({ db: h.db, clock: systemClock, decisions: h.decisions, lifecycle: refused }, actorFor(rep), {
      companyName: 'Unstarted Assignment Trading',
      assign: true,
      claim: false,
    });
    expect(first.assignment).toMatchObject({ status: 'pool', repId: null, refusal: 'TEMPORARILY_UNAVAILABLE' });
    expect(first.customer).toMatchObject({ status: 'pool', owner_id: null });

    const committed: LifecycleClient = {
      ...h.lifecycle,
      assign: async (...args: Parameters<LifecycleClient['assign']>) => {
        await h.lifecycle.assign(...args);
        throw unavailable();
      },
    };
    const second = await createCustomer({ db: h.db, clock: systemClock, decisions: h.decisions, lifecycle: committed }, actorFor(rep), {
      companyName: 'Committed Assignment Trading',
      assign: true,
      claim: false,
    });
    expect(second.assignment).toMatchObject({ status: 'assigned', refusal: null });
    expect(second.customer.owner_id).toBe(second.assignment.repId);
    expect(second.customer.status).toBe('owned');
  });
});
