// Which of the API's two content languages fits the UI's language: any Chinese reads Chinese.
import i18n from 'i18next';

export type ContentLanguage = 'en' | 'zh';

export const contentLanguage = (lng: string | undefined = i18n.resolvedLanguage ?? i18n.language): ContentLanguage =>
  lng?.toLowerCase().startsWith('zh') ? 'zh' : 'en';

/** The text of a contract label or description in the UI's language. */
export const inLanguage = (text: { en: string; zh: string }, lng?: string) => text[contentLanguage(lng)];
