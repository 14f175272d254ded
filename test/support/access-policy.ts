// The access policy the matrix expects (R1, R9, R13), written out from the README rather than taken from
// the server: who reads a customer in full, restricted or not at all, who may run each
// customer-scoped operation, and the keys and values a refused or restricted answer must not show.

export type ActorName = 'owner' | 'peer' | 'otherTeamRep' | 'outsider' | 'collaborator' | 'manager' | 'otherManager' | 'admin';
export type StateName = 'pool' | 'closedPool' | 'owned' | 'won' | 'mergedIntoOwned' | 'mergedIntoPool';
type Read = 'full' | 'restricted' | 'none';
/** What the policy answers: allowed (the domain may still refuse, but not for access), or this refusal. */
type Expected = { allowed: true } | { status: number; code: string };

export const ACTORS: ActorName[] = ['owner', 'peer', 'otherTeamRep', 'outsider', 'collaborator', 'manager', 'otherManager', 'admin'];
export const STATES: StateName[] = ['pool', 'closedPool', 'owned', 'won', 'mergedIntoOwned', 'mergedIntoPool'];

/**
 * Who may read what, written out from R1/R9/R13 in the README (not taken from the server): the closed
 * pool is open to team A and to otherTeamRep by name; owned and won customers belong to `owner`
 * (team A, managed by `manager`); a merged customer is read as its survivor is. `collaborator` (team C)
 * is a collaborator of every owned customer (issue 15 §1): full reads and follow-ups and stage work
 * there; the win ends the collaboration, so a won customer is only restricted to them.
 */
export function readLevel(actor: ActorName, state: StateName): Read {
  if (actor === 'admin') return 'full';
  switch (state) {
    case 'pool':
      return 'full';
    case 'closedPool':
    case 'mergedIntoPool':
      return actor === 'outsider' || actor === 'collaborator' || actor === 'otherManager' ? 'none' : 'full';
    case 'owned':
    case 'mergedIntoOwned':
      return actor === 'owner' || actor === 'manager' || actor === 'collaborator' ? 'full' : 'restricted';
    case 'won':
      return actor === 'owner' || actor === 'manager' ? 'full' : 'restricted';
  }
}

const refuse = (status: number, code: string): Expected => ({ status, code });
const ALLOWED: Expected = { allowed: true };
const isMerged = (s: StateName) => s === 'mergedIntoOwned' || s === 'mergedIntoPool';

/** Reads beyond the restricted view: full readers only. */
function fullRead(actor: ActorName, state: StateName): Expected {
  const level = readLevel(actor, state);
  if (level === 'none') return refuse(403, 'POOL_CLOSED');
  return level === 'full' ? ALLOWED : refuse(403, 'NOT_OWNER');
}

/** Commands: the role first, then readability, then merged, then who may act on whose customer. */
function command(
  actor: ActorName,
  state: StateName,
  rule: { roles: ('rep' | 'manager' | 'admin')[]; who: 'anyone' | 'owner' | 'ownerOrManager'; onWon?: Expected; collaborators?: boolean },
): Expected {
  const role = actor === 'admin' ? 'admin' : actor === 'manager' || actor === 'otherManager' ? 'manager' : 'rep';
  if (!rule.roles.includes(role)) return refuse(403, 'FORBIDDEN');
  if (readLevel(actor, state) === 'none') return refuse(403, 'POOL_CLOSED');
  if (isMerged(state)) return refuse(409, 'CONFLICT');
  if (rule.who === 'anyone') return ALLOWED;
  if (state === 'pool' || state === 'closedPool') return refuse(403, 'NOT_OWNER');
  const entitled =
    (rule.collaborators === true && actor === 'collaborator' && state === 'owned') ||
    (rule.who === 'owner' ? actor === 'owner' : actor === 'owner' || actor === 'manager' || actor === 'admin');
  if (!entitled) return refuse(403, 'NOT_OWNER');
  return state === 'won' ? (rule.onWon ?? refuse(409, 'CUSTOMER_WON')) : ALLOWED;
}

/** Stage work: the owner's side, and collaborators (issue 15 §1). */
const stageWork = (actor: ActorName, state: StateName) => command(actor, state, { roles: ['rep', 'manager', 'admin'], who: 'ownerOrManager', collaborators: true });
/** The key flag: the owner's side only (it spends the owner's key quota), never a collaborator. */
const keyFlag = (actor: ActorName, state: StateName) => command(actor, state, { roles: ['rep', 'manager', 'admin'], who: 'ownerOrManager' });
const isPool = (s: StateName) => s === 'pool' || s === 'closedPool';

/** Collaborators: the owner's side adds them to an owned customer; managers and admins to a pool customer (the domain then asks for a joint follow-up). */
function collaborate(actor: ActorName, state: StateName): Expected {
  const first = command(actor, state, { roles: ['rep', 'manager', 'admin'], who: 'anyone' });
  if (!('allowed' in first)) return first;
  if (isPool(state)) return actor === 'manager' || actor === 'otherManager' || actor === 'admin' ? refuse(409, 'NO_JOINT_FOLLOW_UP') : refuse(403, 'NOT_OWNER');
  return command(actor, state, { roles: ['rep', 'manager', 'admin'], who: 'ownerOrManager' });
}

/** A joint follow-up is opened, joined and closed on a pool customer only. */
function joint(actor: ActorName, state: StateName, roles: ('rep' | 'manager' | 'admin')[]): Expected {
  const first = command(actor, state, { roles, who: 'anyone' });
  if (!('allowed' in first)) return first;
  return isPool(state) ? ALLOWED : refuse(409, 'CUSTOMER_OWNED');
}
// A won customer's tenure is closed: nothing to follow up or release (refused as not owned, as before).
const TENURE_CLOSED = refuse(403, 'NOT_OWNER');

interface OperationSpec {
  expect(actor: ActorName, state: StateName): Expected;
  body?(subjectId: string): unknown;
  write: boolean;
}

export const quoteBody = { currency: 'USD', discountPct: 12, marginPct: 31.5, items: [{ description: 'SECRET-ITEM solar inverter', quantity: 10, unitPrice: 6_000 }] };

/**
 * Every customer-scoped operation; one missing here fails the matrix's coverage test. `repIds` is
 * read when a body is built, so it may be filled in beforeAll.
 */
export function accessOperations(repIds: Record<ActorName, string>): Record<string, OperationSpec> {
  return {
    'GET /customers/{id}': {
      write: false,
      expect: (a, s) => (readLevel(a, s) === 'none' ? refuse(403, 'POOL_CLOSED') : ALLOWED),
    },
    'GET /customers/{id}/quotes': { write: false, expect: fullRead },
    'GET /customers/{id}/decisions': { write: false, expect: fullRead },
    'GET /customers/{id}/documents': { write: false, expect: fullRead },
    'POST /customers/{id}/approval-preview': {
      write: false,
      expect: fullRead,
      body: () => ({ quote: { amount: 60_000, currency: 'USD', discountPct: 12, marginPct: 20 } }),
    },
    // Details: whoever works it, won or not (collaborators while it is owned); a pool customer's, managers and admins.
    'PATCH /customers/{id}': {
      write: true,
      expect: (a, s) => {
        const first = command(a, s, { roles: ['rep', 'manager', 'admin'], who: 'anyone' });
        if (!('allowed' in first)) return first;
        if (isPool(s)) return a === 'manager' || a === 'otherManager' || a === 'admin' ? ALLOWED : refuse(403, 'NOT_OWNER');
        return command(a, s, { roles: ['rep', 'manager', 'admin'], who: 'ownerOrManager', collaborators: true, onWon: ALLOWED });
      },
      body: () => ({ region: 'matrix' }),
    },
    'POST /customers/{id}/claim': { write: true, expect: (a, s) => command(a, s, { roles: ['rep', 'manager'], who: 'anyone' }) },
    'POST /customers/{id}/follow-ups': {
      write: true,
      expect: (a, s) => command(a, s, { roles: ['rep', 'manager'], who: 'owner', onWon: TENURE_CLOSED, collaborators: true }),
      body: () => ({ kind: 'call', note: 'matrix follow-up' }),
    },
    'POST /customers/{id}/release': {
      write: true,
      expect: (a, s) => command(a, s, { roles: ['rep', 'manager', 'admin'], who: 'ownerOrManager', onWon: TENURE_CLOSED }),
      body: () => ({ reason: 'matrix' }),
    },
    'POST /customers/{id}/inquiry': { write: true, expect: stageWork, body: () => ({}) },
    'POST /customers/{id}/costing': { write: true, expect: stageWork, body: () => ({}) },
    'POST /customers/{id}/samples': { write: true, expect: stageWork, body: () => ({ kind: 'make' }) },
    'POST /customers/{id}/quotes': { write: true, expect: stageWork, body: () => quoteBody },
    'POST /customers/{id}/won': { write: true, expect: stageWork, body: () => ({}) },
    'PUT /customers/{id}/key': { write: true, expect: keyFlag, body: () => ({ key: true }) },
    'GET /customers/{id}/collaborators': { write: false, expect: fullRead },
    'POST /customers/{id}/collaborators': { write: true, expect: collaborate, body: () => ({ repId: repIds.peer }) },
    // {repId} is the collaborator: the collaborator may leave (where they read in full), the owner's side removes them.
    'DELETE /customers/{id}/collaborators/{repId}': {
      write: true,
      expect: (a, s) => {
        if (a !== 'collaborator') {
          // Where the owner's side may act, only the owned customer has this collaborator (a pool one has none).
          const answer = collaborate(a, s);
          if (isPool(s) && 'code' in answer && answer.code === 'NO_JOINT_FOLLOW_UP') return refuse(404, 'NOT_FOUND');
          return 'allowed' in answer && s !== 'owned' ? refuse(404, 'NOT_FOUND') : answer;
        }
        const read = fullRead(a, s);
        if (!('allowed' in read)) return read;
        if (isMerged(s)) return refuse(409, 'CONFLICT');
        return s === 'owned' ? ALLOWED : refuse(404, 'NOT_FOUND');
      },
    },
    'POST /customers/{id}/joint-follow-up': { write: true, expect: (a, s) => joint(a, s, ['manager', 'admin']), body: () => ({}) },
    'POST /customers/{id}/joint-follow-up/join': { write: true, expect: (a, s) => joint(a, s, ['rep', 'manager']) },
    // Closing reads the customer in full: one claimed during its joint follow-up may still be closed (none is open here).
    'POST /customers/{id}/joint-follow-up/close': {
      write: true,
      expect: (a, s) => {
        if (a !== 'manager' && a !== 'otherManager' && a !== 'admin') return refuse(403, 'FORBIDDEN');
        const read = fullRead(a, s);
        if (!('allowed' in read)) return read;
        if (isMerged(s)) return refuse(409, 'CONFLICT');
        return isPool(s) ? ALLOWED : refuse(409, 'NO_JOINT_FOLLOW_UP');
      },
    },
    'POST /customers/{id}/reassign': {
      write: true,
      expect: (a, s) => command(a, s, { roles: ['manager', 'admin'], who: 'ownerOrManager' }),
      body: () => ({ repId: repIds.peer, reason: 'matrix' }),
    },
    // Whether a decision involves the rep is the domain's question: none here does (409 NOTHING_TO_DISPUTE).
    'POST /customers/{id}/disputes': {
      write: true,
      expect: (a, s) => command(a, s, { roles: ['rep', 'manager'], who: 'anyone' }),
      body: () => ({ reason: 'matrix: this should have been mine' }),
    },
    'GET /customers/{id}/disputable': { write: false, expect: (a, s) => command(a, s, { roles: ['rep', 'manager'], who: 'anyone' }) },
    'POST /customers/{id}/merge': {
      write: true,
      expect: (a, s) => command(a, s, { roles: ['admin'], who: 'anyone' }),
      // Into itself: the domain refuses it, after access has been decided.
      body: (id) => ({ into: id }),
    },
  };
}

// Values only a full reader may see; none may appear in a refused or restricted answer.
export const SECRET = /secret/i;
const FORBIDDEN_KEYS = new Set(['email', 'phone', 'contactName', 'website', 'history', 'items', 'levels', 'marginPct', 'discountPct', 'comment', 'facts', 'note', 'fired', 'outcome']);

export function forbiddenKeys(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => forbiddenKeys(v, `${path}/${i}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [...(FORBIDDEN_KEYS.has(k) ? [`${path}/${k}`] : []), ...forbiddenKeys(v, `${path}/${k}`)]);
}
