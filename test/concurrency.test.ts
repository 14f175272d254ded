// Concurrency claims of R1, R2 and R8, proven by firing the requests at the same moment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness.js';
import { fastReclaim } from './support/rule-sets.js';

let h: Harness;
beforeAll(async () => {
  // Long deadlines: nothing may be reclaimed while these tests count owners.
  h = await createHarness({ reclaim: fastReclaim({ firstFollowUp: '10m' }) });
});
afterAll(() => h?.close());

describe('concurrent claims', () => {
  it('of one customer by 50 reps leave exactly one owner and 49 clear refusals', async () => {
    const reps = await Promise.all(Array.from({ length: 50 }, () => h.createRep()));
    const id = await h.createCustomer();

    const results = await Promise.all(reps.map((r) => h.call(r.token, 'POST', `/customers/${id}/claim`)));

    const winners = results.filter((r) => r.status === 200);
    const refusals = results.filter((r) => r.status !== 200);
    expect(winners).toHaveLength(1);
    expect(refusals).toHaveLength(49);
    for (const r of refusals) {
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('CUSTOMER_OWNED');
      expect(r.body.error.message).toMatch(/already owns/);
    }
    const row = await h.customerRow(id);
    expect(row.owner_id).toBe(winners[0]!.body.ownerId);
    const claims = await h.db.selectFrom('ownership_events').select('to_rep_id').where('customer_id', '=', id).where('kind', '=', 'claimed').execute();
    expect(claims).toEqual([{ to_rep_id: row.owner_id }]);
  });

  it('by one rep with a private cap of 10 over 40 customers succeed exactly 10 times', async () => {
    const rep = await h.createRep({ privateCap: 10, dailyClaimLimit: 1000 });
    const ids = await Promise.all(Array.from({ length: 40 }, () => h.createCustomer()));

    const results = await Promise.all(ids.map((id) => h.call(rep.token, 'POST', `/customers/${id}/claim`)));

    expect(results.filter((r) => r.status === 200)).toHaveLength(10);
    const refusals = results.filter((r) => r.status !== 200);
    expect(refusals).toHaveLength(30);
    for (const r of refusals) {
      expect(r.status).toBe(409);
      expect(r.body.error).toMatchObject({ code: 'CAP_REACHED', details: { cap: 10, count: 10, kind: 'private' } });
    }
    const owned = await h.db.selectFrom('customers').select('id').where('owner_id', '=', rep.id).execute();
    expect(owned).toHaveLength(10);
    // The refused customers are untouched in the pool.
    const pool = await h.db.selectFrom('customers').select('id').where('id', 'in', ids).where('status', '=', 'pool').execute();
    expect(pool).toHaveLength(30);
  });

  it('by one rep with a daily limit of 5 succeed exactly 5 times, whatever the private cap', async () => {
    const rep = await h.createRep({ privateCap: 100, dailyClaimLimit: 5 });
    const ids = await Promise.all(Array.from({ length: 20 }, () => h.createCustomer()));

    const results = await Promise.all(ids.map((id) => h.call(rep.token, 'POST', `/customers/${id}/claim`)));

    expect(results.filter((r) => r.status === 200)).toHaveLength(5);
    for (const r of results.filter((x) => x.status !== 200)) {
      expect(r.body.error).toMatchObject({ code: 'DAILY_LIMIT_REACHED', details: { limit: 5, count: 5 } });
      expect(Date.parse(r.body.error.details.resetsAt)).toBeGreaterThan(Date.now());
    }
  });

  it('by 30 reps each claiming the same 30 customers give every customer exactly one owner and no rep more than its cap', async () => {
    const reps = await Promise.all(Array.from({ length: 30 }, () => h.createRep({ privateCap: 2 })));
    const ids = await Promise.all(Array.from({ length: 30 }, () => h.createCustomer()));
    const attempts = reps.flatMap((r) => ids.map((id) => ({ r, id })));
    // Shuffle so the order of arrival is not by rep.
    attempts.sort(() => Math.random() - 0.5);

    const results = await Promise.all(attempts.map(({ r, id }) => h.call(r.token, 'POST', `/customers/${id}/claim`).then((res) => ({ res, r, id }))));

    expect(results.every(({ res }) => res.status === 200 || res.status === 409)).toBe(true);
    const winsPerCustomer = new Map<string, number>();
    const winsPerRep = new Map<string, number>();
    for (const { res, r, id } of results) {
      if (res.status !== 200) continue;
      winsPerCustomer.set(id, (winsPerCustomer.get(id) ?? 0) + 1);
      winsPerRep.set(r.id, (winsPerRep.get(r.id) ?? 0) + 1);
    }
    expect([...winsPerCustomer.values()].every((n) => n === 1)).toBe(true);
    expect([...winsPerRep.values()].every((n) => n <= 2)).toBe(true);
    const owners = await h.db
      .selectFrom('customers')
      .select(['owner_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('id', 'in', ids)
      .where('status', '=', 'owned')
      .groupBy('owner_id')
      .execute();
    expect(owners.every((o) => Number(o.n) <= 2)).toBe(true);
    // 30 reps × cap 2 ≥ 30 customers: every customer found an owner.
    expect(owners.reduce((sum, o) => sum + Number(o.n), 0)).toBe(30);
  });
});

describe('concurrent creates of the same company', () => {
  it('create one customer; the others are refused with its id and nothing else is written', async () => {
    const before = await h.db.selectFrom('customers').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const spellings = ['Nordwind Trading GmbH', 'NORDWIND TRADING GMBH', 'Nordwind Trading, GmbH.', 'nordwind  trading gmbh'];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => h.call(h.adminToken, 'POST', '/customers', { companyName: spellings[i % spellings.length] })),
    );
    const created = results.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 201)) {
      expect(r.status).toBe(409);
      expect(r.body.error).toMatchObject({ code: 'DUPLICATE_CUSTOMER', details: { existingId: created[0]!.body.id, matchedOn: ['name'] } });
    }
    const after = await h.db.selectFrom('customers').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(1);
  });
});

describe('one owner without the per-process queue', () => {
  it('holds across 5 API instances claiming the same customer for 40 reps', async () => {
    const apps = Array.from({ length: 5 }, () => h.newApp());
    const reps = await Promise.all(Array.from({ length: 40 }, () => h.createRep()));
    const id = await h.createCustomer();

    const results = await Promise.all(reps.map((r, i) => h.call(r.token, 'POST', `/customers/${id}/claim`, undefined, apps[i % apps.length])));

    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const refusals = results.filter((r) => r.status !== 200);
    expect(refusals).toHaveLength(39);
    for (const r of refusals) expect(r.body.error.code).toBe('CUSTOMER_OWNED');
    const claims = await h.db.selectFrom('ownership_events').select('id').where('customer_id', '=', id).where('kind', '=', 'claimed').execute();
    expect(claims).toHaveLength(1);
  });

  it('holds in the claim transaction itself: 40 parallel transactions, cap 10, exactly 10 owned', async () => {
    const { take: takeInTx } = await import('../server/claims/take.command.js');
    const rep = await h.createRep({ privateCap: 10, dailyClaimLimit: 1000 });
    const ids = await Promise.all(Array.from({ length: 40 }, () => h.createCustomer()));

    const outcomes = await Promise.allSettled(
      ids.map((customerId, i) =>
        h.db.transaction().execute((tx) =>
          takeInTx(tx, h.decisions, { customerId, repId: rep.id, tenureId: `t-${i}`, idempotencyKey: `direct-${customerId}`, now: new Date() }, 'claim'),
        ),
      ),
    );

    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(10);
    for (const o of outcomes) {
      if (o.status === 'rejected') expect((o.reason as { code: string }).code).toBe('CAP_REACHED');
    }
    const owned = await h.db.selectFrom('customers').select('id').where('owner_id', '=', rep.id).execute();
    expect(owned).toHaveLength(10);
  });
});
