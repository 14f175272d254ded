// The option a misspelt word most likely meant, for "did you mean …?" hints.

/** Edit distance counting an insertion, a deletion, a change or a swap of neighbours as one. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The option closest to `word` (ignoring case), if it is close enough to be a slip: at most one edit
 * for short words, two for longer ones. `nearest('grad', ['grade', 'exempt'])` → 'grade'.
 */
export function nearest(word: string, options: readonly string[]): string | undefined {
  const max = word.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const option of options) {
    const d = distance(word.toLowerCase(), option.toLowerCase());
    if (d < bestDistance && d < Math.max(word.length, option.length)) [best, bestDistance] = [option, d];
  }
  return best;
}
