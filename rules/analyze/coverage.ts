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
 * Each pass groups the regions by every field but one (a key per region), so a pass costs the
 * regions times the fields, not the regions squared.
 */
export function mergeRegions(regions: readonly bigint[][], limit = 2_000): bigint[][] {
  let out = regions.map((r) => [...r]);
  if (out.length > limit || out.length === 0) return out;
  const fields = out[0]!.length;
  for (let merged = true; merged; ) {
    merged = false;
    for (let f = 0; f < fields; f++) {
      const byRest = new Map<string, bigint[]>();
      const kept: bigint[][] = [];
      for (const region of out) {
        const key = region.map((m, i) => (i === f ? '' : m.toString(36))).join(',');
        const into = byRest.get(key);
        if (into === undefined) {
          byRest.set(key, region);
          kept.push(region);
        } else {
          into[f] = into[f]! | region[f]!;
          merged = true;
        }
      }
      out = kept;
    }
  }
  return out;
}
