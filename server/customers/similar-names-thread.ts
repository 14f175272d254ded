// The similar-names index in a worker thread of its own (threaded-names-index.ts starts this
// file): customers are added and names matched by messages, in the order they are sent.
import { parentPort, workerData } from 'node:worker_threads';
import type { Asked, IndexMatch, IndexedRow } from './names-index.js';
import { SimilarNamesIndex, matchAll } from './similar-names-index.js';

export type ThreadRequest = { op: 'add'; rows: IndexedRow[] } | { op: 'match'; id: number; asked: Asked[]; limit: number };
export type ThreadReply = { id: number; matches: IndexMatch[][] } | { id: number; error: string };

const index = new SimilarNamesIndex((workerData as { threshold: number }).threshold);

parentPort!.on('message', (m: ThreadRequest) => {
  if (m.op === 'add') {
    index.addRows(m.rows);
    return;
  }
  let reply: ThreadReply;
  try {
    reply = { id: m.id, matches: matchAll(index, m.asked, m.limit) };
  } catch (e) {
    reply = { id: m.id, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(reply);
});
