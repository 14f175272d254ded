// Safe reader for the `$.a.b` fact paths of rule sets, used by the compiled engine and as
// json-rules-engine's pathResolver, so both see exactly the same value for a path.

/** Segments that would reach an object's prototype chain rather than its data. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Exactly the shape rule-set documents allow (schemas/rule-set.ts); anything else reads nothing. */
const PATH = /^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

/**
 * A parsed path: its property names, or `null` when it can never read anything
 * (not a plain `$.a.b` path, or it names a forbidden segment).
 */
export type PathSegments = readonly string[] | null;

// Paths come from a handful of documents, so the cache stays small; the cap only stops a
// caller that feeds arbitrary strings from growing it without bound.
const cache = new Map<string, PathSegments>();
const CACHE_LIMIT = 10_000;

/**
 * Splits a path once; later calls with the same string reuse the result.
 *
 * @example
 * parsePath('$.customer.grade'); // ['customer', 'grade']
 * parsePath('$.__proto__.x');    // null
 */
export function parsePath(path: string): PathSegments {
  const known = cache.get(path);
  if (known !== undefined) return known;
  let segments: PathSegments = null;
  if (PATH.test(path)) {
    const parts = path.slice(2).split('.');
    segments = parts.some((p) => FORBIDDEN.has(p)) ? null : Object.freeze(parts);
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(path, segments);
  return segments;
}

/**
 * Walks own properties only, so inherited members (`toString`, `__proto__` …) never leak in;
 * a step into a non-object (string, number, function, null, missing) gives `undefined`.
 */
export function resolveSegments(value: unknown, segments: PathSegments): unknown {
  if (segments === null) return undefined;
  let current = value;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/**
 * Reads `path` from `value`; the signature json-rules-engine expects of a `pathResolver`.
 *
 * @example
 * resolvePath({ grade: 'A' }, '$.grade'); // 'A'
 * resolvePath({}, '$.constructor');       // undefined, not Object
 */
export function resolvePath(value: unknown, path: string): unknown {
  return resolveSegments(value, parsePath(path));
}
