// Collects validation faults, each with a JSON pointer (RFC 6901) into the document.
export interface ValidationIssue {
  pointer: string;
  message: string;
}

const pointerOf = (path: readonly (string | number)[]) =>
  path.length === 0 ? '' : `/${path.map((s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

export class Issues {
  readonly list: ValidationIssue[] = [];
  constructor(private readonly max = 200) {}

  add(path: readonly (string | number)[], message: string): void {
    if (this.list.length < this.max) this.list.push({ pointer: pointerOf(path), message });
  }

  get full(): boolean {
    return this.list.length >= this.max;
  }
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys that could reach Object.prototype if a document were ever merged naively. */
export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export const describe = (v: unknown): string => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
};
