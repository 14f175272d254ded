// The in-memory similar-names index's flat storage (similar-names-index.ts): Int32Arrays grown as
// customers are added, and the count of trigram ids two ascending runs of them share.

/** How many ids two ascending runs share: all of `a`, and `b` from `start`, `length` of them. */
export function overlap(a: Int32Array, b: Int32Array, start: number, length: number): number {
  let i = 0;
  let j = start;
  const end = start + length;
  let n = 0;
  while (i < a.length && j < end) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/** A copy of `a` in an array of `length` (the rest zeros). */
export function grow(a: Int32Array, length: number): Int32Array {
  const b = new Int32Array(length);
  b.set(a);
  return b;
}
