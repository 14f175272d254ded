// The one-line summary of a refused rule set (an API error's message), in the caller's language; the
// issues themselves follow it in the error's details.
import type { Language } from '../../schemas/language.js';

interface Located {
  pointer: string;
  /** Already in the caller's language. */
  message: string;
  line?: number | undefined;
  column?: number | undefined;
}

/** "The rule set has 2 problems; first: line 5, column 7: …" / "规则集有 2 处问题；第一处在第 5 行第 7 列：…". */
export function problemsSummary(issues: readonly Located[], language: Language): string {
  const first = issues[0]!;
  const count = issues.length;
  if (language === 'zh') {
    const where = first.line === undefined ? first.pointer || '(document)' : `第 ${first.line} 行第 ${first.column} 列`;
    return `规则集有 ${count} 处问题；第一处在${first.line === undefined ? ` ${where}` : where}：${first.message}`;
  }
  const where = first.line === undefined ? first.pointer || '(document)' : `line ${first.line}, column ${first.column}:`;
  return `The rule set has ${count} problem${count > 1 ? 's' : ''}; first: ${where} ${first.message}`;
}
