// The in-memory similar-names index (server/customers/similar-names-index.ts) against the trigram
// index query it stands in for (similarByKeys), on real Postgres: for thousands of generated
// foreign-trade names (brands shared across places, trades and hanzi), the labelled pairs and odd
// names (no key words, other scripts, merged customers, customers without a key), the same matches
// with the same scores in the same order, at thresholds above and below the mismatch factors.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { companyNamesForBench } from '../bench/near-duplicates.bench.js';
import { readLabelledPairs } from '../bench/support/name-pairs.js';
import { openDatabase, type DatabaseHandle } from '../server/db/connect.js';
import { migrateOrThrow } from '../server/db/migrate.js';
import { nameKeyColumns, similarByKeys } from '../server/customers/near-duplicates.js';
import { indexedKeys, loadSimilarNamesIndex } from '../server/customers/similar-names-index.repository.js';
import type { IndexedRow, NamesIndex } from '../server/customers/names-index.js';
import { SimilarNamesIndex } from '../server/customers/similar-names-index.js';
import { ThreadedNamesIndex } from '../server/customers/threaded-names-index.js';
import { nameKey } from '../server/names/name-key.js';
import { createScratchDatabase, type ScratchDatabase } from './support/scratch-database.js';
import { seedCustomers } from './support/seed.js';

let scratch: ScratchDatabase;
let database: DatabaseHandle;
let ids: string[];
const labelled = readLabelledPairs().flatMap((p) => [p.a, p.b]);
const odd = ['Co., Ltd.', 'Shenzhen Co., Ltd.', 'Trading Limited', 'ООО Ромашка', 'Müller & Söhne GmbH', '주식회사 한빛', 'A', '株式会社トヨタ', '深圳市', '12345', 'X-1 Industries'];
const names = [...companyNamesForBench(3000, 11), ...labelled, ...odd];

beforeAll(async () => {
  scratch = await createScratchDatabase(inject('adminDatabaseUrl'), 'hs_t_sni');
  database = await openDatabase({ databaseUrl: scratch.url, dataDir: '/tmp' });
  await migrateOrThrow(database.db);
  ids = await seedCustomers(database.db, names.length, (i) => ({ company_name: names[i]!, ...nameKeyColumns(names[i]!) }), 1000);
  // Merged customers are never matched; a customer without a key neither (the index query's `%` is null).
  await database.db.updateTable('customers').set({ status: 'merged' }).where('id', 'in', ids.filter((_, i) => i % 97 === 5)).execute();
  await database.db.updateTable('customers').set({ name_key: null }).where('id', 'in', ids.filter((_, i) => i % 89 === 7)).execute();
  await sql`analyze customers`.execute(database.db);
}, 120_000);
afterAll(async () => {
  await database?.close();
  await scratch?.drop();
});

for (const threshold of [0.3, 0.45, 0.5, 0.6, 0.7, 0.75]) {
  it(`finds what the trigram index query finds, at threshold ${threshold}`, async () => {
    const db = database.db;
    const index = await loadSimilarNamesIndex(db, new SimilarNamesIndex(threshold));
    // Every 3rd generated name, every labelled and odd name, and names that are not customers.
    const queries = [...names.filter((_, i) => i % 3 === 0 || i >= 3000), ...companyNamesForBench(300, 12), 'Acme', ''];
    const keys = queries.map(nameKey);
    const selfIds = queries.map((q) => ids[names.indexOf(q)] ?? null);
    const expected = await similarByKeys(db, keys, { threshold, limit: 10, selfIds });
    const asKeys = await indexedKeys(db, keys);
    const got = asKeys.map((k, i) => index.find(k, 10, selfIds[i]));
    const differ = queries.flatMap((q, i) => {
      const want = expected[i]!.map((m) => ({ customerId: m.customerId, score: m.score }));
      return JSON.stringify(want) === JSON.stringify(got[i]) ? [] : [`${q}: index query ${JSON.stringify(want)}, in memory ${JSON.stringify(got[i])}`];
    });
    expect(differ.slice(0, 5)).toEqual([]);
    // A customer in the index, asked by its id, answers the same (merged and keyless ones are not in it).
    const indexed = await database.db.selectFrom('customers').select('id').where('status', '<>', 'merged').where('name_key', 'is not', null).execute();
    const inIndex = new Set(indexed.map((r) => r.id));
    const byId = queries.flatMap((q, i) => {
      const id = selfIds[i];
      if (!id) return [];
      const like = index.findLike(id, 10);
      if (!inIndex.has(id)) return like === null ? [] : [`${q}: not in the index, yet found`];
      return JSON.stringify(like) === JSON.stringify(got[i]) ? [] : [`${q}: by key ${JSON.stringify(got[i])}, by id ${JSON.stringify(like)}`];
    });
    expect(byId.slice(0, 5)).toEqual([]);
    // The index in a thread of its own (imports, rescans) answers the same, by key and by id.
    const threaded = await loadSimilarNamesIndex(db, new ThreadedNamesIndex(threshold));
    try {
      expect(await threaded.match(asKeys.map((key, i) => ({ key, selfId: selfIds[i] ?? null })), 10)).toEqual(got);
      const held = selfIds.filter((id): id is string => id !== null && inIndex.has(id));
      expect(await threaded.match(held.map((like) => ({ like })), 10)).toEqual(held.map((id) => index.findLike(id, 10)));
    } finally {
      await threaded.close();
    }
    // Not trivially equal: many names have matches, some several.
    expect(got.filter((m) => m.length > 0).length).toBeGreaterThan(queries.length / 20);
    expect(got.some((m) => m.length >= 3)).toBe(true);
  });
}

// An import's index grows while it is asked (the job's customers join it as they are created): the
// order its prefixes are taken in is fixed at the first search, and what joins later (trigrams it
// had never met among them: the labelled and odd names come last) is posted in that order.
for (const threshold of [0.3, 0.6]) {
  it(`grown after its first search, finds what the trigram index query finds, at threshold ${threshold}`, async () => {
    const db = database.db;
    const rows: IndexedRow[] = [];
    await loadSimilarNamesIndex(db, { addRows: (page: IndexedRow[]) => rows.push(...page) } as unknown as NamesIndex);
    const queries = [...names.filter((_, i) => i % 5 === 0 || i >= 3000), ...companyNamesForBench(200, 13)];
    const keys = await indexedKeys(db, queries.map(nameKey));
    const selfIds = queries.map((q) => ids[names.indexOf(q)] ?? null);
    const index = new SimilarNamesIndex(threshold);
    const third = Math.floor(rows.length / 3);
    index.addRows(rows.slice(0, third));
    const early = keys.map((k, i) => index.find(k, 10, selfIds[i]));
    for (let at = third; at < rows.length; at += 250) {
      index.addRows(rows.slice(at, at + 250));
      index.find(keys[at % keys.length]!, 10);
    }
    const expected = await similarByKeys(db, queries.map(nameKey), { threshold, limit: 10, selfIds });
    const got = keys.map((k, i) => index.find(k, 10, selfIds[i]));
    const differ = queries.flatMap((q, i) => {
      const want = expected[i]!.map((m) => ({ customerId: m.customerId, score: m.score }));
      return JSON.stringify(want) === JSON.stringify(got[i]) ? [] : [`${q}: index query ${JSON.stringify(want)}, in memory ${JSON.stringify(got[i])}`];
    });
    expect(differ.slice(0, 5)).toEqual([]);
    // It did grow: names found nothing or less among the first third.
    expect(got.filter((m, i) => m.length > early[i]!.length).length).toBeGreaterThan(10);
  });
}
