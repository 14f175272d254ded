// A fired rule's params (grade B, reason …) in the reader's words: each param by the label the
// decisions' contracts give it (等级, 原因 …), a shipped rule's reason in the reader's language,
// other values as sent. A param no contract names is shown by its name.
import type { contracts as Contracts } from '../../../schemas/decisions/index.js';
import { shippedRuleText } from '../../../schemas/shipped-rule-words.js';
import type { ContentLanguage } from '../i18n/language.js';

let contracts: typeof Contracts = {} as typeof Contracts;
/**
 * The contracts are loaded apart, after the app started: they build zod schemas, which must wait for
 * the UI's zod configuration (zod-config.ts; built before it, zod probes eval and the
 * Content-Security-Policy reports it). Their labels are needed only once a rule's test case fails.
 */
export const labelsLoaded = import('../../../schemas/decisions/index.js').then((m) => {
  contracts = m.contracts;
});

const label = (param: string, language: ContentLanguage): string => {
  for (const contract of Object.values(contracts))
    for (const event of Object.values(contract.events)) {
      const p = Object.hasOwn(event.paramLabels, param) ? event.paramLabels[param] : undefined;
      if (p) return p.label[language];
    }
  return param;
};

const value = (param: string, v: unknown, language: ContentLanguage): string =>
  typeof v !== 'string' ? JSON.stringify(v) : param === 'reason' ? shippedRuleText(v, language) : v;

/** " (grade B, reason …)" in English, "（等级 B，原因 …）" in Chinese; "" for no params. */
export function paramsText(params: Record<string, unknown> | undefined, language: ContentLanguage): string {
  if (!params || Object.keys(params).length === 0) return '';
  const parts = Object.entries(params).map(([k, v]) => `${label(k, language)} ${value(k, v, language)}`);
  return language === 'zh' ? `（${parts.join('，')}）` : ` (${parts.join(', ')})`;
}
