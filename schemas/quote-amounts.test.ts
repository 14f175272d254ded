// A quote's lines and total in cents, on the decimals as typed: each line rounded half up once, the
// total their sum, so a document's lines add up to the total it prints.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuoteBody, lineCents, quoteAmount } from './lifecycle.js';

describe("a quote's amounts", () => {
  it('round each line half up on the decimals typed, where a double would round down', () => {
    expect(lineCents({ quantity: 3, unitPrice: 1.115 })).toBe(335n);
    expect(lineCents({ quantity: 7, unitPrice: 2.005 })).toBe(1404n);
    expect(lineCents({ quantity: 1, unitPrice: 0.005 })).toBe(1n);
    expect(lineCents({ quantity: 1, unitPrice: 1.005 })).toBe(101n);
    expect(lineCents({ quantity: 0.125, unitPrice: 1 })).toBe(13n);
    expect(lineCents({ quantity: 1e9, unitPrice: 1e-7 })).toBe(10000n);
    expect(lineCents({ quantity: 10, unitPrice: 4000 })).toBe(4_000_000n);
  });

  it('total the lines as they are printed', () => {
    expect(quoteAmount([{ quantity: 3, unitPrice: 1.115 }, { quantity: 7, unitPrice: 2.005 }, { quantity: 1, unitPrice: 0.005 }])).toBe(17.4);
    expect(quoteAmount([{ quantity: 1, unitPrice: 0.125 }, { quantity: 1, unitPrice: 0.125 }])).toBe(0.26);
    expect(quoteAmount([{ quantity: 10, unitPrice: 4000 }, { quantity: 200, unitPrice: 105.5 }])).toBe(61_100);
  });

  it('make a quote of at least a cent: free lines beside paid ones, never a quote of nothing', () => {
    const quote = (items: { quantity: number; unitPrice: number }[]) => QuoteBody.safeParse({ currency: 'USD', discountPct: 0, marginPct: 20, items: items.map((i) => ({ description: 'x', ...i })) });
    for (const items of [[{ quantity: 0.001, unitPrice: 0.001 }], [{ quantity: 5, unitPrice: 0 }], [{ quantity: 1, unitPrice: 0.004 }, { quantity: 2, unitPrice: 0 }]]) {
      expect(quote(items).error?.issues.map((i) => [i.path.join('/'), i.message]), JSON.stringify(items)).toEqual([['items', 'the total (the sum of quantity × unit price) must be at least 0.01']]);
    }
    expect(quote([{ quantity: 1, unitPrice: 0.005 }]).success).toBe(true);
    expect(quote([{ quantity: 1, unitPrice: 120 }, { quantity: 3, unitPrice: 0 }]).success).toBe(true);
  });

  it('agree with exact decimal arithmetic on generated cent prices and whole quantities', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 10_000_000 }), (quantity, cents) => {
        expect(lineCents({ quantity, unitPrice: cents / 100 })).toBe(BigInt(quantity) * BigInt(cents));
      }),
    );
  });
});
