// Text Postgres can store: no NUL, and well-formed UTF-16 (a lone surrogate becomes U+FFFD). For text
// the product takes from elsewhere and keeps whatever it holds (an import's cells, an identity
// provider's answer); text a person sends the API is refused instead (http/unstorable-text.middleware.ts).
export const storableText = (s: string): string => s.replaceAll('\u0000', '').toWellFormed();
