import { describe, expect, it } from 'vitest';
import { quoteAmount } from '../../../../schemas/lifecycle.js';
import { formTotal } from './quote-form-total.js';

describe('the quote form total', () => {
  it('is the amount the server stores, cent for cent, where a double product would round the other way', () => {
    // 3 × 1.115 is 3.345 on paper (3.35 to the cent); as doubles it is 3.3449999…, which prints 3.34.
    const typed = [{ quantity: '3', unitPrice: '1.115' }, { quantity: '0.1', unitPrice: '0.3' }];
    expect(formTotal(typed)).toBe(quoteAmount([{ quantity: 3, unitPrice: 1.115 }, { quantity: 0.1, unitPrice: 0.3 }]));
    expect(formTotal(typed)).toBe(3.38);
    expect(formTotal([{ quantity: '0.1', unitPrice: '0.2' }, { quantity: '0.2', unitPrice: '0.1' }])).toBe(0.04);
  });

  it('counts a line still being typed as nothing', () => {
    expect(formTotal([{ quantity: '', unitPrice: '12.5' }, { quantity: '2', unitPrice: 'abc' }, { quantity: '2', unitPrice: '12.5' }])).toBe(25);
    expect(formTotal([])).toBe(0);
  });
});
