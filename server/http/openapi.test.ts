import { describe, expect, it } from 'vitest';
import { repairPattern, repairPatterns } from './openapi.js';

describe('patterns in the OpenAPI document', () => {
  it('lose the flag suffix the generator leaves on a regex with flags', () => {
    expect(repairPattern('^[\\p{L}\\p{N}_:.-]+$/u')).toBe('^[\\p{L}\\p{N}_:.-]+$');
    expect(repairPattern('^a+$/gv')).toBe('^a+$');
    expect(repairPatterns({ a: [{ pattern: 'x/u' }], b: { pattern: '^\\d+$' } })).toEqual({ a: [{ pattern: 'x' }], b: { pattern: '^\\d+$' } });
  });

  it('keep a pattern without flags, an escaped slash included', () => {
    for (const p of ['^[A-Za-z0-9_-]+$', 'a\\/u', '^\\d+$']) expect(repairPattern(p)).toBe(p);
    expect(repairPattern('a\\\\/u')).toBe('a\\\\');
  });

  it('refuse flags a JSON Schema pattern cannot carry', () => {
    expect(() => repairPattern('^abc$/i')).toThrow(/flags a JSON Schema pattern cannot carry \(i\)/);
  });
});
