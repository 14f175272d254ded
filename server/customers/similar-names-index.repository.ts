// The queries behind the in-memory similar-names index (similar-names-index.ts): the customers'
// keys with pg_trgm's trigrams of them, and the trigrams of names that are not customers.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { NameKey } from '../names/name-key.js';
import { type IndexedKey, type IndexMatch, SimilarNamesIndex } from './similar-names-index.js';

/** Customers read per query while the index is built (each page is added in one go, about 0.1 s). */
const PAGE = 5_000;

/**
 * Every customer with a similarity key (not merged ones, as the index query), in an index for
 * `threshold`. A snapshot: customers created afterwards are not in it.
 */
export async function loadSimilarNamesIndex(db: Kysely<Database>, threshold: number): Promise<SimilarNamesIndex> {
  const index = new SimilarNamesIndex(threshold);
  for (let after = ''; ; ) {
    // The trigrams as one string: pg_trgm's words are letters and digits, so '|' is never in one,
    // and a string reads far faster than an array literal.
    const page = await sql<{ id: string; trades: string | null; places: string | null; hanzi: string | null; trigrams: string }>`
      select id, name_trades as trades, name_places as places, name_hanzi as hanzi, array_to_string(show_trgm(name_key), '|') as trigrams
      from customers
      where name_key is not null and status <> 'merged' and id > ${after}
      order by id
      limit ${PAGE}`.execute(db);
    for (const r of page.rows) index.add(r.id, { trigrams: r.trigrams === '' ? [] : r.trigrams.split('|'), trades: r.trades ?? '', places: r.places ?? '', hanzi: r.hanzi ?? '' });
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
export async function findInIndex(db: Kysely<Database>, index: SimilarNamesIndex, names: { customerId: string | null; key: NameKey }[], limit: number): Promise<IndexMatch[][]> {
  const held = names.map((n) => (n.customerId === null ? null : index.findLike(n.customerId, limit)));
  const others = names.filter((_, i) => held[i] === null);
  const keys = await indexedKeys(db, others.map((n) => n.key));
  const asked = new Map(others.map((n, i) => [n, index.find(keys[i]!, limit, n.customerId)]));
  return names.map((n, i) => held[i] ?? asked.get(n)!);
}
