// Where a rep stands against a private cap. At the cap the rep may claim no more and is not
// assigned any; over it (a cap lowered below what the rep owns) nothing is taken away, but the rep
// claims again only once under it, so `over` says how many customers that takes.

interface CapStanding {
  privateMax: number;
  /** Owned ≥ cap: no more claims or assignments. */
  atCap: boolean;
  /** Customers owned beyond the cap (0 when not over it). */
  over: number;
}

/**
 * @example
 * capStanding(3, 1); // { privateMax: 1, atCap: true, over: 2 }
 */
export const capStanding = (owned: number, privateMax: number): CapStanding => ({ privateMax, atCap: owned >= privateMax, over: Math.max(0, owned - privateMax) });
