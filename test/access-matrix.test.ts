// The access matrix (R9, R13): every customer-scoped operation of the OpenAPI document, called by
// each of eight actors (one a collaborator of the owned customers) on a customer in each state, against the expected answer of the one access
// policy. A refused or restricted answer carries no contact, history, quote, margin, approver
// comment or decision fact, and a refused write changes nothing. Run twice: with each actor's API
// token, and with each actor's browser session cookie (issue 16), which must get the same answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleSetDocument } from '../schemas/rule-set.js';
import { createHarness, type Harness } from './support/harness.js';
import { ACTORS, type ActorName, STATES, type StateName, accessOperations, forbiddenKeys, quoteBody, readLevel, SECRET } from './support/access-policy.js';
import { type CapCombo, capsByTag, fastReclaim } from './support/rule-sets.js';
import { cookieCall, sessionSecretFor } from './support/sessions.js';

const CLOSED_POOL = 'closed-desk';

let h: Harness;
const tokens = {} as Record<ActorName, string>;
const sessions = {} as Record<ActorName, string>;
type Via = 'token' | 'session';
const VIAS: readonly Via[] = ['token', 'session'];

/** A request as `actor`, authenticated by their API token or by their session cookie (same origin). */
function callAs(via: Via, actor: ActorName, method: string, url: string, body?: unknown) {
  return via === 'token' ? h.call(tokens[actor], method, url, body) : cookieCall(h.app, sessions[actor], method, url, body);
}
const repIds = {} as Record<ActorName, string>;
let historian: { id: string; token: string };
let seq = 0;
const OPERATIONS = accessOperations(repIds);

const approvalRules = {
  decision: 'approval',
  hitPolicy: 'collect',
  rules: [
    { name: 'discount over 10%', conditions: { all: [{ fact: 'quote', path: '$.discountPct', operator: 'greaterThan', value: 10 }] }, event: { type: 'require_approval', params: { level: 1, role: 'manager', timeout: '2h', reason: 'discount' } } },
    { name: 'big quote', conditions: { all: [{ fact: 'quote', path: '$.amountUsd', operator: 'greaterThanInclusive', value: 50_000 }] }, event: { type: 'require_approval', params: { level: 2, role: 'admin', timeout: '2h', reason: 'big' } } },
  ],
} as unknown as RuleSetDocument;

async function ok(token: string, method: string, url: string, body?: unknown) {
  const res = await h.call(token, method, url, body);
  if (res.status !== 200 && res.status !== 201) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A customer with contacts, and a history written by an earlier owner. */
async function customerWithHistory(poolId: string) {
  const n = ++seq;
  const id = await h.createCustomer({
    companyName: `Matrix Trading ${n}`,
    contactName: `Secret Contact ${n}`,
    email: `secret${n}@hidden.example`,
    phone: `+49 30 9999 ${String(1000 + n)}`,
    website: `https://secret${n}.example`,
    poolId,
    assign: false,
  });
  await ok(historian.token, 'POST', `/customers/${id}/claim`);
  await ok(historian.token, 'POST', `/customers/${id}/follow-ups`, { kind: 'visit', note: `SECRET-NOTE ${n}` });
  await ok(historian.token, 'POST', `/customers/${id}/release`, { reason: 'handing over' });
  return id;
}

/** Owned by `owner`, in the quote stage, with a quote whose first level the manager signed with a comment. */
async function ownedCustomer() {
  const id = await customerWithHistory('default');
  await ok(tokens.owner, 'POST', `/customers/${id}/claim`);
  // The collaborator is on another team, so the access shown is the collaboration's alone: only an admin adds them.
  await ok(h.adminToken, 'POST', `/customers/${id}/collaborators`, { repId: repIds.collaborator });
  await ok(tokens.owner, 'POST', `/customers/${id}/inquiry`, {});
  await ok(tokens.owner, 'POST', `/customers/${id}/costing`, {});
  const quote = await ok(tokens.owner, 'POST', `/customers/${id}/quotes`, quoteBody);
  await ok(tokens.manager, 'POST', `/approvals/${quote.quote.id}/approve`, { comment: 'SECRET-COMMENT margin is thin' });
  return id;
}

async function wonCustomer() {
  const id = await ownedCustomer();
  await ok(h.adminToken, 'POST', `/approvals/${(await h.db.selectFrom('quotes').select('id').where('customer_id', '=', id).executeTakeFirstOrThrow()).id}/approve`, {});
  await ok(tokens.owner, 'POST', `/customers/${id}/won`, { orderValueUsd: 60_000 });
  return id;
}

async function mergedInto(survivor: () => Promise<string>) {
  const into = await survivor();
  const id = await customerWithHistory('default');
  await ok(h.adminToken, 'POST', `/customers/${id}/merge`, { into });
  return id;
}

const builders: Record<StateName, () => Promise<string>> = {
  pool: () => customerWithHistory('default'),
  closedPool: () => customerWithHistory(CLOSED_POOL),
  owned: ownedCustomer,
  won: wonCustomer,
  mergedIntoOwned: () => mergedInto(ownedCustomer),
  mergedIntoPool: () => mergedInto(() => customerWithHistory(CLOSED_POOL)),
};

/** The current customer of each state; an allowed write that changed one is replaced before the next cell. */
const subjects = {} as Record<StateName, string>;

/** Everything a command could write about a customer (and, for a merged one, its survivor). */
async function snapshot(id: string) {
  const row = await h.customerRow(id);
  const ids = [id, ...(row.merged_into_id ? [row.merged_into_id] : [])];
  const count = async (table: 'customer_activities' | 'ownership_events' | 'stage_events' | 'quotes' | 'decision_records' | 'cooldowns') =>
    Number((await h.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).where('customer_id', 'in', ids).executeTakeFirstOrThrow()).n);
  const rows = await h.db.selectFrom('customers').selectAll().where('id', 'in', ids).orderBy('id').execute();
  const levels = await h.db
    .selectFrom('quote_approvals as a')
    .innerJoin('quotes as q', 'q.id', 'a.quote_id')
    .select(['a.id', 'a.status', 'a.decided_by', 'a.comment', 'q.status as quoteStatus'])
    .where('q.customer_id', 'in', ids)
    .orderBy('a.id')
    .execute();
  return {
    rows,
    levels,
    activities: await count('customer_activities'),
    ownership: await count('ownership_events'),
    stages: await count('stage_events'),
    quotes: await count('quotes'),
    decisions: await count('decision_records'),
    cooldowns: await count('cooldowns'),
  };
}

beforeAll(async () => {
  // Deadlines and approval timeouts far away: nothing changes in the background while rows are compared.
  h = await createHarness({ reclaim: fastReclaim({ firstFollowUp: '2h', cadence: { A: '2h', B: '2h', C: '2h', D: '2h', E: '2h' } }) });
  await h.publishRuleSet(approvalRules);
  // The collaborator collaborates on every owned customer the matrix builds: no collaboration cap in the way.
  await h.publishRuleSet(capsByTag([], { privateMax: 50, dailyClaimMax: 1000, keyMax: 10, collaborationMax: 10_000 } as CapCombo));
  for (const team of ['team-a', 'team-b', 'team-c']) await ok(h.adminToken, 'POST', '/teams', { id: team, name: team });
  const make = async (name: ActorName, role: 'rep' | 'manager', teamId: string) => {
    const r = await h.createRep({ id: `mx-${name.toLowerCase()}`, role, teamId });
    tokens[name] = r.token;
    repIds[name] = r.id;
  };
  await make('owner', 'rep', 'team-a');
  await make('peer', 'rep', 'team-a');
  await make('manager', 'manager', 'team-a');
  await make('otherTeamRep', 'rep', 'team-b');
  await make('otherManager', 'manager', 'team-b');
  await make('outsider', 'rep', 'team-c');
  await make('collaborator', 'rep', 'team-c');
  tokens.admin = h.adminToken;
  repIds.admin = 'admin';
  await h.db.updateTable('teams').set({ manager_id: repIds.manager }).where('id', '=', 'team-a').execute();
  await h.db.updateTable('teams').set({ manager_id: repIds.otherManager }).where('id', '=', 'team-b').execute();
  historian = await h.createRep({ id: 'mx-historian', teamId: 'team-a' });
  await ok(h.adminToken, 'POST', '/pools', { id: CLOSED_POOL, name: 'Closed desk', openToAll: false, teamIds: ['team-a'], repIds: [repIds.otherTeamRep] });
  for (const actor of ACTORS) sessions[actor] = await sessionSecretFor(h.db, repIds[actor]);
  for (const state of STATES) subjects[state] = await builders[state]();
}, 600_000);
afterAll(() => h?.close());

describe('the access matrix', () => {
  it('lists every customer-scoped operation of the OpenAPI document', async () => {
    const doc = (await h.call(null, 'GET', '/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const scoped = Object.entries(doc.paths)
      .filter(([path]) => path === '/customers/{id}' || path.startsWith('/customers/{id}/'))
      .flatMap(([path, methods]) => Object.keys(methods).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((m) => `${m.toUpperCase()} ${path}`));
    expect(scoped.sort(), 'an operation missing from OPERATIONS is not covered by the matrix').toEqual(Object.keys(OPERATIONS).sort());
  });

  it('builds each state as intended', async () => {
    const rows = Object.fromEntries(await Promise.all(STATES.map(async (s) => [s, await h.customerRow(subjects[s])] as const)));
    expect(rows.pool).toMatchObject({ status: 'pool', pool_id: 'default' });
    expect(rows.closedPool).toMatchObject({ status: 'pool', pool_id: CLOSED_POOL });
    expect(rows.owned).toMatchObject({ status: 'owned', owner_id: repIds.owner, stage: 'quote' });
    expect(rows.won).toMatchObject({ status: 'won', owner_id: repIds.owner });
    expect(rows.mergedIntoOwned).toMatchObject({ status: 'merged', owner_id: null });
    expect(await h.customerRow(rows.mergedIntoOwned!.merged_into_id!)).toMatchObject({ status: 'owned', owner_id: repIds.owner });
    expect(rows.mergedIntoPool).toMatchObject({ status: 'merged', owner_id: null });
    expect(await h.customerRow(rows.mergedIntoPool!.merged_into_id!)).toMatchObject({ status: 'pool', pool_id: CLOSED_POOL });
  });

  for (const via of VIAS) for (const [operation, spec] of Object.entries(OPERATIONS)) {
    it(`${operation} (${via}): each actor on each state gets the policy's answer and nothing more`, async () => {
      const [method, template] = operation.split(' ') as [string, string];
      const failures: string[] = [];
      for (const state of STATES) {
        for (const actor of ACTORS) {
          const id = subjects[state];
          const cell = `${actor} on ${state}`;
          const before = await snapshot(id);
          const res = await callAs(via, actor, method, template.replace('{id}', id).replace('{repId}', repIds.collaborator), spec.body?.(id));
          const after = await snapshot(id);
          const expected = spec.expect(actor, state);
          const level = readLevel(actor, state);
          const text = JSON.stringify(res.body);
          if ('allowed' in expected) {
            if (res.status === 403 || res.status === 404 || res.status >= 500) failures.push(`${cell}: expected allowed, got ${res.status} ${text}`);
            if (method === 'GET' && template === '/customers/{id}' && res.status === 200) {
              if (level === 'full' && !(res.body.visibility === undefined && res.body.customer?.visibility === 'full' && Array.isArray(res.body.history))) {
                failures.push(`${cell}: expected the full view, got ${text}`);
              }
              if (level === 'restricted') {
                const row = after.rows.find((r) => r.id === id)!;
                const restricted = { visibility: 'restricted', id, companyName: row.company_name, country: row.country, status: 'owned' };
                if (JSON.stringify(res.body) !== JSON.stringify(restricted)) failures.push(`${cell}: expected ${JSON.stringify(restricted)}, got ${text}`);
              }
            } else if (!spec.write && res.status !== 200) {
              failures.push(`${cell}: expected 200, got ${res.status} ${text}`);
            }
          } else if (res.status !== expected.status || res.body?.error?.code !== expected.code) {
            failures.push(`${cell}: expected ${expected.status} ${expected.code}, got ${res.status} ${text}`);
          }
          // A refusal, or any answer to someone who may not see the customer in full, shows nothing private.
          if (res.status >= 300 || level !== 'full') {
            const keys = forbiddenKeys(res.body);
            if (keys.length > 0 || SECRET.test(text)) failures.push(`${cell}: ${res.status} shows ${keys.join(', ') || 'a private value'}: ${text}`);
          }
          if (res.status >= 300 && JSON.stringify(after) !== JSON.stringify(before)) failures.push(`${cell}: refused with ${res.status} but changed the customer`);
          // An allowed write that went through: the next cell gets a fresh customer in this state.
          if (JSON.stringify(after) !== JSON.stringify(before)) subjects[state] = await builders[state]();
        }
      }
      expect(failures).toEqual([]);
    }, 600_000);
  }
});

describe('lists of a rep’s customers', () => {
  it.each(VIAS)('show owned and won customers only to the rep, their manager and admins, and never a merged customer (%s)', async (via) => {
    const merged = [subjects.mergedIntoOwned, subjects.mergedIntoPool];
    for (const actor of ACTORS) {
      const mine = await callAs(via, actor, 'GET', '/me/customers?limit=200');
      expect(mine.status).toBe(200);
      for (const c of mine.body.items) {
        expect(c.ownerId, `${actor}: /me/customers`).toBe(repIds[actor]);
        expect(merged).not.toContain(c.id);
      }
      for (const of of ['owner', 'peer', 'otherTeamRep'] as const) {
        const res = await callAs(via, actor, 'GET', `/reps/${repIds[of]}/customers?limit=200`);
        const entitled = actor === of || actor === 'admin' || (actor === 'manager' && of !== 'otherTeamRep') || (actor === 'otherManager' && of === 'otherTeamRep');
        expect(res.status, `${actor} lists ${of}'s customers`).toBe(entitled ? 200 : 404);
        if (!entitled) {
          expect(SECRET.test(JSON.stringify(res.body))).toBe(false);
          continue;
        }
        expect(res.body.items.length, `${actor} lists ${of}'s customers`).toBeGreaterThanOrEqual(of === 'owner' ? 1 : 0);
        for (const c of res.body.items) {
          expect(c.ownerId).toBe(repIds[of]);
          expect(merged).not.toContain(c.id);
        }
      }
    }
  });
});
