// The duplicate look-up for reps (查重, issue 14 §2): by company name (exact and similar), e-mail,
// phone or website, each match says only where the customer is (R9): in which pool and whether the
// caller may claim it (the claim checks, and why not), owned by which rep, won, or merged into which
// customer. Ids only for what the caller may read in full. Every look-up is audited per rep.
import type { Language } from '../../schemas/language.js';
import { poolName } from '../../schemas/pool-name.js';
import type { Kysely } from 'kysely';
import { newId } from '../ids.js';
import type { LookupKind, LookupLocation, LookupMatch } from '../../schemas/near-duplicates.js';
import type { Actor } from '../auth/actor.js';
import { assertClaimAllowed } from '../claims/claim-checks.js';
import type { Clock } from '../clock.js';
import type { Database, Rep } from '../db/database.js';
import { decideCaps } from '../decisions/caps.js';
import type { Decisions } from '../decisions/decider.js';
import { isAppError } from '../errors.js';
import { findRep } from '../reps/reps.repository.js';
import { type AccessSubject, canAct, canRead, loadSubject } from './customer-access.js';
import { findByIdentities, findCustomer, mergedFamily } from './customers.repository.js';
import { type Identity, normalizeCompanyName, normalizeDomain, normalizeEmail, normalizePhone } from './identity.js';
import { findSimilarCustomers } from './near-duplicates.js';

export interface LookupDeps {
  db: Kysely<Database>;
  clock: Clock;
  decisions: Decisions;
  /** NEAR_DUPLICATE_THRESHOLD. */
  threshold: number;
}

/** At most this many matches per look-up. */
export const LOOKUP_MAX_MATCHES = 10;

/** What the query could be: an e-mail, a phone number, a website, and (unless it is an e-mail or phone) a company name. */
export function readQuery(q: string): Identity[] {
  const out: Identity[] = [];
  const email = q.includes('@') ? normalizeEmail(q) : null;
  if (email) return [{ kind: 'email', value: email }];
  const phone = /^\+?[\d\s().\-/]{6,}$/.test(q) ? normalizePhone(q) : null;
  if (phone) return [{ kind: 'phone', value: phone }];
  const domain = !/\s/.test(q) && q.includes('.') ? normalizeDomain(q) : null;
  if (domain) out.push({ kind: 'domain', value: domain });
  const name = normalizeCompanyName(q);
  if (name) out.push({ kind: 'name', value: name });
  return out;
}

type Found = { id: string; matchedOn: Set<LookupMatch['matchedOn'][number]>; score: number | null };

async function ownerOf(db: Kysely<Database>, id: string | null) {
  if (!id) return null;
  const rep = await db.selectFrom('reps').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
  return rep ?? { id, name: id };
}

function createLocator(deps: LookupDeps, actor: Actor, language: Language) {
  let rep: Rep | null | undefined;
  let caps: Awaited<ReturnType<typeof decideCaps>> | undefined;
  const now = deps.clock.now();
  return async function locate(subject: AccessSubject): Promise<LookupLocation | null> {
    const g = subject.governing;
    if (!g) return null;
    // A merged record is answered as its survivor: the survivor is what one would claim.
    subject = { customer: g, governing: g, poolOpen: subject.poolOpen, collaborator: subject.collaborator };
    const full = canRead(actor, subject).level === 'full';
    const id = full ? { customerId: g.id } : {};
    if (g.status === 'pool') {
      const pool = await deps.db.selectFrom('pools').select(['id', 'name']).where('id', '=', g.pool_id).executeTakeFirst();
      const base = { status: 'pool' as const, poolId: g.pool_id, poolName: pool ? poolName(pool, language) : g.pool_id };
      const refusal = canAct(actor, subject, 'claim');
      if (refusal) return { ...base, claimable: false, refusal: { code: refusal.code, message: refusal.message, ...(refusal.details ? { details: refusal.details } : {}) }, ...id };
      rep ??= (await findRep(deps.db, actor.repId)) ?? null;
      if (!rep) return { ...base, claimable: false, refusal: { code: 'UNAUTHENTICATED', message: 'The rep behind this token no longer exists.' }, ...id };
      try {
        caps ??= await decideCaps(deps.decisions, deps.db, rep, now);
        await assertClaimAllowed(deps.db, rep, g, now, caps);
        return { ...base, claimable: true, refusal: null, ...id };
      } catch (e) {
        if (!isAppError(e)) throw e;
        return { ...base, claimable: false, refusal: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) }, ...id };
      }
    }
    const owner = await ownerOf(deps.db, g.owner_id);
    const yours = g.owner_id === actor.repId;
    if (g.status === 'won') return { status: 'won', owner, yours, ...id };
    return { status: 'owned', owner: owner ?? { id: '', name: '' }, yours, ...id };
  };
}

/**
 * A merge moves the absorbed customer's name identity to the survivor: a name match on a customer
 * under another name is the absorbed record of that name, so the answer can say "merged into".
 */
async function recordNamed(db: Kysely<Database>, f: Found, queryName: string | null): Promise<string> {
  if (!queryName || !f.matchedOn.has('name')) return f.id;
  const c = await findCustomer(db, f.id);
  if (!c || normalizeCompanyName(c.company_name) === queryName) return f.id;
  const family = await db.selectFrom('customers').select(['id', 'company_name']).where('id', 'in', await mergedFamily(db, f.id)).execute();
  return family.find((m) => normalizeCompanyName(m.company_name) === queryName)?.id ?? f.id;
}

export async function lookupCustomers(deps: LookupDeps, actor: Actor, query: string, language: Language) {
  const identities = readQuery(query);
  const queryName = identities.find((i) => i.kind === 'name')?.value ?? null;
  const found = new Map<string, Found>();
  const note = (id: string, on: Found['matchedOn'] extends Set<infer K> ? K : never, score: number | null) => {
    const f = found.get(id) ?? { id, matchedOn: new Set(), score: null };
    f.matchedOn.add(on);
    if (score !== null && (f.score === null || score > f.score)) f.score = score;
    found.set(id, f);
  };
  for (const m of await findByIdentities(deps.db, identities)) note(m.customer_id, m.kind, null);
  if (identities.some((i) => i.kind === 'name')) {
    const [similar] = await findSimilarCustomers(deps.db, [query], { threshold: deps.threshold, limit: LOOKUP_MAX_MATCHES + 1, includeMerged: true });
    for (const s of similar ?? []) if (!found.has(s.customerId)) note(s.customerId, 'similar_name', s.score);
  }
  // Exact matches first, then the most similar.
  const ranked = [...found.values()].sort((a, b) => (a.score ?? 2) - (b.score ?? 2)).reverse();
  const locate = createLocator(deps, actor, language);
  const matches: LookupMatch[] = [];
  const seen = new Set<string>();
  let truncated = false;
  for (const f of ranked) {
    const subject = await loadSubject(deps.db, actor, await recordNamed(deps.db, f, queryName));
    if (!subject?.governing || seen.has(subject.governing.id)) continue;
    if (matches.length === LOOKUP_MAX_MATCHES) {
      truncated = true;
      break;
    }
    const location = await locate(subject);
    if (!location) continue;
    seen.add(subject.governing.id);
    const merged = subject.customer.id !== subject.governing.id;
    matches.push({
      companyName: subject.customer.company_name,
      matchedOn: [...f.matchedOn],
      score: f.score,
      mergedInto: merged ? subject.governing.company_name : null,
      location,
    });
  }
  const readAs = [...new Set(identities.map((i) => i.kind))] as LookupKind[];
  await deps.db
    .insertInto('customer_lookups')
    .values({ id: newId(), rep_id: actor.repId, query, kinds: readAs, matches: matches.length, at: deps.clock.now() })
    .execute();
  return { query, readAs, matches, truncated };
}
