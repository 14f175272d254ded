// The rules language (rules/dsl/README.md): source text ⇄ rule-set document, with issues at source positions.
import type { RuleSetDocument } from '../../schemas/rule-set.js';
import { validateRuleSet } from '../validate/index.js';
import { LIMITS } from '../validate/limits.js';
import type { KnownIds } from '../validate/references.js';
import { withComments } from './comments.js';
import { DocumentParser } from './document-parser.js';
import { tooDeep } from './nesting.js';
import { codeOf, renderSource, takeChinese } from './messages.js';
import type { Origin, Span } from './source-spans.js';
import type { IToken, TokenType } from 'chevrotain';
import { escapedFaults, rawFaults } from './unstorable.js';
import { ConditionKw, FULL_WIDTH, FullWidthPunct, FullWidthString, Name, NonAsciiName, StringLit, lexer } from './tokens.js';

export { printRules } from './printer.js';

export interface SourceIssue extends Span {
  /** English. */
  message: string;
  /** The same in Chinese. */
  zh: string;
  code: string;
}
export interface ParseResult {
  document?: RuleSetDocument;
  issues: SourceIssue[];
  /** JSON pointer (RFC 6901) of each object and field of the document → where it was written. */
  positions: Map<string, Span>;
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

function pointers(doc: unknown, origins: WeakMap<object, Origin>): Map<string, Span> {
  const out = new Map<string, Span>();
  const walk = (node: unknown, at: string) => {
    if (typeof node !== 'object' || node === null) return;
    const origin = origins.get(node);
    if (origin) out.set(at, origin.node);
    for (const [key, child] of Object.entries(node)) {
      const span = origin?.keys[key];
      if (span) out.set(`${at}/${escape(key)}`, span);
      walk(child, `${at}/${escape(key)}`);
    }
  };
  walk(doc, '');
  return out;
}

const parser = new DocumentParser();

const tokenSpan = (t: IToken): Span => ({ line: t.startLine ?? 1, column: t.startColumn ?? 1, endLine: t.endLine ?? 1, endColumn: (t.endColumn ?? 0) + 1 });
const as = (t: IToken, type: TokenType, image: string): IToken => ({ ...t, tokenType: type, tokenTypeIdx: type.tokenTypeIdx!, image });

/**
 * Chinese input read as the ASCII it stands for, each with an issue that says what to write: a word
 * with Chinese characters as a `quoted` name, “text” as "text", （ as (. One issue per line for the
 * punctuation, so that a line typed with a Chinese keyboard gets one hint, not one per character.
 */
function asciiTwins(tokens: IToken[], issues: SourceIssue[]): IToken[] {
  const punctuation = new Map<number, { first: IToken; pairs: Map<string, string> }>();
  const wide = (t: IToken, pairs: [string, string][]) => {
    const line = punctuation.get(t.startLine ?? 1) ?? { first: t, pairs: new Map() };
    for (const [w, a] of pairs) line.pairs.set(w, a);
    punctuation.set(t.startLine ?? 1, line);
  };
  const out = tokens.map((t, i) => {
    switch (t.tokenType) {
      case NonAsciiName: {
        const isConditionName = tokens[i - 1]?.tokenType === ConditionKw;
        issues.push({ ...tokenSpan(t), ...renderSource('dsl.non-ascii-name', t.image, isConditionName) });
        return as(t, Name, `\`${JSON.stringify(t.image).slice(1, -1)}\``);
      }
      case FullWidthString:
        wide(t, [['“', '"'], ['”', '"']]);
        return as(t, StringLit, JSON.stringify(t.image.slice(1, -1)));
      case FullWidthPunct: {
        const [ascii, type] = FULL_WIDTH[t.image]!;
        wide(t, [[t.image, ascii]]);
        return as(t, type, ascii);
      }
      default:
        return t;
    }
  });
  for (const { first, pairs } of punctuation.values()) issues.push({ ...tokenSpan(first), ...renderSource('dsl.full-width-punctuation', [...pairs]) });
  return out;
}

export function parseRules(source: string): ParseResult {
  // Text the database cannot store, written raw, is refused alone: the other issues would quote it.
  const raw = rawFaults(source);
  if (raw.length > 0) return { issues: raw, positions: new Map() };
  const lexed = lexer.tokenize(source);
  const issues: SourceIssue[] = escapedFaults(lexed.tokens);
  for (const e of lexed.errors) {
    issues.push({ line: e.line ?? 1, column: e.column ?? 1, endLine: e.line ?? 1, endColumn: (e.column ?? 1) + e.length, ...renderSource('dsl.unexpected-character', source.slice(e.offset, e.offset + e.length)) });
  }
  const tokens = asciiTwins(lexed.tokens, issues).filter((t) => {
    if (t.tokenType.name !== 'UnterminatedString') return true;
    issues.push({ ...tokenSpan(t), ...renderSource('dsl.unterminated-string') });
    return false;
  });
  // Text nested deeper than any valid rule set is refused before the grammar recurses into it.
  const deep = tooDeep(tokens, LIMITS.depth);
  if (deep) return { issues: [...issues, { ...tokenSpan(deep), ...renderSource('dsl.too-deep', LIMITS.depth) }].sort((a, b) => a.line - b.line || a.column - b.column), positions: new Map() };
  parser.input = tokens;
  parser.origins = new WeakMap();
  parser.semantic = [];
  parser.decision = undefined;
  let doc: RuleSetDocument | undefined;
  takeChinese();
  try {
    doc = parser.document();
  } catch (error) {
    // Error recovery can hand the grammar's actions half-built values; the errors say what went wrong.
    if (parser.errors.length === 0 && issues.length === 0) throw error;
  }
  const chinese = takeChinese();
  for (const e of parser.errors) {
    const t = e.token;
    const atEnd = t.tokenType.name === 'EOF' || !Number.isFinite(t.startOffset) || !Number.isFinite(t.startLine);
    const last = tokens.at(-1);
    const line = atEnd ? (last?.endLine ?? 1) : (t.startLine ?? 1);
    const column = atEnd ? (last?.endColumn ?? 0) + 1 : (t.startColumn ?? 1);
    issues.push({ line, column, endLine: atEnd ? line : (t.endLine ?? line), endColumn: atEnd ? column : (t.endColumn ?? column) + 1, message: e.message, zh: chinese.get(e.message) ?? e.message, code: codeOf(e.name, e.message) });
  }
  for (const s of parser.semantic) issues.push({ ...s.span, message: s.message, zh: s.zh, code: s.code });
  issues.sort((a, b) => a.line - b.line || a.column - b.column);
  const positions = pointers(doc, parser.origins);
  if (issues.length > 0 || !doc) return { issues, positions };
  return { document: withComments(doc, tokens, lexed.groups.comments ?? []), issues, positions };
}

/** Where a validator pointer was written: the pointer itself or the nearest enclosing object. */
export function locate(pointer: string, positions: Map<string, Span>): Span {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const span = positions.get(p);
    if (span) return span;
    if (p === '') return { line: 1, column: 1, endLine: 1, endColumn: 1 };
  }
}

/**
 * Parses, then runs the rule-set validator (with the ids that exist, when `known` is given) and
 * reports its issues where the source wrote them.
 */
export function validateRules(source: string, { known }: { known?: KnownIds | undefined } = {}): ParseResult {
  const parsed = parseRules(source);
  if (!parsed.document) return parsed;
  const result = validateRuleSet(parsed.document, { notation: 'source', known });
  if (result.ok) return parsed;
  const issues = result.issues.map((i) => ({ ...locate(i.pointer, parsed.positions), message: i.message, zh: i.zh, code: i.code }));
  return { issues, positions: parsed.positions };
}
