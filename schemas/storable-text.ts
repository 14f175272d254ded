// PostgreSQL text and jsonb cannot hold U+0000 or a lone UTF-16 surrogate. What finds such text (a
// request's body, the rules language's string escapes, a rule-set document) says so with these
// words, under the issue codes text_nul and text_surrogate, whichever layer found it.
import type { Language } from './language.js';

export type TextFault = 'nul' | 'surrogate';

/** Why PostgreSQL could not store this string, or null when it can. */
export function textFault(s: string): TextFault | null {
  if (s.includes('\u0000')) return 'nul';
  if (!s.isWellFormed()) return 'surrogate';
  return null;
}

/**
 * The text with what PostgreSQL cannot store taken out: NUL removed, a lone surrogate made U+FFFD.
 * For text the product takes from elsewhere and keeps whatever it holds (an import's cells, an
 * identity provider's answer); text a person sends the API is refused instead.
 */
export const storableText = (s: string): string => s.replaceAll('\u0000', '').toWellFormed();

/** The issue code of each fault, the same in every layer. */
export const TEXT_FAULT_CODES = { nul: 'text_nul', surrogate: 'text_surrogate' } as const satisfies Record<TextFault, string>;

type Say = (p: { key?: unknown }) => string;

/** The words of each fault's code, [English, Chinese]; `key` when the text is an object's key. */
export const TEXT_FAULT_WORDS = {
  text_nul: [(p) => `${p.key ? 'the key ' : ''}contains a NUL character (U+0000)`, (p) => `${p.key ? '键' : ''}含有 NUL 字符（U+0000），无法保存`],
  text_surrogate: [
    (p) => `${p.key ? 'the key ' : ''}is not well-formed Unicode (a lone UTF-16 surrogate such as \\ud800)`,
    (p) => `${p.key ? '键' : ''}不是格式正确的 Unicode（含有孤立的 UTF-16 代理项，如 \\ud800），无法保存`,
  ],
} satisfies Record<(typeof TEXT_FAULT_CODES)[TextFault], [Say, Say]>;

/** A fault's words in `language`. */
export const textFaultWords = (fault: TextFault, language: Language, key = false): string => TEXT_FAULT_WORDS[TEXT_FAULT_CODES[fault]][language === 'zh' ? 1 : 0]({ key });
