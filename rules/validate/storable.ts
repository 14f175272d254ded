// Text PostgreSQL cannot store (U+0000, a lone UTF-16 surrogate) anywhere in a document: every
// string and key, at any depth, refused at its pointer before the document is checked further.
// A JSON request body carrying such text is refused by the HTTP layer already; this catches what
// reaches a document some other way (the rules language's string escapes, a stored document).
import { TEXT_FAULT_CODES, textFault } from '../../schemas/storable-text.js';
import type { Issues } from './issues.js';

/** A place in the document: its key and the place that holds it (paths are built only for faults). */
interface Place {
  key: string;
  parent: Place | null;
}

function pathOf(place: Place | null): string[] {
  const path: string[] = [];
  for (let p = place; p; p = p.parent) path.push(p.key);
  return path.reverse();
}

/**
 * Adds an issue for each string and key of `input` that cannot be stored; true when it found one.
 * Walked without recursion, each object once (a document may contain itself).
 */
export function checkStorableText(input: unknown, issues: Issues): boolean {
  let found = false;
  const seen = new WeakSet<object>();
  const stack: [unknown, Place | null][] = [[input, null]];
  while (stack.length > 0 && !issues.full) {
    const [node, place] = stack.pop()!;
    if (typeof node === 'string') {
      const fault = textFault(node);
      if (fault) {
        issues.add(pathOf(place), TEXT_FAULT_CODES[fault], false);
        found = true;
      }
      continue;
    }
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    // A list's indexes come as keys too ("0", "1"): the same in a pointer, and holes are skipped.
    const entries = Object.entries(node);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      const fault = textFault(key);
      if (fault) {
        issues.add(pathOf({ key, parent: place }), TEXT_FAULT_CODES[fault], true);
        found = true;
      } else {
        stack.push([child, { key, parent: place }]);
      }
    }
  }
  return found;
}
