// Dedup identities (R8): the normalised e-mail, phone, website domain and company name of a customer.
// Two customers sharing any one identity are the same customer.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { getDomain } from 'tldts';
import type { RequestIssue } from '../request-issues.js';

export type IdentityKind = 'email' | 'phone' | 'domain' | 'name';
export interface Identity {
  kind: IdentityKind;
  value: string;
}

/**
 * Legal-form words (only legal forms: "Trading" or "Group" can tell two real companies apart) folded away from the end of a company name, matched as whole tokens after
 * lower-casing. "Acme Co., Ltd." and "ACME LTD" both become "acme".
 */
const LEGAL_SUFFIX_TOKENS = new Set([
  'ltd', 'limited', 'co', 'company', 'corp', 'corporation', 'inc', 'incorporated', 'llc', 'llp',
  'lp', 'plc', 'pty', 'pte', 'pvt', 'private', 'gmbh', 'mbh', 'ag', 'kg', 'ohg', 'ug', 'eg', 'sa',
  'sas', 'sarl', 'srl', 'spa', 'sl', 'sau', 'bv', 'nv', 'oy', 'oyj', 'ab', 'as', 'asa', 'aps',
  'kk', 'kft', 'zrt', 'sp', 'zoo', 'sro', 'doo', 'ooo', 'jsc', 'pjsc', 'tbk', 'bhd', 'sdn', 'ltda',
  'cia', 'sac', 'eirl', 'cv', 'de', 'rl', 'ltée', 'ltee',
]);

/** CJK legal forms folded from the end, longest first. */
const CJK_SUFFIXES = [
  '股份有限公司', '有限责任公司', '有限責任公司', '集团有限公司', '集團有限公司', '有限公司',
  '株式会社', '合同会社', '有限会社', '公司',
];

/** Same as CJK_SUFFIXES but at the front ("株式会社トヨタ"). */
const CJK_PREFIXES = ['株式会社', '有限会社', '合同会社'];

export function normalizeEmail(email: string): string | null {
  const trimmed = email.normalize('NFKC').trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) return null;
  return trimmed;
}

/** E.164 when the number parses (using the customer's country for national formats), else null. */
export function normalizePhone(phone: string, country?: string | null): string | null {
  const parsed = parsePhoneNumberFromString(
    phone.normalize('NFKC'),
    (country ?? undefined) as CountryCode | undefined,
  );
  if (!parsed || !parsed.isPossible()) return null;
  return parsed.number;
}

/** The registrable domain ("shop.acme.co.uk/path" → "acme.co.uk"), else null. */
export function normalizeDomain(website: string): string | null {
  const domain = getDomain(website.normalize('NFKC').trim().toLowerCase(), { allowPrivateDomains: true });
  return domain || null;
}

export function normalizeCompanyName(name: string): string {
  let text = name.normalize('NFKC').toLowerCase().trim();
  // Fold CJK legal forms first; they are not separated by spaces.
  let changed = true;
  while (changed) {
    changed = false;
    for (const suffix of CJK_SUFFIXES) {
      if (text.endsWith(suffix) && text.length > suffix.length) {
        text = text.slice(0, -suffix.length).trim();
        changed = true;
      }
    }
    for (const prefix of CJK_PREFIXES) {
      if (text.startsWith(prefix) && text.length > prefix.length) {
        text = text.slice(prefix.length).trim();
        changed = true;
      }
    }
  }
  // "&" and "and" are the same word; dotted abbreviations ("S.A.", "Co.") are one token.
  text = text.replace(/&/g, ' and ').replace(/\./g, '');
  const tokens = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  while (tokens.length > 1 && LEGAL_SUFFIX_TOKENS.has(tokens[tokens.length - 1]!)) tokens.pop();
  return tokens.join('');
}

export interface IdentityInput {
  companyName: string;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  website?: string | null | undefined;
  country?: string | null | undefined;
}

/** Every identity of a customer; a value that cannot be normalised contributes none. */
export function customerIdentities(input: IdentityInput): Identity[] {
  const out: Identity[] = [];
  const name = normalizeCompanyName(input.companyName);
  if (name) out.push({ kind: 'name', value: name });
  const email = input.email ? normalizeEmail(input.email) : null;
  if (email) out.push({ kind: 'email', value: email });
  const phone = input.phone ? normalizePhone(input.phone, input.country) : null;
  if (phone) out.push({ kind: 'phone', value: phone });
  const domain = input.website ? normalizeDomain(input.website) : null;
  if (domain) out.push({ kind: 'domain', value: domain });
  return out;
}

/** Fields that pass the schema but cannot be normalised are refused with a pointer to each. */
export function identityProblems(body: { companyName: string; phone?: string | null | undefined; website?: string | null | undefined; country?: string | null | undefined }) {
  const issues: RequestIssue[] = [];
  if (!normalizeCompanyName(body.companyName)) issues.push({ pointer: '/companyName', code: 'company_name_no_letters' });
  if (body.phone && !normalizePhone(body.phone, body.country)) issues.push({ pointer: '/phone', code: 'invalid_phone', params: { country: body.country ?? null } });
  if (body.website && !normalizeDomain(body.website)) issues.push({ pointer: '/website', code: 'invalid_website' });
  return issues;
}
