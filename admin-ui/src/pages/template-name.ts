// A document template by name as the reader's language says it: a built-in template's name is the
// product's (stored in the template's own language, e.g. "报价单（内置，中文）"), told again here;
// an uploaded one's is what its admin named it.
import { useTranslation } from 'react-i18next';

const BUILT_IN = /^builtin-(quotation|proforma_invoice)-(en|zh)$/;

export function useTemplateName() {
  const { t } = useTranslation();
  return (tpl: { id: string; name: string }): string => {
    const m = BUILT_IN.exec(tpl.id);
    if (!m) return tpl.name;
    const kind = t(`documents.kinds.${m[1]}` as 'documents.kinds.quotation');
    const language = t(`documents.languages.${m[2]}` as 'documents.languages.en');
    return t('documents.builtInName', { kind, language });
  };
}
