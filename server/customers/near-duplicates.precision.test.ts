// Precision of near-duplicate detection on the labelled pairs (bench/data/company-name-pairs.tsv),
// through pg_trgm in an in-memory PGlite, at the configured default threshold: fails when the
// similarity key regresses.
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { quality, readLabelledPairs, scorePairs, type ScoredPair } from '../../bench/support/name-pairs.js';
import { ConfigSchema } from '../config.js';
import type { Database } from '../db/database.js';

let db: Kysely<Database>;
let scored: ScoredPair[];
const threshold = ConfigSchema.parse({}).NEAR_DUPLICATE_THRESHOLD;

beforeAll(async () => {
  db = new Kysely<Database>({ dialect: new PGliteDialect(await PGlite.create({ extensions: { pg_trgm } })) });
  await sql`create extension if not exists pg_trgm`.execute(db);
  scored = await scorePairs(db, readLabelledPairs());
}, 60_000);
afterAll(() => db?.destroy());

it('has a labelled set of at least 200 pairs, true and false', () => {
  expect(scored.length).toBeGreaterThanOrEqual(200);
  expect(scored.filter((p) => p.same).length).toBeGreaterThan(50);
  expect(scored.filter((p) => !p.same).length).toBeGreaterThan(50);
});

it(`flags pairs at the default threshold (${threshold}) with precision ≥ 0.93 and recall ≥ 0.88`, () => {
  const q = quality(scored, 'keyed', threshold);
  const wrong = scored.filter((p) => p.same !== p.keyed >= threshold).map((p) => `${p.same ? 'missed' : 'false'} ${p.keyed.toFixed(2)} ${p.a} ~ ${p.b}`);
  expect(q.precision, wrong.join('\n')).toBeGreaterThanOrEqual(0.93);
  expect(q.recall, wrong.join('\n')).toBeGreaterThanOrEqual(0.88);
});

it('beats plain trigram similarity of the names as they are', () => {
  expect(quality(scored, 'keyed', threshold).f1).toBeGreaterThan(quality(scored, 'plain', threshold).f1 + 0.2);
});
