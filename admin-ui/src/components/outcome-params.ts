// A fired rule's params (grade B, reason …) in the reader's words: each param by the label the
// decisions' contracts give it (等级, 原因 …), a coded value (a reason, a deadline's name, a
// strategy …) in the reader's words (schemas/reason-words), other values as sent. A param no
// contract names is shown by its name.
import type { contracts as Contracts } from '../../../schemas/decisions/index.js';
import type { operatorLabels as OperatorLabels } from '../../../schemas/decisions/contract.js';
import { paramValueWords } from '../../../schemas/reason-words.js';
import type { ContentLanguage } from '../i18n/language.js';

let contracts: typeof Contracts = {} as typeof Contracts;
let operators: typeof OperatorLabels | null = null;
/**
 * The contracts are loaded apart, after the app started: they build zod schemas, which must wait for
 * the UI's zod configuration (zod-config.ts; built before it, zod probes eval and the
 * Content-Security-Policy reports it). Their labels are needed only once a rule's test case fails.
 */
export const labelsLoaded = Promise.all([import('../../../schemas/decisions/index.js'), import('../../../schemas/decisions/contract.js')]).then(([m, c]) => {
  contracts = m.contracts;
  operators = c.operatorLabels;
});

/** A fact's field as the reader reads it ("客户 等级", "customer grade"); one no contract names as written ("customer $.x"). */
export function factFieldText(decision: string, fact: string, path: string | null, language: ContentLanguage): string {
  const spec = Object.hasOwn(contracts, decision) ? contracts[decision as keyof typeof Contracts].facts[fact] : undefined;
  const field = path?.startsWith('$.') ? path.slice(2) : null;
  const f = spec && field !== null && Object.hasOwn(spec.fields, field) ? spec.fields[field] : undefined;
  if (!spec || (path !== null && !f)) return `${fact}${path ? ` ${path}` : ''}`;
  return f ? `${spec.label[language]} ${f.label[language]}` : spec.label[language];
}

/** A compared value, with its words where the field's contract gives them ("won" → "won"（已成交）). */
export function factValueText(decision: string, fact: string, path: string | null, v: unknown, language: ContentLanguage): string {
  const shown = v === undefined ? '—' : JSON.stringify(v);
  const field = path?.startsWith('$.') ? path.slice(2) : null;
  const spec = Object.hasOwn(contracts, decision) ? contracts[decision as keyof typeof Contracts].facts[fact] : undefined;
  const words = typeof v === 'string' && spec && field !== null && Object.hasOwn(spec.fields, field) ? spec.fields[field]?.values?.[v]?.[language] : undefined;
  return words && words !== v ? (language === 'zh' ? `${shown}（${words}）` : `${shown} (${words})`) : shown;
}

/** An operator in words ("等于", "at least"); before the labels load, its code. */
export const operatorText = (operator: string, language: ContentLanguage): string =>
  operators && Object.hasOwn(operators, operator) ? operators[operator as keyof typeof OperatorLabels][language] : operator;

const label = (param: string, language: ContentLanguage): string => {
  for (const contract of Object.values(contracts))
    for (const event of Object.values(contract.events)) {
      const p = Object.hasOwn(event.paramLabels, param) ? event.paramLabels[param] : undefined;
      if (p) return p.label[language];
    }
  return param;
};

const value = (param: string, v: unknown, language: ContentLanguage): string =>
  typeof v !== 'string' ? JSON.stringify(v) : paramValueWords(param, v, language);

/** " (grade B, reason …)" in English, "（等级 B，原因 …）" in Chinese; "" for no params. */
export function paramsText(params: Record<string, unknown> | undefined, language: ContentLanguage): string {
  if (!params || Object.keys(params).length === 0) return '';
  const parts = Object.entries(params).map(([k, v]) => `${label(k, language)} ${value(k, v, language)}`);
  return language === 'zh' ? `（${parts.join('，')}）` : ` (${parts.join(', ')})`;
}
