// What a rep entered at a stage (inquiry: products, quantity, target price; costing: factory, unit
// cost; a sample: made or sent, tracking number; won: the order value), told in the history in the
// reader's language: the labels are the server's words, the values as typed.
import type { Language } from '../../schemas/language.js';

/** The stage details each history kind tells, with their labels [en, zh]. */
const FIELDS: Record<string, [string, string]> = {
  products: ['products', '产品'],
  quantity: ['quantity', '数量'],
  targetPrice: ['target price', '目标价'],
  factory: ['factory', '工厂'],
  unitCost: ['unit cost', '单位成本'],
  trackingNumber: ['tracking number', '运单号'],
  orderValueUsd: ['order value', '订单金额'],
};

/** The details a stage event stored that the history shows (nothing else it kept, e.g. the sample's kind, which is the entry's kind). */
export function stageDetails(details: Record<string, unknown> | null | undefined): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const key of [...Object.keys(FIELDS), 'currency']) {
    const v = details?.[key];
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    shown[key] = v;
  }
  return shown;
}

function valueText(key: string, details: Record<string, unknown>, language: Language): string {
  const v = details[key];
  if (Array.isArray(v)) return v.map(String).join(language === 'zh' ? '、' : ', ');
  if (key === 'unitCost') return typeof details.currency === 'string' ? `${details.currency} ${String(v)}` : String(v);
  if (key === 'orderValueUsd' && typeof v === 'number') return `USD ${v.toLocaleString('en-US')}`;
  return String(v);
}

/**
 * The stage details as a line in `language`, or null when there are none.
 *
 * @example
 * stageDetailsText({ products: ['LED panel'], quantity: '2 x 40HQ' }, 'zh'); // '产品：LED panel；数量：2 x 40HQ'
 */
export function stageDetailsText(details: Record<string, unknown> | null | undefined, language: Language): string | null {
  const shown = stageDetails(details);
  const parts = Object.keys(FIELDS)
    .filter((key) => key in shown)
    .map((key) => {
      const [en, zh] = FIELDS[key]!;
      return language === 'zh' ? `${zh}：${valueText(key, shown, language)}` : `${en}: ${valueText(key, shown, language)}`;
    });
  if (parts.length === 0) return null;
  const line = parts.join(language === 'zh' ? '；' : '; ');
  return language === 'zh' ? line : line.charAt(0).toUpperCase() + line.slice(1);
}

/** The history's note for a stage entry: what was entered, then what was typed as the note. */
export function stageNote(details: Record<string, unknown> | null | undefined, note: string | null, language: Language): string | null {
  const told = stageDetailsText(details, language);
  if (told === null) return note;
  return note ? `${told} — ${note}` : told;
}
