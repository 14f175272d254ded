// Comments of source text, kept in the document (schemas/rule-set.ts, CommentLines) so that text →
// JSON → text loses none: each belongs to the header, a named condition or a rule (the one it is
// written in, ends a line of, or comes before), or else to the end. The printer writes them back on
// their own lines before what they belong to.
import type { IToken } from 'chevrotain';
import type { RuleSetComments, RuleSetDocument } from '../../schemas/rule-set.js';
import { splitName } from './names.js';
import * as T from './tokens.js';

/** `# text` → "text": the "#", one space after it and whitespace at the end of the line (a "\r" too) are layout, not kept. */
const textOf = (image: string) => image.slice(1).replace(/^ /, '').trimEnd();

/** The lines as the printer writes them, each ending its line. */
export const printComments = (lines: readonly string[] | undefined) => (lines ?? []).map((l) => (l === '' ? '#\n' : `# ${l}\n`)).join('');

type Owner = { kind: 'head' } | { kind: 'condition'; name: string } | { kind: 'rule'; index: number } | { kind: 'end' };

/**
 * The document with the comments of the text it was parsed from. `tokens` are the ones the grammar
 * read (no issues), `comments` the lexer's comment tokens.
 *
 * @example
 * withComments(doc, tokens, comments).rules[0].comments; // ['Every claim starts with a first follow-up deadline.']
 */
export function withComments(doc: RuleSetDocument, tokens: readonly IToken[], comments: readonly IToken[]): RuleSetDocument {
  if (comments.length === 0) return doc;
  // "condition" and "rule" start an item; they are keywords nowhere else.
  const starts: { offset: number; owner: Owner }[] = [];
  let rule = 0;
  tokens.forEach((t, i) => {
    if (t.tokenType === T.RuleKw) starts.push({ offset: t.startOffset, owner: { kind: 'rule', index: rule++ } });
    else if (t.tokenType === T.ConditionKw) starts.push({ offset: t.startOffset, owner: { kind: 'condition', name: splitName(tokens[i + 1]?.image ?? '').name } });
  });
  /** The item a token is part of: the last one started at or before it, else the header. */
  const ownerOf = (t: IToken): Owner => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]!.offset <= t.startOffset) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? { kind: 'head' } : starts[lo - 1]!.owner;
  };

  const head: string[] = [];
  const end: string[] = [];
  const named = new Map<string, string[]>();
  const rules = new Map<number, string[]>();
  let next = 0;
  for (const c of comments) {
    while (next < tokens.length && tokens[next]!.startOffset < c.startOffset) next++;
    const before = tokens[next - 1];
    const after = tokens[next];
    // A comment ending a line belongs with that line; one on its own line with what follows.
    const owner: Owner = before && before.endLine === c.startLine ? ownerOf(before) : after ? ownerOf(after) : { kind: 'end' };
    const text = textOf(c.image);
    if (owner.kind === 'head') head.push(text);
    else if (owner.kind === 'end') end.push(text);
    else if (owner.kind === 'rule') rules.set(owner.index, [...(rules.get(owner.index) ?? []), text]);
    else named.set(owner.name, [...(named.get(owner.name) ?? []), text]);
  }
  const kept: RuleSetComments = {};
  if (head.length > 0) kept.head = head;
  if (named.size > 0) kept.conditions = Object.fromEntries(named);
  if (end.length > 0) kept.end = end;
  return {
    ...doc,
    rules: doc.rules.map((r, i) => (rules.has(i) ? { comments: rules.get(i)!, ...r } : r)),
    ...(Object.keys(kept).length > 0 ? { comments: kept } : {}),
  };
}
