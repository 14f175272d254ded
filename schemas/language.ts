// The languages the product writes texts for people in: contract labels, rule-set problems and
// explanation sentences. Codes, pointers and error codes never change with them.
export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];
