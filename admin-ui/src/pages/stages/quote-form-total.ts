// The total the quote form shows while the rep types: the server's own sum (each line rounded to
// the cent on the decimals as typed), so the form never shows a cent the saved quote will not have.
import { quoteAmount } from '../../../../schemas/lifecycle.js';

/** The total of the lines typed so far; a line whose quantity or price is not a number yet counts as 0. */
export function formTotal(items: readonly { quantity: string; unitPrice: string }[]): number {
  const lines = items
    .map((i) => ({ quantity: Number(i.quantity), unitPrice: Number(i.unitPrice) }))
    .filter((l) => isAmount(l.quantity) && isAmount(l.unitPrice));
  return quoteAmount(lines);
}

const isAmount = (n: number) => Number.isFinite(n) && n >= 0;
