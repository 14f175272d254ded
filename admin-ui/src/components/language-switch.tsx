// Switches the UI language (zh-CN ↔ en); the choice is remembered in this browser.
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/index.js';
import { Field } from './field.js';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Field label={t('app.language')}>
      {(id) => (
        <select id={id} data-testid="language" value={i18n.resolvedLanguage} onChange={(e) => void i18n.changeLanguage(e.target.value)}>
          {LANGUAGES.map((l) => (
            <option key={l.code} value={l.code} lang={l.code}>
              {l.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
