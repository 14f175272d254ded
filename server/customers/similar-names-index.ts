// Similar company names for many names at once (an import's similar-names phase, the admins' full
// scan): the customers' similarity keys held in memory as pg_trgm's own trigrams (show_trgm), so
// the score is pg_trgm's similarity (shared trigrams / all trigrams of both) times pairScore's
// factors, exactly as the trigram index query computes it (near-duplicates.test.ts holds them equal).
// Asked one name at a time, Postgres' trigram index costs 2–6 ms a name where names share brands
// (each search merges the long posting lists of common trigrams and rechecks hundreds of rows).
// Here a name is counted against the posting lists of the customers it can still score against:
// above every mismatch factor, a score needs the same place (or none), trade (or none) and hanzi
// (or none), so the lists are kept per place and trade, with the hanzi apart.
import { MAX_MISMATCH_FACTOR, pairFactor } from './near-duplicates.js';

/** A name's similarity key as the index holds it: its trigrams (show_trgm of the key) and the key columns the factors read. */
export interface IndexedKey {
  trigrams: string[];
  trades: string;
  places: string;
  hanzi: string;
}

export interface IndexMatch {
  customerId: string;
  score: number;
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

const words = (s: string) => (s === '' ? [] : s.split(' '));

function post(p: Postings, trigram: number, item: number) {
  const list = p.get(trigram);
  if (list) list.push(item);
  else p.set(trigram, [item]);
}

export class SimilarNamesIndex {
  private readonly trigramIds = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly keys: IndexedKey[] = [];
  private readonly sizes: number[] = [];
  /** Groups by place word ('' for names without), then trade word ('' for none). */
  private readonly groups = new Map<string, Map<string, Group>>();
  /** Every mismatch factor lowers a score below the threshold: only compatible groups are read. */
  private readonly strict: boolean;
  private readonly limit: number;
  private hits: Int32Array = new Int32Array(1024);
  private seen: Int32Array = new Int32Array(1024);
  private query = 0;

  /** `threshold`: NEAR_DUPLICATE_THRESHOLD (scores below it are never found). */
  constructor(private readonly threshold: number) {
    // As the index query: pg_trgm's threshold within 0.01..1, and the score at the threshold itself.
    this.limit = Math.max(0.01, Math.min(1, threshold));
    this.strict = threshold > MAX_MISMATCH_FACTOR;
  }

  get size(): number {
    return this.ids.length;
  }

  /** Adds a customer's key; an empty key (no trigrams) is similar to nothing. */
  add(customerId: string, key: IndexedKey): void {
    const item = this.ids.length;
    this.ids.push(customerId);
    this.keys.push(key);
    const trigrams = [...new Set(key.trigrams)].map((t) => this.trigramId(t));
    this.sizes.push(trigrams.length);
    if (item >= this.hits.length) {
      this.hits = grow(this.hits);
      this.seen = grow(this.seen);
    }
    const places = this.strict ? words(key.places) : [];
    const trades = this.strict ? words(key.trades) : [];
    for (const place of places.length ? places : ['']) {
      for (const trade of trades.length ? trades : ['']) {
        const group = this.group(place, trade);
        for (const t of trigrams) {
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
    const trigrams = [...new Set(key.trigrams)].flatMap((t) => {
      const id = this.trigramIds.get(t);
      return id === undefined ? [] : [id];
    });
    const size = new Set(key.trigrams).size;
    if (size === 0 || trigrams.length === 0) return [];
    // pg_trgm's count filter: a share of the name's trigrams below the threshold cannot reach it.
    const need = Math.ceil(this.limit * size - 1e-6);
    if (trigrams.length < need) return [];
    const stamp = ++this.query;
    const found: IndexMatch[] = [];
    const touched: number[] = [];
    const scan = (postings: Postings | undefined) => {
      if (!postings) return;
      for (const t of trigrams) {
        const list = postings.get(t);
        if (!list) continue;
        for (let k = 0; k < list.length; k++) {
          const item = list[k]!;
          if (this.hits[item]!++ === 0) touched.push(item);
        }
      }
      for (const item of touched) {
        const shared = this.hits[item]!;
        this.hits[item] = 0;
        if (shared < need || this.seen[item] === stamp) continue;
        this.seen[item] = stamp;
        const other = this.sizes[item]!;
        // similarity() is a real (float4): the share rounded as Postgres rounds it.
        const similarity = Math.fround(shared / (size + other - shared));
        if (similarity < this.limit) continue;
        const score = Math.fround(similarity * pairFactor(key, this.keys[item]!));
        if (score >= this.threshold && this.ids[item] !== selfId) found.push({ customerId: this.ids[item]!, score });
      }
      touched.length = 0;
    };
    const places = this.strict && key.places !== '' ? [...words(key.places), ''] : null;
    const trades = this.strict && key.trades !== '' ? new Set([...words(key.trades), '']) : null;
    for (const [place, byTrade] of this.groups) {
      if (places && !places.includes(place)) continue;
      for (const [trade, group] of byTrade) {
        if (trades && !trades.has(trade)) continue;
        scan(group.plain);
        if (!this.strict) continue;
        if (key.hanzi === '') scan(group.anyHanzi);
        else scan(group.byHanzi.get(key.hanzi));
      }
    }
    found.sort((a, b) => b.score - a.score || (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
    // Three decimals, as the index query answers.
    return found.slice(0, limit).map((m) => ({ customerId: m.customerId, score: Math.round(m.score * 1000) / 1000 }));
  }

  private trigramId(t: string): number {
    let id = this.trigramIds.get(t);
    if (id === undefined) this.trigramIds.set(t, (id = this.trigramIds.size));
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

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
