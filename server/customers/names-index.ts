// What a similar-names index holds and answers (similar-names-index.ts, threaded-names-index.ts):
// the customers' keys as read, the names asked of it, its matches, and the interface both its forms share.

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

/** A customer's key as read for the index: its trigrams as one string, '|' between them (pg_trgm's words are letters and digits). */
export interface IndexedRow {
  id: string;
  trigrams: string;
  trades: string;
  places: string;
  hanzi: string;
}

/** A name asked of the index: a customer in it by its id (its own key; never itself), any other by its key. */
export type Asked = { like: string } | { key: IndexedKey; selfId: string | null };

/** The index in this thread (SimilarNamesIndex) or in a thread of its own (ThreadedNamesIndex). */
export interface NamesIndex {
  /** Whether the customer is in the index. */
  has(customerId: string): boolean;
  /** Adds customers (in order). */
  addRows(rows: IndexedRow[]): void;
  /** The similar customers of each name, best first, at most `limit` (a customer asked by id that is not in the index: none). */
  match(asked: Asked[], limit: number): Promise<IndexMatch[][]>;
  /** Lets the index go. */
  close(): Promise<void>;
}

/** The key of a row as read. */
export const keyOfRow = (r: IndexedRow): IndexedKey => ({ trigrams: r.trigrams === '' ? [] : r.trigrams.split('|'), trades: r.trades, places: r.places, hanzi: r.hanzi });
