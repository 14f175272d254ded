// Likely duplicate pairs for admins: open pairs (neither merged, not dismissed), most similar first,
// with keyset cursors over (score, customer_a, customer_b); and dismissals ("not a duplicate").
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import { invalidCursor } from '../db/pagination.js';
import { encodeCursorValues, parsePairCursor } from '../../schemas/cursors.js';

interface PairCursor {
  score: number;
  a: string;
  b: string;
}

/** The cursor as the query schema checked it (PairCursorParam); one that slipped past it is still refused at /cursor. */
export function decodePairCursor(cursor: string | undefined): PairCursor | undefined {
  if (cursor === undefined) return undefined;
  const parsed = parsePairCursor(cursor);
  if (!parsed) throw invalidCursor();
  return parsed;
}

const side = (c: { id: string; company_name: string; status: string; owner_id: string | null; owner_name: string | null; pool_id: string; created_at: Date }) => ({
  id: c.id,
  companyName: c.company_name,
  status: c.status,
  ownerId: c.owner_id,
  ownerName: c.owner_name,
  poolId: c.pool_id,
  createdAt: c.created_at.toISOString(),
});

export async function listOpenPairs(db: Kysely<Database>, limit: number, after: PairCursor | undefined) {
  let q = db
    .selectFrom('duplicate_pairs as p')
    .innerJoin('customers as a', 'a.id', 'p.customer_a')
    .innerJoin('customers as b', 'b.id', 'p.customer_b')
    .leftJoin('reps as ao', 'ao.id', 'a.owner_id')
    .leftJoin('reps as bo', 'bo.id', 'b.owner_id')
    .select([
      'p.score', 'p.found_at', 'p.customer_a', 'p.customer_b',
      'a.company_name as a_name', 'a.status as a_status', 'a.owner_id as a_owner', 'ao.name as a_owner_name', 'a.pool_id as a_pool', 'a.created_at as a_created',
      'b.company_name as b_name', 'b.status as b_status', 'b.owner_id as b_owner', 'bo.name as b_owner_name', 'b.pool_id as b_pool', 'b.created_at as b_created',
    ])
    .where('p.dismissed_at', 'is', null)
    .where('a.status', '<>', 'merged')
    .where('b.status', '<>', 'merged');
  if (after) {
    q = q.where(sql<boolean>`(p.score < ${after.score}::real or (p.score = ${after.score}::real and (p.customer_a, p.customer_b) > (${after.a}, ${after.b})))`);
  }
  const rows = await q.orderBy('p.score', 'desc').orderBy('p.customer_a').orderBy('p.customer_b').limit(limit + 1).execute();
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map((r) => ({
      a: side({ id: r.customer_a, company_name: r.a_name, status: r.a_status, owner_id: r.a_owner, owner_name: r.a_owner_name, pool_id: r.a_pool, created_at: r.a_created }),
      b: side({ id: r.customer_b, company_name: r.b_name, status: r.b_status, owner_id: r.b_owner, owner_name: r.b_owner_name, pool_id: r.b_pool, created_at: r.b_created }),
      score: Math.round(r.score * 1000) / 1000,
      foundAt: r.found_at.toISOString(),
    })),
    nextCursor: rows.length > limit && last ? encodeCursorValues([last.score, last.customer_a, last.customer_b]) : null,
  };
}

export async function dismissPair(db: Kysely<Database>, x: string, y: string, repId: string, now: Date): Promise<void> {
  const [a, b] = x < y ? [x, y] : [y, x];
  const result = await db
    .updateTable('duplicate_pairs')
    .set({ dismissed_by: repId, dismissed_at: now })
    .where('customer_a', '=', a)
    .where('customer_b', '=', b)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new AppError(ErrorCode.NOT_FOUND, 'These two customers are not a listed duplicate pair.');
}
