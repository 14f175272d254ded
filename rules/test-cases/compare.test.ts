import { describe, expect, it } from 'vitest';
import { outcomeMatches } from './compare.js';

const actual = {
  fired: [
    { name: 'A: follow up daily', type: 'deadline', params: { name: 'follow_up', duration: '1d', warnBefore: '4h' } },
    { name: null, type: 'deadline', params: { name: 'deal', duration: '90d' } },
  ],
};

describe('comparing a test case with what fired', () => {
  it('passes on the same names in the same order, checking only the params the case states', () => {
    expect(outcomeMatches({ fired: [{ name: 'A: follow up daily' }, { name: null }] }, actual)).toBe(true);
    expect(outcomeMatches({ fired: [{ name: 'A: follow up daily', params: { duration: '1d' } }, { name: null, params: {} }] }, actual)).toBe(true);
  });

  it('fails on another order, a missing or extra rule, a different stated param or a param that is not there', () => {
    expect(outcomeMatches({ fired: [{ name: null }, { name: 'A: follow up daily' }] }, actual)).toBe(false);
    expect(outcomeMatches({ fired: [{ name: 'A: follow up daily' }] }, actual)).toBe(false);
    expect(outcomeMatches({ fired: [] }, actual)).toBe(false);
    expect(outcomeMatches({ fired: [{ name: 'A: follow up daily', params: { duration: '2d' } }, { name: null }] }, actual)).toBe(false);
    expect(outcomeMatches({ fired: [{ name: 'A: follow up daily', params: { pool: 'x' } }, { name: null }] }, actual)).toBe(false);
    expect(outcomeMatches({ fired: [] }, { fired: [] })).toBe(true);
  });
});
