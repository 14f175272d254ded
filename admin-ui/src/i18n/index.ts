// i18next with English and Simplified Chinese: the browser's language first, then the user's choice
// (kept in localStorage). React escapes every value, so interpolation needs no escaping of its own.
import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { singleStops } from '../../../schemas/single-stops.js';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

export const LANGUAGES = [
  { code: 'zh-CN', label: '简体中文' },
  { code: 'en', label: 'English' },
] as const;

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  // A value ending in "." (a company "Acme Ltd.", a typed reason) before the text's own stop: one stop.
  .use({ type: 'postProcessor', name: 'singleStops', process: (value: string) => singleStops(value) })
  .init({
    postProcess: ['singleStops'],
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    supportedLngs: ['en', 'zh-CN'],
    fallbackLng: 'en',
    load: 'currentOnly',
    interpolation: { escapeValue: false },
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: 'highseas.language',
      caches: ['localStorage'],
      // "zh", "zh-Hans", "zh-TW" … read as Simplified Chinese; every "en-*" as English.
      convertDetectedLanguage: (lng: string) => (lng.toLowerCase().startsWith('zh') ? 'zh-CN' : lng.toLowerCase().startsWith('en') ? 'en' : lng),
    },
  });

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});
document.documentElement.lang = i18n.resolvedLanguage ?? 'en';

