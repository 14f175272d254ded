// The comment lines a document keeps for the rules language (schemas/rule-set.ts, CommentLines): on
// a rule, and on the rule set (its head, each named condition by name, its end).
import { CommentLines } from '../../schemas/rule-set.js';
import { FORBIDDEN_KEYS, type Issues, isPlainObject } from './issues.js';

type Path = (string | number)[];
const KEYS = ['head', 'conditions', 'end'];

/** A list of one-line texts. */
export function checkCommentLines(value: unknown, path: Path, issues: Issues): void {
  if (!CommentLines.safeParse(value).success) issues.add(path, 'rules.comments-invalid');
}

/** The rule set's own comments; those of a named condition need the condition. */
export function checkDocumentComments(document: Record<string, unknown>, issues: Issues): void {
  const comments = document.comments;
  const path = ['comments'];
  if (!isPlainObject(comments)) {
    issues.add(path, 'rules.comments-invalid');
    return;
  }
  for (const key of Object.keys(comments)) {
    if (FORBIDDEN_KEYS.has(key)) issues.add([...path, key], 'rules.forbidden-key', key);
    else if (!KEYS.includes(key)) issues.add([...path, key], 'rules.unknown-key', key, KEYS);
  }
  for (const key of ['head', 'end']) if (key in comments) checkCommentLines(comments[key], [...path, key], issues);
  if (!('conditions' in comments)) return;
  const byName = comments.conditions;
  if (!isPlainObject(byName)) {
    issues.add([...path, 'conditions'], 'rules.comments-invalid');
    return;
  }
  const named = isPlainObject(document.conditions) ? document.conditions : {};
  for (const [name, lines] of Object.entries(byName)) {
    if (FORBIDDEN_KEYS.has(name)) issues.add([...path, 'conditions', name], 'rules.forbidden-key', name);
    else if (!Object.hasOwn(named, name)) issues.add([...path, 'conditions', name], 'rules.comments-unknown-condition', name);
    else checkCommentLines(lines, [...path, 'conditions', name], issues);
  }
}
