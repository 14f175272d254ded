// What a set of boxes leaves uncovered inside a region: the region is split field by field into
// classes of pieces that the same boxes admit, until a class meets no box (uncovered) or one box
// covers it whole. Regions come out as combinations of classes, which read well as sentences.
import { type Box, EMPTY } from './boxes.js';

/** Work left (box tests), shared by the walks of one analysis so a large rule set stays quick. */
export interface Budget {
  left: number;
}

export interface Uncovered {
  regions: bigint[][];
  /** The split gave up after its budget of steps; `regions` is then incomplete. */
  truncated: boolean;
}

const bits = (m: bigint): number[] => {
  const out: number[] = [];
  for (let i = 0; m > 0n; i++, m >>= 1n) if (m & 1n) out.push(i);
  return out;
};

const meets = (box: bigint[], region: bigint[]) => box.every((m, i) => (m & region[i]!) !== 0n);
const covers = (box: bigint[], region: bigint[]) => box.every((m, i) => (m & region[i]!) === region[i]);

/**
 * The parts of `region` no box in `boxes` reaches.
 *
 * @example
 * uncovered([0b11n], [[0b01n]]).regions; // [[0b10n]]
 */
export function uncovered(region: bigint[], boxes: readonly Box[], options: { budget?: Budget; stopAfter?: number } = {}): Uncovered {
  const budget = options.budget ?? { left: 1_000_000 };
  const stopAfter = options.stopAfter ?? Infinity;
  const regions: bigint[][] = [];
  let truncated = false;
  const live = boxes.filter((b): b is bigint[] => b !== EMPTY);
  const walk = (part: bigint[], candidates: bigint[][], from: number): void => {
    if (truncated || regions.length >= stopAfter) return;
    // A step costs one test per candidate box.
    budget.left -= candidates.length + 1;
    if (budget.left < 0) {
      truncated = true;
      return;
    }
    const here = candidates.filter((b) => meets(b, part));
    if (here.length === 0) {
      regions.push(part);
      return;
    }
    if (here.some((b) => covers(b, part))) return;
    for (let f = from; f < part.length; f++) {
      const classes = new Map<string, bigint>();
      for (const piece of bits(part[f]!)) {
        budget.left -= here.length;
        const bit = 1n << BigInt(piece);
        const key = here.map((b) => ((b[f]! & bit) !== 0n ? '1' : '0')).join('');
        classes.set(key, (classes.get(key) ?? 0n) | bit);
      }
      if (classes.size === 1) continue;
      for (const mask of classes.values()) {
        const next = [...part];
        next[f] = mask;
        walk(next, here, f + 1);
      }
      return;
    }
  };
  if (region.every((m) => m !== 0n)) walk(region, live, 0);
  return { regions, truncated };
}

/**
 * Joins regions that differ in one field only, until none do: the split cuts along fields that
 * matter elsewhere, and a gap reads better as one combination than as five that differ by grade.
 */
export function mergeRegions(regions: readonly bigint[][], limit = 2_000): bigint[][] {
  const out = regions.map((r) => [...r]);
  if (out.length > limit) return out;
  for (let merged = true; merged; ) {
    merged = false;
    for (let a = 0; a < out.length && !merged; a++) {
      for (let b = a + 1; b < out.length && !merged; b++) {
        const differ = out[a]!.flatMap((m, i) => (m === out[b]![i] ? [] : [i]));
        if (differ.length !== 1) continue;
        out[a]![differ[0]!] = out[a]![differ[0]!]! | out[b]![differ[0]!]!;
        out.splice(b, 1);
        merged = true;
      }
    }
  }
  return out;
}
