// The labelled company-name pairs (bench/data/company-name-pairs.tsv: a, b, same = 1|0) scored
// through Postgres' pg_trgm, by our similarity key and by the plain lower-cased names, with
// precision, recall and F1 at a threshold.
import { readFileSync } from 'node:fs';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../server/db/database.js';
import { nameKey } from '../../server/names/name-key.js';
import { pairScore } from '../../server/customers/near-duplicates.js';

export const LABELLED_PAIRS_FILE = new URL('../data/company-name-pairs.tsv', import.meta.url);

export interface LabelledPair {
  a: string;
  b: string;
  same: boolean;
}

export function readLabelledPairs(file: URL | string = process.env.NAME_PAIRS_FILE ?? LABELLED_PAIRS_FILE): LabelledPair[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  return lines.slice(1).map((line, i) => {
    const [a, b, same] = line.split('\t');
    if (!a || !b || (same?.trim() !== '1' && same?.trim() !== '0')) throw new Error(`line ${i + 2}: expected a<TAB>b<TAB>1|0`);
    return { a: a.trim(), b: b.trim(), same: same.trim() === '1' };
  });
}

export interface ScoredPair extends LabelledPair {
  /** Our score: similarity of the keys with the place factor (the production expression). */
  keyed: number;
  /** The baseline: similarity of the lower-cased names as they are. */
  plain: number;
}

export async function scorePairs(db: Kysely<Database>, pairs: LabelledPair[]): Promise<ScoredPair[]> {
  const ka = pairs.map((p) => nameKey(p.a));
  const kb = pairs.map((p) => nameKey(p.b));
  const rows = await sql<{ i: number; keyed: number; plain: number }>`
    select q.i::int as i, ${pairScore(
      { key: sql.ref('q.ka'), trades: sql.ref('q.ta'), places: sql.ref('q.pa'), hanzi: sql.ref('q.ha') },
      { key: sql.ref('q.kb'), trades: sql.ref('q.tb'), places: sql.ref('q.pb'), hanzi: sql.ref('q.hb') },
    )} as keyed,
      similarity(lower(q.a), lower(q.b))::real as plain
    from unnest(${pairs.map((p) => p.a)}::text[], ${pairs.map((p) => p.b)}::text[], ${ka.map((k) => k.key)}::text[], ${ka.map((k) => k.trades)}::text[], ${ka.map((k) => k.places)}::text[], ${ka.map((k) => k.hanzi)}::text[],
                ${kb.map((k) => k.key)}::text[], ${kb.map((k) => k.trades)}::text[], ${kb.map((k) => k.places)}::text[], ${kb.map((k) => k.hanzi)}::text[])
      with ordinality as q(a, b, ka, ta, pa, ha, kb, tb, pb, hb, i)
    order by q.i`.execute(db);
  return rows.rows.map((r) => ({ ...pairs[r.i - 1]!, keyed: r.keyed, plain: r.plain }));
}

export interface Quality {
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  falsePositives: number;
}

export function quality(scored: ScoredPair[], by: 'keyed' | 'plain', threshold: number): Quality {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const p of scored) {
    const flagged = p[by] >= threshold;
    if (flagged && p.same) tp++;
    else if (flagged) fp++;
    else if (p.same) fn++;
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall), truePositives: tp, falsePositives: fp };
}
