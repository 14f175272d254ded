// Codes the API sends, in the reader's words: a customer's status, a history entry's kind, a
// deadline's name, a sign-in method, an event type. One map per kind of code in the i18n files; a
// code its map does not know (a deadline a custom rule names, a kind added later) is shown as sent.
import { useTranslation } from 'react-i18next';

/** Where each map is (event types share the notifications' labels). */
const MAPS = { trigger: ['codes', 'trigger'], reason: ['codes', 'reason'], status: ['codes', 'status'], history: ['codes', 'history'], deadline: ['codes', 'deadline'], signIn: ['codes', 'signIn'], event: ['notifications', 'kinds'] } as const;
export type CodeKind = keyof typeof MAPS;

export function useCodeText() {
  const { t } = useTranslation();
  return (kind: CodeKind, code: string): string => {
    const text: unknown = t([...MAPS[kind], code].join('.') as 'codes.status.owned', { defaultValue: code, returnObjects: true });
    // A code that names a whole branch of the map (e.g. "deadline" among the events) is no label.
    return typeof text === 'string' ? text : code;
  };
}
