// A country as people write it: the ISO 3166-1 alpha-2 code in any case ("de"), or its name in
// English or Chinese ("Germany", "德国"). The API stores and returns the code. One reading for every
// place a country comes in: a new or edited customer, a spreadsheet cell, a pool filter, a
// simulation's scope.
import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import { isSupportedCountry } from 'libphonenumber-js';

const require = createRequire(import.meta.url);
countries.registerLocale(require('i18n-iso-countries/langs/en.json'));
countries.registerLocale(require('i18n-iso-countries/langs/zh.json'));

/** Names repeat (an upload's rows, a filter): each distinct one is looked up once (bounded). */
const looked = new Map<string, string | null>();

/** "DE", "de", "Germany", "德国" → "DE"; null when it names no country a phone number can belong to. */
export function countryCodeOf(value: string): string | null {
  const v = value.trim();
  if (/^[A-Za-z]{2}$/.test(v)) return isSupportedCountry(v.toUpperCase()) ? v.toUpperCase() : null;
  let code = looked.get(v);
  if (code === undefined) {
    const found = countries.getAlpha2Code(v, 'en') ?? countries.getAlpha2Code(v, 'zh');
    code = found && isSupportedCountry(found) ? found : null;
    if (looked.size >= 10_000) looked.clear();
    looked.set(v, code);
  }
  return code;
}
