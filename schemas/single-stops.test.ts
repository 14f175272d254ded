import { describe, expect, it } from 'vitest';
import { singleStops } from './single-stops.js';

describe('singleStops', () => {
  it('keeps one full stop where a name or a reason ending in one meets the sentence’s own', () => {
    expect(singleStops('Follow-up logged for Acme Ltd.. Next deadline: Fri.')).toBe('Follow-up logged for Acme Ltd. Next deadline: Fri.');
    expect(singleStops('Reason: max 15% for flood lights.. Revise and submit a new quote.')).toBe('Reason: max 15% for flood lights. Revise and submit a new quote.');
    expect(singleStops('Created Acme Ltd..')).toBe('Created Acme Ltd.');
  });

  it('leaves an ellipsis, a version, a path and single stops as written', () => {
    for (const text of ['Wait... then go.', 'v1..v2 range', '../x', 'One. Two.', '']) expect(singleStops(text)).toBe(text);
  });
});
