// The in-memory similar-names index on hand-made trigram sets: pg_trgm's similarity (shared over
// all, unknown trigrams included), the mismatch factors, a customer under several places or trades
// found once, the name itself left out, best first and at most the limit.
import { describe, expect, it } from 'vitest';
import { SimilarNamesIndex } from './similar-names-index.js';

const key = (trigrams: string, more: { trades?: string; places?: string; hanzi?: string } = {}) => ({
  trigrams: trigrams.split(','),
  trades: more.trades ?? '',
  places: more.places ?? '',
  hanzi: more.hanzi ?? '',
});

describe('SimilarNamesIndex', () => {
  it('scores shared trigrams over all trigrams of both, counting trigrams no customer has', () => {
    const index = new SimilarNamesIndex(0.3);
    index.add('a', key('t1,t2,t3,t4'));
    index.add('b', key('t1,t2,t5,t6,t7,t8'));
    // With a: 3 shared of 5 → 0.6; with b: 2 shared of 8 → 0.25 (below 0.3).
    expect(index.find(key('t1,t2,t3,zz'), 10)).toEqual([{ customerId: 'a', score: 0.6 }]);
    expect(index.find(key('zz,yy'), 10)).toEqual([]);
    expect(index.find(key(''), 10)).toEqual([]);
  });

  it('multiplies by the mismatch factors below the strict threshold, and reads only compatible customers above it', () => {
    for (const threshold of [0.2, 0.6]) {
      const index = new SimilarNamesIndex(threshold);
      index.add('same-place', key('t1,t2,t3', { places: 'ningbo', trades: 'trading' }));
      index.add('no-place', key('t1,t2,t3', { trades: 'trading' }));
      index.add('other-place', key('t1,t2,t3', { places: 'shenzhen', trades: 'trading' }));
      index.add('other-hanzi', key('t1,t2,t3', { places: 'ningbo', trades: 'trading', hanzi: '恒鑫' }));
      index.add('other-trade', key('t1,t2,t3', { places: 'ningbo', trades: 'lighting' }));
      const found = index.find(key('t1,t2,t3', { places: 'ningbo', trades: 'trading', hanzi: '恒信' }), 10);
      if (threshold === 0.6) {
        expect(found).toEqual([
          { customerId: 'no-place', score: 1 },
          { customerId: 'same-place', score: 1 },
        ]);
      } else {
        expect(found).toEqual([
          { customerId: 'no-place', score: 1 },
          { customerId: 'same-place', score: 1 },
          { customerId: 'other-hanzi', score: 0.5 },
          { customerId: 'other-place', score: 0.5 },
          { customerId: 'other-trade', score: 0.5 },
        ]);
      }
    }
  });

  it('compares the score with the threshold as a real, as the index query does (0.9 × 0.5 reaches 0.45)', () => {
    const index = new SimilarNamesIndex(0.45);
    index.add('nine-of-ten', key('t1,t2,t3,t4,t5,t6,t7,t8,t9,t10', { places: 'shenzhen' }));
    expect(index.find(key('t1,t2,t3,t4,t5,t6,t7,t8,t9', { places: 'ningbo' }), 10)).toEqual([{ customerId: 'nine-of-ten', score: 0.45 }]);
  });

  it('finds a customer under several places and trades once, leaves the name itself out, and keeps the best up to the limit', () => {
    const index = new SimilarNamesIndex(0.6);
    index.add('two-places', key('t1,t2,t3,t4', { places: 'ningbo shenzhen', trades: 'lighting trading' }));
    index.add('self', key('t1,t2,t3,t4', { places: 'ningbo' }));
    index.add('weaker', key('t1,t2,t3,t9', { places: 'ningbo' }));
    expect(index.find(key('t1,t2,t3,t4', { places: 'ningbo shenzhen', trades: 'trading lighting' }), 10, 'self')).toEqual([
      { customerId: 'two-places', score: 1 },
      { customerId: 'weaker', score: 0.6 },
    ]);
    expect(index.find(key('t1,t2,t3,t4', { places: 'ningbo' }), 1, 'self')).toEqual([{ customerId: 'two-places', score: 1 }]);
  });
});
