// Similar company names for many names at once (an import's similar-names phase, the admins' full
// scan): the customers' similarity keys held in memory as pg_trgm's own trigrams (show_trgm), so
// the score is pg_trgm's similarity (shared trigrams / all trigrams of both) times pairScore's
// factors, exactly as the trigram index query computes it (test/similar-names-index.test.ts holds them equal).
// Asked one name at a time, Postgres' trigram index costs 2–6 ms a name where names share brands
// (each search merges the long posting lists of common trigrams and rechecks hundreds of rows).
// Here a name is counted against the posting lists of the customers it can still score against:
// above every mismatch factor, a score needs the same place (or none), trade (or none) and hanzi
// (or none), so the lists are kept per place and trade, with the hanzi apart. Only each name's
// prefix is posted (prefix filtering, as in the all-pairs similarity joins): in one fixed order of
// the trigrams, rarest first, a name of n trigrams sharing at least ⌈t·n⌉ with any name that scores
// t or more, two such names share a trigram among their first n − ⌈t·n⌉ + 1. The lists hold the
// rare trigrams only, so a name meets few customers it then need not compare (on the 100,000-row
// import bench, the phase's thread used about half the CPU time it did with every trigram posted).
import { grow, overlap } from './id-runs.js';
import { type Asked, type IndexMatch, type IndexedKey, type IndexedRow, type NamesIndex, keyOfRow } from './names-index.js';
import { type KeyFactors, MAX_MISMATCH_FACTOR, scoreWithFactors } from './near-duplicates.js';

/** The matches of each asked name, by an index in this thread. */
export function matchAll(index: SimilarNamesIndex, asked: Asked[], limit: number): IndexMatch[][] {
  return asked.map((a) => ('like' in a ? (index.findLike(a.like, limit) ?? []) : index.find(a.key, limit, a.selfId)));
}

/** Trigram id → the item numbers holding it. */
type Postings = Map<number, number[]>;

interface Group {
  /** Items without hanzi. */
  plain: Postings;
  /** Items with hanzi, all of them (for names without). */
  anyHanzi: Postings;
  /** Items with hanzi, by their hanzi (for names with: only the same hanzi can score). */
  byHanzi: Map<string, Postings>;
}

/** A trigram's rank is its frequency times this, plus its id (or its id alone): ids stay below it. */
const RANK_ID_SPAN = 2 ** 22;

const words = (s: string) => (s === '' ? [] : s.split(' '));

function post(p: Postings, trigram: number, item: number) {
  const list = p.get(trigram);
  if (list) list.push(item);
  else p.set(trigram, [item]);
}

export class SimilarNamesIndex implements NamesIndex {
  private readonly trigramIds = new Map<string, number>();
  /** Per trigram id, how many items hold it. */
  private readonly frequency: number[] = [];
  /**
   * Per trigram id, its place in the order prefixes are taken in: fixed at the first search (by how
   * many items held it then, rarest first); trigrams first met after that come before all of those.
   * Items are posted from then on (those added before, at once).
   */
  private readonly rank: number[] = [];
  private ordered = false;
  private readonly ids: string[] = [];
  private readonly itemOf = new Map<string, number>();
  private readonly factors: KeyFactors[] = [];
  /** Per item, its distinct trigram ids in ascending order: `pool` from `starts[item]`, `sizes[item]` of them (flat, so a comparison reads memory in one run). */
  private pool: Int32Array = new Int32Array(16_384);
  private used = 0;
  private starts: Int32Array = new Int32Array(1024);
  private sizes: Int32Array = new Int32Array(1024);
  /** Groups by place word ('' for names without), then trade word ('' for none). */
  private readonly groups = new Map<string, Map<string, Group>>();
  /** Every mismatch factor lowers a score below the threshold: only compatible groups are read. */
  private readonly strict: boolean;
  /** pg_trgm's similarity threshold (a double setting, as `%` compares with it). */
  private readonly limit: number;
  /** The score's threshold as the index query compares it: a real, as the score is. */
  private readonly minimum: number;
  private seen: Int32Array = new Int32Array(1024);
  private query = 0;

  /** `threshold`: NEAR_DUPLICATE_THRESHOLD (scores below it are never found). */
  constructor(threshold: number) {
    // As the index query: pg_trgm's threshold within 0.01..1, and the score at the threshold itself.
    this.limit = Math.max(0.01, Math.min(1, threshold));
    this.minimum = Math.fround(threshold);
    this.strict = this.minimum > MAX_MISMATCH_FACTOR;
  }

  get size(): number {
    return this.ids.length;
  }

  /** Whether the customer is in the index. */
  has(customerId: string): boolean {
    return this.itemOf.has(customerId);
  }

  addRows(rows: IndexedRow[]): void {
    for (const r of rows) this.add(r.id, keyOfRow(r));
  }

  async match(asked: Asked[], limit: number): Promise<IndexMatch[][]> {
    return matchAll(this, asked, limit);
  }

  async close(): Promise<void> {}

  /** Adds a customer's key; an empty key (no trigrams) is similar to nothing. */
  add(customerId: string, key: IndexedKey): void {
    const item = this.ids.length;
    this.ids.push(customerId);
    this.itemOf.set(customerId, item);
    this.factors.push({ trades: key.trades, places: key.places, hanzi: key.hanzi });
    const trigrams = Int32Array.from(new Set(key.trigrams), (t) => this.trigramId(t)).sort();
    for (const t of trigrams) this.frequency[t]!++;
    if (item >= this.seen.length) {
      this.seen = grow(this.seen, this.seen.length * 2);
      this.starts = grow(this.starts, this.starts.length * 2);
      this.sizes = grow(this.sizes, this.sizes.length * 2);
    }
    if (this.used + trigrams.length > this.pool.length) this.pool = grow(this.pool, Math.max(this.pool.length * 2, this.used + trigrams.length));
    this.pool.set(trigrams, this.used);
    this.starts[item] = this.used;
    this.sizes[item] = trigrams.length;
    this.used += trigrams.length;
    if (this.ordered) this.postPrefix(item);
  }

  /** The fewest trigrams a name of `n` shares with any name it scores the threshold with (a lower bound: the score is a real, rounded). */
  private leastShared(n: number): number {
    return Math.max(1, Math.ceil(this.limit * n - 1e-3));
  }

  /**
   * Trigram ids in the fixed order: their ranks sorted as numbers (a typed array's own sort, no
   * comparator), the id read back from each rank's low bits (ranks are unique: the id is in them).
   */
  private inOrder(ids: ArrayLike<number>): Int32Array {
    const ranks = new Float64Array(ids.length);
    for (let i = 0; i < ids.length; i++) ranks[i] = this.rank[ids[i]!]!;
    ranks.sort();
    const ordered = new Int32Array(ids.length);
    for (let i = 0; i < ranks.length; i++) ordered[i] = ranks[i]! % RANK_ID_SPAN;
    return ordered;
  }

  /** Fixes the trigrams' order (rarest first) and posts every item's prefix in it. */
  private order(): void {
    for (let t = 0; t < this.frequency.length; t++) this.rank[t] = this.frequency[t]! * RANK_ID_SPAN + t;
    this.ordered = true;
    for (let item = 0; item < this.ids.length; item++) this.postPrefix(item);
  }

  /** Posts the item's first n − leastShared(n) + 1 trigrams in the fixed order, in its groups. */
  private postPrefix(item: number): void {
    const size = this.sizes[item]!;
    if (size === 0) return;
    const start = this.starts[item]!;
    const prefix = this.inOrder(this.pool.subarray(start, start + size)).subarray(0, size - this.leastShared(size) + 1);
    const key = this.factors[item]!;
    const places = this.strict ? words(key.places) : [];
    const trades = this.strict ? words(key.trades) : [];
    for (const place of places.length ? places : ['']) {
      for (const trade of trades.length ? trades : ['']) {
        const group = this.group(place, trade);
        for (const t of prefix) {
          if (!this.strict || key.hanzi === '') post(group.plain, t, item);
          else {
            post(group.anyHanzi, t, item);
            let own = group.byHanzi.get(key.hanzi);
            if (!own) group.byHanzi.set(key.hanzi, (own = new Map()));
            post(own, t, item);
          }
        }
      }
    }
  }

  /** The customers scoring at least the threshold with `key`, best first (then by id), at most `limit`; never `selfId`. */
  find(key: IndexedKey, limit: number, selfId?: string | null): IndexMatch[] {
    const distinct = new Set(key.trigrams);
    const known: number[] = [];
    for (const t of distinct) {
      const id = this.trigramIds.get(t);
      if (id !== undefined) known.push(id);
    }
    return this.search(known, distinct.size, key, limit, selfId);
  }

  /** As find, for a customer in the index (its own key; never itself); null for one that is not. */
  findLike(customerId: string, limit: number): IndexMatch[] | null {
    const item = this.itemOf.get(customerId);
    if (item === undefined) return null;
    const start = this.starts[item]!;
    const known = Array.from(this.pool.subarray(start, start + this.sizes[item]!));
    return this.search(known, known.length, this.factors[item]!, limit, customerId);
  }

  /** `known`: the name's trigram ids the index has; `size`: all its distinct trigrams. */
  private search(known: number[], size: number, key: KeyFactors, limit: number, selfId?: string | null): IndexMatch[] {
    // pg_trgm's count filter: a share of the name's trigrams below the threshold cannot reach it.
    const need = Math.ceil(this.limit * size - 1e-6);
    if (size === 0 || known.length < need) return [];
    if (!this.ordered) this.order();
    const sorted = Int32Array.from(known).sort();
    // The name's prefix in the fixed order (trigrams no customer holds come first, and are in no list).
    const probe = this.inOrder(known).subarray(0, Math.max(0, size - this.leastShared(size) + 1 - (size - known.length)));
    const stamp = ++this.query;
    const found: IndexMatch[] = [];
    const scan = (postings: Postings | undefined) => {
      if (!postings) return;
      for (const t of probe) {
        const list = postings.get(t);
        if (!list) continue;
        for (let k = 0; k < list.length; k++) {
          const item = list[k]!;
          if (this.seen[item] === stamp) continue;
          this.seen[item] = stamp;
          const other = this.sizes[item]!;
          // Too few or too many trigrams to reach the threshold whatever they share.
          if (other < need || other * this.limit > size + 1e-6) continue;
          const shared = overlap(sorted, this.pool, this.starts[item]!, other);
          if (shared < need) continue;
          // similarity() is a real (float4): the share rounded as Postgres rounds it.
          const similarity = Math.fround(shared / (size + other - shared));
          if (similarity < this.limit) continue;
          const score = scoreWithFactors(similarity, key, this.factors[item]!);
          if (score >= this.minimum && this.ids[item] !== selfId) found.push({ customerId: this.ids[item]!, score });
        }
      }
    };
    const read = (group: Group | undefined) => {
      if (!group) return;
      scan(group.plain);
      if (!this.strict) return;
      if (key.hanzi === '') scan(group.anyHanzi);
      else scan(group.byHanzi.get(key.hanzi));
    };
    // Strict: only the name's places (or none) and trades (or none); a name without either meets all.
    const places = this.strict && key.places !== '' ? [...words(key.places), ''].map((p) => this.groups.get(p)) : [...this.groups.values()];
    const trades = this.strict && key.trades !== '' ? [...words(key.trades), ''] : null;
    for (const byTrade of places) {
      if (!byTrade) continue;
      if (trades) for (const trade of trades) read(byTrade.get(trade));
      else for (const group of byTrade.values()) read(group);
    }
    found.sort((a, b) => b.score - a.score || (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
    // Three decimals, as the index query answers.
    return found.slice(0, limit).map((m) => ({ customerId: m.customerId, score: Math.round(m.score * 1000) / 1000 }));
  }

  private trigramId(t: string): number {
    let id = this.trigramIds.get(t);
    if (id === undefined) {
      if (this.trigramIds.size >= RANK_ID_SPAN) throw new Error(`more than ${RANK_ID_SPAN} distinct trigrams: the index's ranks cannot tell them apart`);
      this.trigramIds.set(t, (id = this.trigramIds.size));
      this.frequency.push(0);
      if (this.ordered) this.rank[id] = id;
    }
    return id;
  }

  private group(place: string, trade: string): Group {
    let byTrade = this.groups.get(place);
    if (!byTrade) this.groups.set(place, (byTrade = new Map()));
    let group = byTrade.get(trade);
    if (!group) byTrade.set(trade, (group = { plain: new Map(), anyHanzi: new Map(), byHanzi: new Map() }));
    return group;
  }
}
