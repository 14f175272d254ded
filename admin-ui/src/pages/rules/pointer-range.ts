// Maps a JSON pointer from the server's validator to the text it names, with jsonc-parser (which
// keeps offsets). A pointer to something missing falls back to the nearest part that exists.
import { findNodeAtLocation, type Node, parseTree, type Segment } from 'jsonc-parser';

export interface TextRange {
  offset: number;
  length: number;
}

export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The range to mark for `pointer` in `text`, or null when the text is not JSON at all. */
export function pointerRange(text: string, pointer: string): TextRange | null {
  const root = parseTree(text);
  if (!root) return null;
  let node: Node = root;
  const path: Segment[] = [];
  for (const raw of pointerSegments(pointer)) {
    const segment: Segment = node.type === 'array' && /^\d+$/.test(raw) ? Number(raw) : raw;
    const next = findNodeAtLocation(root, [...path, segment]);
    if (!next) return nearest(node);
    path.push(segment);
    node = next;
  }
  return target(node);
}

/** The pointed-to value: a scalar with its key, a multi-line object or array by its key alone. */
function target(node: Node): TextRange {
  const property = node.parent?.type === 'property' ? node.parent : null;
  const key = property?.children?.[0];
  if (property && key) {
    return node.type === 'object' || node.type === 'array' ? { offset: key.offset, length: key.length } : { offset: property.offset, length: property.length };
  }
  return node.type === 'object' || node.type === 'array' ? { offset: node.offset, length: 1 } : { offset: node.offset, length: node.length };
}

/** Something inside `node` is missing: mark where it should be (its key, or its opening bracket). */
function nearest(node: Node): TextRange {
  const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
  return key ? { offset: key.offset, length: key.length } : { offset: node.offset, length: 1 };
}
