// The similar-names index in a thread of its own: the same answers as in this thread, customers
// added in order before the names asked after them, and a closed index refusing, never hanging.
import { describe, expect, it } from 'vitest';
import { SimilarNamesIndex } from './similar-names-index.js';
import { ThreadedNamesIndex } from './threaded-names-index.js';

const rows = [
  { id: 'a', trigrams: 't1|t2|t3|t4', trades: '', places: '', hanzi: '' },
  { id: 'b', trigrams: 't1|t2|t3|t5', trades: 'trading', places: 'ningbo', hanzi: '' },
  { id: 'c', trigrams: 't1|t2|t6|t7|t8|t9', trades: '', places: '', hanzi: '' },
];

describe('ThreadedNamesIndex', () => {
  it('answers as the index in this thread, by id and by key', async () => {
    const here = new SimilarNamesIndex(0.3);
    const there = new ThreadedNamesIndex(0.3);
    try {
      here.addRows(rows);
      there.addRows(rows);
      expect(there.has('a')).toBe(true);
      expect(there.has('zz')).toBe(false);
      const asked = [{ like: 'a' }, { like: 'b' }, { like: 'missing' }, { key: { trigrams: ['t1', 't2', 't3', 'zz'], trades: '', places: '', hanzi: '' }, selfId: null }];
      const answers = await there.match(asked, 10);
      expect(answers).toEqual(await here.match(asked, 10));
      expect(answers[0]!.map((m) => m.customerId)).toEqual(['b']);
      expect(answers[2]).toEqual([]);
      // A customer added after a question is in the next answer.
      there.addRows([{ id: 'd', trigrams: 't1|t2|t3|t4', trades: '', places: '', hanzi: '' }]);
      expect((await there.match([{ like: 'a' }], 1))[0]).toEqual([{ customerId: 'd', score: 1 }]);
    } finally {
      await there.close();
    }
  });

  it('refuses once closed', async () => {
    const index = new ThreadedNamesIndex(0.3);
    index.addRows(rows);
    const pending = index.match([{ like: 'a' }], 10);
    await index.close();
    await pending.then(
      (m) => expect(m).toHaveLength(1),
      (e: Error) => expect(e.message).toMatch(/similar-names/),
    );
    await expect(index.match([{ like: 'a' }], 10)).rejects.toThrow(/closed/);
    expect(() => index.addRows(rows)).toThrow(/closed/);
  });
});
