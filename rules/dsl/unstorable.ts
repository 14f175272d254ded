// Text the database cannot store (U+0000, a lone UTF-16 surrogate) in rules-language source: written
// raw anywhere (a comment keeps it, and the source is stored as written), or as a string escape
// ("\u0000", "\ud800" without its pair) in quoted text or a `quoted` name. Each is an issue at the
// place it was written, with the words and code every layer gives it (schemas/storable-text.ts).
import type { IToken } from 'chevrotain';
import { TEXT_FAULT_CODES, type TextFault, textFaultWords } from '../../schemas/storable-text.js';
import type { Span } from './source-spans.js';
import { Name, StringLit } from './tokens.js';

/** At most this many are reported: one is enough to act on, a flood says nothing more. */
const MAX = 10;

/** An issue as parseRules reports it (index.ts, SourceIssue). */
type SourceIssue = Span & { message: string; zh: string; code: string };

const issue = (line: number, column: number, length: number, fault: TextFault): SourceIssue => ({
  line,
  column,
  endLine: line,
  endColumn: column + length,
  code: TEXT_FAULT_CODES[fault],
  message: textFaultWords(fault, 'en'),
  zh: textFaultWords(fault, 'zh'),
});

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Every NUL and lone surrogate written raw in the source, at its line and column. */
export function rawFaults(source: string): SourceIssue[] {
  const found: SourceIssue[] = [];
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < source.length && found.length < MAX; i++) {
    const c = source.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
    } else if (c === 0) {
      found.push(issue(line, i - lineStart + 1, 1, 'nul'));
    } else if (isHigh(c) && isLow(source.charCodeAt(i + 1))) {
      i++;
    } else if (isHigh(c) || isLow(c)) {
      found.push(issue(line, i - lineStart + 1, 1, 'surrogate'));
    }
  }
  return found;
}

const ESCAPE = /\\(?:u([0-9a-fA-F]{4})|.)/g;

/** Where in a quoted token's text an escape stands for a NUL or a lone surrogate. */
function escapeFaults(image: string): { index: number; fault: TextFault }[] {
  const out: { index: number; fault: TextFault }[] = [];
  const escapes = [...image.matchAll(ESCAPE)];
  for (let k = 0; k < escapes.length; k++) {
    const m = escapes[k]!;
    if (m[1] === undefined) continue;
    const c = parseInt(m[1], 16);
    if (c === 0) out.push({ index: m.index, fault: 'nul' });
    else if (isHigh(c)) {
      const next = escapes[k + 1];
      if (next?.[1] !== undefined && next.index === m.index + 6 && isLow(parseInt(next[1], 16))) k++;
      else out.push({ index: m.index, fault: 'surrogate' });
    } else if (isLow(c)) out.push({ index: m.index, fault: 'surrogate' });
  }
  return out;
}

/** Every escape in quoted text and `quoted` names that stands for what cannot be stored, at the escape. */
export function escapedFaults(tokens: readonly IToken[]): SourceIssue[] {
  const found: SourceIssue[] = [];
  for (const t of tokens) {
    if (found.length >= MAX) break;
    if (t.tokenType !== StringLit && !(t.tokenType === Name && t.image.includes('`'))) continue;
    for (const { index, fault } of escapeFaults(t.image)) found.push(issue(t.startLine ?? 1, (t.startColumn ?? 1) + index, 6, fault));
  }
  return found.slice(0, MAX);
}
