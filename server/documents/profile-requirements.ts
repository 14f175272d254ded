// What a document cannot go without from the company profile: the company's own name on both kinds,
// and on a PI the bank details the customer pays to. Checked before anything is generated or stored,
// so nobody sends a quotation without the sender's name or a PI that cannot be paid.
import type { CompanyProfile, DocumentKind } from '../../schemas/documents.js';
import { AppError, ErrorCode } from '../errors.js';

type ProfileField = keyof CompanyProfile;

/** The fields each kind of document needs, in the profile schema's order. */
export const REQUIRED_PROFILE_FIELDS: Readonly<Record<DocumentKind, readonly ProfileField[]>> = {
  quotation: ['name'],
  proforma_invoice: ['name', 'bankName', 'bankAccount', 'beneficiary'],
};

const LABELS: Partial<Record<ProfileField, string>> = { name: 'company name', bankName: 'bank name', bankAccount: 'bank account', beneficiary: 'beneficiary' };
const DOCUMENT: Record<DocumentKind, string> = { quotation: 'a quotation', proforma_invoice: 'a PI' };

/** The required fields the profile leaves out or blank, e.g. `['bankAccount', 'beneficiary']` for a PI. */
export function missingProfileFields(profile: CompanyProfile, kind: DocumentKind): ProfileField[] {
  return REQUIRED_PROFILE_FIELDS[kind].filter((field) => {
    const value: unknown = profile[field];
    return typeof value !== 'string' || value.trim() === '';
  });
}

const list = (words: string[]) => (words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`);

/** Throws COMPANY_PROFILE_INCOMPLETE naming every missing field (pointer and field) when the kind cannot be generated. */
export function refuseIncompleteProfile(profile: CompanyProfile, kind: DocumentKind): void {
  const missing = missingProfileFields(profile, kind);
  if (missing.length === 0) return;
  throw new AppError(
    ErrorCode.COMPANY_PROFILE_INCOMPLETE,
    `The company profile has no ${list(missing.map((f) => LABELS[f] ?? f))}; an admin fills ${missing.length === 1 ? 'it' : 'them'} in Settings → Documents before ${DOCUMENT[kind]} can be generated.`,
    { missing: missing.map((field) => ({ pointer: `/${field}`, field })), kind },
  );
}
