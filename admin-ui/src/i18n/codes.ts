// Codes the API sends, in the reader's words: a customer's status, a history entry's kind, a
// deadline's name, a sign-in method, an event type. One map per kind of code in the i18n files; a
// code its map does not know (a deadline a custom rule names, a kind added later) is shown as sent,
// or, for a reason, in the words the server's own texts use (schemas/reason-words: how a rep was
// picked, reasons the server stored in English).
import { useTranslation } from 'react-i18next';
import { reasonWords } from '../../../schemas/reason-words.js';
import { shippedRuleText } from '../../../schemas/shipped-rule-words.js';
import { contentLanguage } from './language.js';

/** Where each map is. */
const MAPS = { trigger: ['codes', 'trigger'], reason: ['codes', 'reason'], status: ['codes', 'status'], history: ['codes', 'history'], deadline: ['codes', 'deadline'], signIn: ['codes', 'signIn'], event: ['codes', 'event'] } as const;
export type CodeKind = keyof typeof MAPS;

export function useCodeText() {
  const { t } = useTranslation();
  return (kind: CodeKind, code: string): string => {
    // The map as an object, the code looked up in it: a code is never read as a key path or a
    // template (a typed reason may hold "." or "{{…}}"), and one naming a whole branch is no label.
    const map: unknown = t(MAPS[kind].join('.') as 'codes.status', { returnObjects: true });
    // An event type ("deadline.warning") is a path in its map; a code found whole comes first.
    const at = (node: unknown, key: string): unknown => (node && typeof node === 'object' && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined);
    const whole = at(map, code);
    const text = whole !== undefined ? whole : code.split('.').reduce<unknown>(at, map);
    if (typeof text === 'string') return text;
    return kind === 'reason' ? reasonWords(code, contentLanguage()) : code;
  };
}

/** A rule's name or reason as the API sends it: a shipped rule set's in the reader's words (schemas/shipped-rule-words), an admin's as written. */
export const ruleText = (text: string): string => shippedRuleText(text, contentLanguage());
