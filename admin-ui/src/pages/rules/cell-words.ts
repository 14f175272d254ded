// The words a decision table shows for a cell's value: a status, stage, role or trigger by the
// contract's words for it, a reclaim's deadline name and reason by the words the server's own texts
// use (schemas/reason-words: paramValueWords), true and false as yes and no, null (a field not known) as unknown. The cell keeps the code, which is what
// the document holds and what a cell is edited as; a value without words is shown as written.
import type { FieldSpec } from '../../../../schemas/decisions/contract.js';
import type { Language } from '../../../../schemas/language.js';
import { paramValueWords } from '../../../../schemas/reason-words.js';

/** The words for one value, or undefined where there are none. */
export type ValueWords = (value: string) => string | undefined;

const known = (word: string, value: string) => (word === value ? undefined : word);

/** Words for the values a condition column tests. */
export function conditionWords(field: FieldSpec | undefined, language: Language): ValueWords {
  const values = field?.values;
  return (value) => (values && Object.hasOwn(values, value) ? values[value]![language] : undefined);
}

/** Words for the values of an event's param (a deadline's name, a reason, a strategy …). */
export function paramWords(param: string, language: Language): ValueWords {
  return (value) => known(paramValueWords(param, value, language), value);
}

/** A cell's value as the table shows it: each scalar in words where it has some. */
export function cellText(value: unknown, words: ValueWords, yesNo: { yes: string; no: string; unknown: string }): string {
  const one = (v: unknown): string =>
    typeof v === 'boolean' ? (v ? yesNo.yes : yesNo.no) : typeof v === 'string' ? (words(v) ?? v) : v === null ? yesNo.unknown : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return Array.isArray(value) ? value.map(one).join(', ') : one(value);
}
