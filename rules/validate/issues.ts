// Collects validation faults, each with a JSON pointer (RFC 6901) into the document, a stable code and
// the message in English and Chinese (from the catalogue in messages.ts).
import { type MessageArgs, type ValidationCode, render } from './messages.js';

export interface ValidationIssue {
  pointer: string;
  /** Stable, e.g. "rules.unknown-fact" (messages.ts lists them all). */
  code: string;
  /** English. */
  message: string;
  /** The same in Chinese. */
  zh: string;
}

/** A path of keys as a JSON pointer (RFC 6901). */
export const pointerOf = (path: readonly (string | number)[]) =>
  path.length === 0 ? '' : `/${path.map((s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

export class Issues {
  readonly list: ValidationIssue[] = [];
  constructor(private readonly max = 200) {}

  add<C extends ValidationCode>(path: readonly (string | number)[], code: C, ...args: MessageArgs<C>): void {
    if (this.list.length < this.max) this.list.push({ pointer: pointerOf(path), code, ...render(code, ...args) });
  }

  get full(): boolean {
    return this.list.length >= this.max;
  }
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys that could reach Object.prototype if a document were ever merged naively. */
export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
