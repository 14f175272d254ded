// Formats rules-language source without changing what it says: the language ignores whitespace
// between tokens, so only indentation, spaces between tokens and blank lines change; comments and
// line breaks stay where they are. Top-level lines at column 1; `when` and `then` indented two
// spaces; a condition or parameters continued on further lines, four; one blank line before each
// rule and named condition (with the comments just above it).
const TOP = /^(decision|hit|description|rule|condition)\b/;
const CLAUSE = /^(when|then)\b/;
const BLOCK = /^(rule|condition)\b/;

/** Collapses runs of spaces between tokens; quoted text, `names` and comments are kept as written. */
function tidy(line: string): string {
  let out = '';
  for (let i = 0; i < line.length; ) {
    const c = line[i]!;
    if (c === '#') return (out.trimEnd() + (out.trim() ? ' ' : '') + line.slice(i).trimEnd()).trimStart();
    if (c === '"' || c === '`') {
      let j = i + 1;
      while (j < line.length && line[j] !== c) j += line[j] === '\\' ? 2 : 1;
      out += line.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === ' ' || c === '\t') {
      if (!out.endsWith(' ')) out += ' ';
      i++;
      continue;
    }
    out += c;
    i++;
  }
  return out.trim();
}

export function formatRules(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map(tidy);
  // Indentation by what a line starts; a comment takes the indentation of the next written line.
  let inBlock = false;
  const indent = lines.map((l): number => {
    if (l === '' || l.startsWith('#')) return -1;
    if (TOP.test(l)) {
      inBlock = BLOCK.test(l);
      return 0;
    }
    if (!inBlock) return 0;
    return CLAUSE.test(l) ? 2 : 4;
  });
  for (let i = lines.length - 1, next = 0; i >= 0; i--) {
    if (indent[i]! >= 0) next = indent[i]!;
    else if (lines[i] !== '') indent[i] = next === 4 ? 2 : next;
  }
  /** The first line after a run of comments starting at i. */
  const afterComments = (i: number) => {
    while (lines[i]?.startsWith('#')) i++;
    return lines[i] ?? '';
  };
  const out: string[] = [];
  lines.forEach((l, i) => {
    if (l === '') {
      if (out.length > 0 && out.at(-1) !== '') out.push('');
      return;
    }
    // A blank line before a rule or named condition, above the comments written right over it.
    const last = out.at(-1);
    if (BLOCK.test(afterComments(i)) && last !== undefined && last !== '' && !last.trimStart().startsWith('#')) out.push('');
    out.push(' '.repeat(Math.max(indent[i]!, 0)) + l);
  });
  while (out.at(-1) === '') out.pop();
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}
