// The similarity key of a company name (near-duplicates, issue 14 §3): what pg_trgm compares.
// Hanzi become pinyin (brand syllables joined: 艾克美 → aikemei) or, for common trade words, the
// English word (贸易 → trading), so the Chinese and the English name of one company meet; legal
// forms and stop words go wherever they stand; place words (深圳市, Shenzhen, HK) are taken out
// into `places`, so "Shenzhen Acme Trading Co., Ltd." and "Acme Trading (Shenzhen) Limited" have
// the same key. Everything is plain ASCII where it can be, which pg_trgm treats alike in every
// database locale. The exact-duplicate identity stays identity.ts's normalizeCompanyName.
import { pinyin } from 'pinyin-pro';
import { CJK_PLACES, CJK_TRADE_WORDS, ENGLISH_CANONICAL, LATIN_PLACES, TRADITIONAL_TO_SIMPLIFIED } from './name-key.words.js';

export interface NameKey {
  /**
   * The distinctive words (the brand: not trade words, places or legal forms), distinct, sorted and
   * space-separated, plus those words written together; what similarity() compares and the index finds.
   * A name of trade words only ("Guangzhou Machinery Co.") is keyed by them.
   */
  key: string;
  /** Distinct trade words (trading, electronics, …), sorted, space-separated ('' for none). */
  trades: string;
  /** Distinct place tokens, sorted, space-separated ('' for none). */
  places: string;
  /**
   * The brand in hanzi (simplified), '' for names without: two Chinese names with different hanzi
   * are different companies even where the pinyin is the same (恒信 and 恒鑫 are both hengxin).
   */
  hanzi: string;
}

const LEGAL_TOKENS = new Set([
  'ltd', 'limited', 'co', 'company', 'corp', 'corporation', 'inc', 'incorporated', 'llc', 'llp',
  'lp', 'plc', 'pty', 'pte', 'pvt', 'private', 'gmbh', 'mbh', 'ag', 'kg', 'ohg', 'ug', 'sa',
  'sas', 'sarl', 'srl', 'spa', 'sl', 'sau', 'bv', 'nv', 'oy', 'oyj', 'ab', 'asa', 'aps',
  'kk', 'kft', 'zrt', 'sp', 'zoo', 'sro', 'doo', 'ooo', 'jsc', 'pjsc', 'tbk', 'bhd', 'sdn', 'ltda',
  'cia', 'sac', 'eirl', 'cv', 'rl', 'ltee', 'and', 'the', 'of', 'de', 'da', 'do', 'del', 'la', 'le', 'et', 'und', 'y', 'e',
]);

/** CJK legal forms and filler, removed wherever they stand (longest first). */
const CJK_LEGAL = ['股份有限公司', '有限责任公司', '有限責任公司', '有限公司', '分公司', '株式会社', '合同会社', '有限会社', '公司', '股份'];
/** A place word may carry an administrative suffix: 深圳市, 广东省, 宝安区. */
const PLACE_SUFFIXES = ['市', '省', '区', '县', '镇'];

const CJK_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/gu;
const CJK_PLACES_LONGEST = [...CJK_PLACES.keys()].sort((a, b) => b.length - a.length);
const CJK_WORDS_LONGEST = [...CJK_TRADE_WORDS.keys()].sort((a, b) => b.length - a.length);

/** Plurals and simple endings folded so "electronics" meets "electronic". */
function stem(token: string): string {
  if (token.length > 4 && token.endsWith('ies')) return `${token.slice(0, -3)}y`;
  if (token.length > 4 && token.endsWith('s') && !token.endsWith('ss')) return token.slice(0, -1);
  return token;
}

/** The trade words (every word the hanzi and the English spellings fold to), stemmed. */
const TRADE_STEMS = new Set([...CJK_TRADE_WORDS.values(), ...ENGLISH_CANONICAL.values()].flatMap((w) => w.split(' ')).map(stem));

function cjkTokens(run: string, tokens: string[], places: string[], hanzi: string[]) {
  let text = run;
  for (const legal of CJK_LEGAL) text = text.split(legal).join(' ');
  for (const part of text.split(' ').filter(Boolean)) {
    let brand = '';
    const flush = () => {
      if (brand) {
        tokens.push(pinyin(brand, { toneType: 'none', type: 'array', v: true }).join(''));
        hanzi.push(brand);
      }
      brand = '';
    };
    for (let i = 0; i < part.length; ) {
      const place = CJK_PLACES_LONGEST.find((p) => part.startsWith(p, i));
      if (place) {
        flush();
        places.push(CJK_PLACES.get(place)!);
        i += place.length;
        if (PLACE_SUFFIXES.includes(part[i] ?? '')) i++;
        continue;
      }
      const word = CJK_WORDS_LONGEST.find((w) => part.startsWith(w, i));
      if (word) {
        flush();
        tokens.push(...CJK_TRADE_WORDS.get(word)!.split(' '));
        i += word.length;
        continue;
      }
      brand += part[i];
      i++;
    }
    flush();
  }
}

function latinTokens(run: string, tokens: string[], places: string[]) {
  // German umlauts as Germans write them without: Müller is Mueller (Möller stays apart).
  const text = run
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/&/g, ' and ')
    .replace(/\b(\p{L})\.(?=\p{L}\.)/gu, '$1') // S.A. → SA.
    .replace(/[.'’]/g, '');
  const words = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const two = i + 1 < words.length ? `${w} ${words[i + 1]}` : '';
    if (two && LATIN_PLACES.has(two)) {
      places.push(LATIN_PLACES.get(two)!);
      i++;
      continue;
    }
    if (LATIN_PLACES.has(w)) {
      places.push(LATIN_PLACES.get(w)!);
      continue;
    }
    if (LEGAL_TOKENS.has(w)) continue;
    tokens.push(...(ENGLISH_CANONICAL.get(w) ?? w).split(' '));
  }
}

export function nameKey(companyName: string): NameKey {
  const text = [...companyName.normalize('NFKC').toLowerCase()].map((ch) => TRADITIONAL_TO_SIMPLIFIED.get(ch) ?? ch).join('');
  const tokens: string[] = [];
  const places: string[] = [];
  const hanzi: string[] = [];
  let last = 0;
  for (const m of text.matchAll(CJK_RUN)) {
    latinTokens(text.slice(last, m.index), tokens, places);
    cjkTokens(m[0], tokens, places, hanzi);
    last = m.index + m[0].length;
  }
  latinTokens(text.slice(last), tokens, places);
  const distinct = (xs: string[]) => [...new Set(xs)].sort().join(' ');
  const placeKey = distinct(places);
  const stems = tokens.map(stem);
  const brand = stems.filter((t) => !TRADE_STEMS.has(t));
  const trades = distinct(stems.filter((t) => TRADE_STEMS.has(t)));
  // "Green Leaf" and "Greenleaf" meet through the words written together, in their order.
  const key = distinct(brand.length > 1 ? [...brand, brand.join('')] : brand);
  // A name that is nothing but trade words or a place ("Shenzhen Co., Ltd.") is compared by those.
  return { key: key || trades || placeKey || text.trim(), trades, places: placeKey, hanzi: distinct(hanzi) };
}
