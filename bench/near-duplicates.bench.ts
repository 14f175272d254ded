// Near-duplicate company names (issue 14 §3): precision, recall and F1 of the labelled pairs
// (bench/data/company-name-pairs.tsv) through Postgres' pg_trgm at several thresholds, the plain
// trigram baseline (lower-cased names as they are) beside our similarity key; and the time of
// findSimilarCustomers for 1,000 names against 100,000 customers (one query, the trigram index).
import { sql } from 'kysely';
import { openDatabase } from '../server/db/connect.js';
import { migrateOrThrow } from '../server/db/migrate.js';
import { nameKeyColumns, findSimilarCustomers } from '../server/customers/near-duplicates.js';
import { scanDuplicatePairs } from '../server/customers/duplicate-scan.js';
import { createScratchDatabase } from '../test/support/scratch-database.js';
import { seedCustomers } from '../test/support/seed.js';
import { readLabelledPairs, quality, scorePairs } from './support/name-pairs.js';
import { adminDatabaseUrl } from './support/stack.js';
import { ms, percentile } from './support/table.js';

const THRESHOLDS = [0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9];
const pct = (n: number) => `${(n * 100).toFixed(1)} %`;

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['hua', 'xin', 'da', 'li', 'sheng', 'tai', 'kang', 'jin', 'long', 'feng', 'mei', 'bao', 'tian', 'hai', 'yuan', 'heng', 'xing', 'rui', 'an', 'fu', 'chang', 'hong', 'wei', 'ming', 'jia', 'yi', 'de', 'cheng', 'guang', 'rong', 'zhi', 'bo', 'hao', 'kai', 'lin', 'peng', 'qi', 'shun', 'teng', 'wan', 'xiang', 'yao', 'zhong', 'ao', 'bin', 'chen', 'dong', 'fan', 'gao', 'hui'];
const HANZI = [...'华新达利盛泰康金龙丰美宝天海源恒兴瑞安福昌宏伟明佳艺德诚广荣鑫嘉博远航志豪凯林鹏奇顺腾万祥耀中澳斌晨东帆高辉'];
const PLACES = ['Shenzhen', 'Guangzhou', 'Ningbo', 'Yiwu', 'Dongguan', 'Xiamen', 'Qingdao', 'Hangzhou', 'Foshan', 'Suzhou', 'Wenzhou', 'Zhongshan'];
const PLACES_ZH = ['深圳市', '广州市', '宁波市', '义乌市', '东莞市', '厦门市', '青岛市', '杭州市', '佛山市', '苏州市', '温州市', '中山市'];
const TRADES = ['Trading', 'Electronics', 'Lighting', 'Plastic Products', 'Textile', 'Machinery', 'Hardware', 'Import & Export', 'Furniture', 'Packaging', 'Auto Parts', 'Toys'];
const TRADES_ZH = ['贸易', '电子', '照明', '塑胶制品', '纺织', '机械', '五金', '进出口', '家具', '包装', '汽配', '玩具'];
const WESTERN = ['Global', 'Pacific', 'Atlas', 'Nordic', 'Sun', 'Blue', 'Star', 'Green', 'Prime', 'Apex', 'Delta', 'Summit', 'Harbor', 'Royal', 'Metro'];
const CONSONANTS = [...'bcdfghklmnprstvz'];
const VOWELS = [...'aeiou'];
const SUFFIXES = ['Co., Ltd.', 'Limited', 'LLC', 'GmbH', 'Inc.', 'Ltd'];

/** Generated foreign-trade company names: a third Chinese (place, 2–3 hanzi, trade), the rest English (pinyin or invented brands). */
export function companyNamesForBench(n: number, seed: number): string[] {
  const r = random(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const word = () => Array.from({ length: 2 + Math.floor(r() * 2) }, () => pick(CONSONANTS) + pick(VOWELS)).join('');
  const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
  return Array.from({ length: n }, () => {
    const kind = r();
    const t = Math.floor(r() * TRADES.length);
    const p = Math.floor(r() * PLACES.length);
    if (kind < 0.33) return `${PLACES_ZH[p]}${pick(HANZI)}${pick(HANZI)}${r() < 0.4 ? pick(HANZI) : ''}${TRADES_ZH[t]}有限公司`;
    if (kind < 0.75) return `${PLACES[p]} ${cap(pick(SYLLABLES) + pick(SYLLABLES) + (r() < 0.4 ? pick(SYLLABLES) : ''))} ${TRADES[t]} Co., Ltd.`;
    return `${pick(WESTERN)} ${cap(word())} ${TRADES[t]} ${pick(SUFFIXES)}`;
  });
}

export async function runNearDuplicateBench(customers = 100_000, names = 1_000) {
  const pairs = readLabelledPairs();
  const scratch = await createScratchDatabase(adminDatabaseUrl, 'hs_bench_nd');
  const database = await openDatabase({ databaseUrl: scratch.url, dataDir: '/tmp', poolSize: 4 });
  const db = database.db;
  try {
    await migrateOrThrow(db);
    const scored = await scorePairs(db, pairs);
    const precision = THRESHOLDS.map((t) => {
      const plain = quality(scored, 'plain', t);
      const keyed = quality(scored, 'keyed', t);
      return {
        threshold: t.toFixed(2),
        'plain: precision': pct(plain.precision),
        'plain: recall': pct(plain.recall),
        'plain: F1': plain.f1.toFixed(3),
        'key: precision': pct(keyed.precision),
        'key: recall': pct(keyed.recall),
        'key: F1': keyed.f1.toFixed(3),
        'key: flagged (true/false)': `${keyed.truePositives}/${keyed.falsePositives}`,
      };
    });
    const misses = scored.filter((p) => p.same !== p.keyed >= 0.6).map((p) => `${p.same ? 'missed' : 'false '} ${p.keyed.toFixed(2)}  ${p.a}  ~  ${p.b}`);

    const existing = companyNamesForBench(customers, 1);
    const started = Date.now();
    await seedCustomers(db, customers, (i) => ({ company_name: existing[i]!, ...nameKeyColumns(existing[i]!) }), 2000);
    const seedMs = Date.now() - started;
    await sql`analyze customers`.execute(db);
    // Half the names are variants of existing customers (legal form, place moved, case), half new.
    const queries = companyNamesForBench(names, 2).map((n, i) => (i % 2 === 0 ? n : existing[(i * 97) % customers]!.replace('Co., Ltd.', 'Limited').toUpperCase()));
    const timings: number[] = [];
    let found = 0;
    for (let run = 0; run < 6; run++) {
      const t0 = performance.now();
      const result = await findSimilarCustomers(db, queries, { threshold: 0.6, limit: 10 });
      if (run > 0) timings.push(performance.now() - t0);
      found = result.filter((r) => r.length > 0).length;
    }
    timings.sort((a, b) => a - b);
    const speed = [
      {
        what: `findSimilarCustomers: ${names.toLocaleString('en')} names against ${customers.toLocaleString('en')} customers (threshold 0.6, one query)`,
        median: ms(percentile(timings, 50)),
        max: ms(timings.at(-1)!),
        'per name': ms(percentile(timings, 50) / names),
        'names with a match': found.toLocaleString('en'),
      },
    ];
    if (process.env.BENCH_NEAR_DUPLICATE_SCAN === '0') return { pairs: pairs.length, truePairs: pairs.filter((p) => p.same).length, precision, misses, speed, seedMs };
    const t1 = performance.now();
    const scan = await scanDuplicatePairs(db, { threshold: 0.6, now: new Date() });
    speed.push({
      what: `scan of all ${customers.toLocaleString('en')} customers for pairs (POST /customers/duplicate-pairs/scan)`,
      median: ms(performance.now() - t1),
      max: '',
      'per name': ms((performance.now() - t1) / customers),
      'names with a match': `${scan.pairs.toLocaleString('en')} pairs`,
    });
    return { pairs: pairs.length, truePairs: pairs.filter((p) => p.same).length, precision, misses, speed, seedMs };
  } finally {
    await database.close();
    await scratch.drop();
  }
}
