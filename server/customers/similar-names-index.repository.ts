// The queries behind the in-memory similar-names index (similar-names-index.ts): the customers'
// keys with pg_trgm's trigrams of them, and the trigrams of names that are not customers.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { NameKey } from '../names/name-key.js';
import type { IndexMatch, IndexedKey, IndexedRow, NamesIndex } from './names-index.js';

/** Customers read per query while the index is built (each page is added in one go, about 0.1 s). */
const PAGE = 5_000;

/**
 * Every customer with a similarity key (not merged ones, as the index query), added to `index`.
 * A snapshot: customers created afterwards are not in it.
 */
export async function loadSimilarNamesIndex<T extends NamesIndex>(db: Kysely<Database>, index: T): Promise<T> {
  for (let after = ''; ; ) {
    // The trigrams as one string: pg_trgm's words are letters and digits, so '|' is never in one,
    // and a string reads far faster than an array literal.
    const page = await sql<IndexedRow>`
      select id, coalesce(name_trades, '') as trades, coalesce(name_places, '') as places, coalesce(name_hanzi, '') as hanzi,
        array_to_string(show_trgm(name_key), '|') as trigrams
      from customers
      where name_key is not null and status <> 'merged' and id > ${after}
      order by id
      limit ${PAGE}`.execute(db);
    index.addRows(page.rows);
    if (page.rows.length < PAGE) return index;
    after = page.rows.at(-1)!.id;
  }
}

/** These keys as the index holds them: pg_trgm's trigrams of each (in order). */
export async function indexedKeys(db: Kysely<Database>, keys: NameKey[]): Promise<IndexedKey[]> {
  if (keys.length === 0) return [];
  const rows = await sql<{ trigrams: string[] }>`
    select show_trgm(k.key) as trigrams from unnest(${keys.map((k) => k.key)}::text[]) with ordinality as k(key, i) order by k.i`.execute(db);
  return keys.map((k, i) => ({ trigrams: rows.rows[i]!.trigrams, trades: k.trades, places: k.places, hanzi: k.hanzi }));
}

/**
 * The similar customers of each name (in order), best first, at most `limit`: a customer in the
 * index by the key it holds (never itself), any other name (not a customer, or one merged or
 * created since the index was read) by its key's trigrams.
 */
export async function findInIndex(db: Kysely<Database>, index: NamesIndex, names: { customerId: string | null; key: NameKey }[], limit: number): Promise<IndexMatch[][]> {
  const others = names.filter((n) => n.customerId === null || !index.has(n.customerId));
  const keys = await indexedKeys(db, others.map((n) => n.key));
  const keyOf = new Map(others.map((n, i) => [n, keys[i]!]));
  return index.match(
    names.map((n) => {
      const key = keyOf.get(n);
      return key ? { key, selfId: n.customerId } : { like: n.customerId! };
    }),
    limit,
  );
}
