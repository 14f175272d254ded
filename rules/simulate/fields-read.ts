// Which fields of a fact a rule set reads (conditions, named conditions, fact references).
import type { Condition, RuleSetDocument } from '../../schemas/rule-set.js';

export function fieldsRead(doc: RuleSetDocument, fact: string): Set<string> {
  const out = new Set<string>();
  const visit = (c: Condition): void => {
    if ('all' in c) c.all.forEach(visit);
    else if ('any' in c) c.any.forEach(visit);
    else if ('not' in c) visit(c.not);
    else if ('fact' in c) {
      if (c.fact === fact && c.path) out.add(c.path.split('.')[1]!);
      const v = c.value;
      if (v && typeof v === 'object' && !Array.isArray(v) && v.fact === fact && v.path) out.add(v.path.split('.')[1]!);
    }
  };
  doc.rules.forEach((r) => visit(r.conditions));
  Object.values(doc.conditions ?? {}).forEach(visit);
  return out;
}
