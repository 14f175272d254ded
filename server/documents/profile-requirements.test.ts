import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { missingProfileFields, refuseIncompleteProfile } from './profile-requirements.js';

const FULL = { name: 'Ningbo Sunrise Solar Co., Ltd.', bankName: 'Bank of China, Ningbo Branch', bankAccount: '3581 0000 1234 5678', beneficiary: 'Ningbo Sunrise Solar Co., Ltd.' };

function refusal(profile: Parameters<typeof refuseIncompleteProfile>[0], kind: Parameters<typeof refuseIncompleteProfile>[1]) {
  try {
    refuseIncompleteProfile(profile, kind);
  } catch (e) {
    return e as AppError;
  }
  return null;
}

describe('what a document needs from the company profile', () => {
  it('lets both kinds through with the name and the bank details, whatever else is empty', () => {
    expect(missingProfileFields(FULL, 'proforma_invoice')).toEqual([]);
    expect(missingProfileFields({ name: FULL.name }, 'quotation')).toEqual([]);
    expect(refusal(FULL, 'proforma_invoice')).toBeNull();
  });

  it('needs only the company name on a quotation, and counts a blank one as missing', () => {
    expect(missingProfileFields({}, 'quotation')).toEqual(['name']);
    expect(missingProfileFields({ name: '   ', bankAccount: '1' }, 'quotation')).toEqual(['name']);
  });

  it('needs the bank name, account and beneficiary on a PI, besides the name', () => {
    expect(missingProfileFields({}, 'proforma_invoice')).toEqual(['name', 'bankName', 'bankAccount', 'beneficiary']);
    expect(missingProfileFields({ name: FULL.name, bankName: FULL.bankName, bankAccount: '' }, 'proforma_invoice')).toEqual(['bankAccount', 'beneficiary']);
  });

  it('refuses with COMPANY_PROFILE_INCOMPLETE (409), a message an admin can act on, and each missing field by pointer', () => {
    const e = refusal({ name: FULL.name, bankName: FULL.bankName }, 'proforma_invoice');
    expect(e).toBeInstanceOf(AppError);
    expect([e?.code, e?.status]).toEqual(['COMPANY_PROFILE_INCOMPLETE', 409]);
    expect(e?.message).toBe('The company profile has no bank account and beneficiary; an admin fills them in Settings → Documents before a PI can be generated.');
    expect(e?.details).toEqual({
      missing: [
        { pointer: '/bankAccount', field: 'bankAccount' },
        { pointer: '/beneficiary', field: 'beneficiary' },
      ],
      kind: 'proforma_invoice',
    });
    const quotation = refusal({}, 'quotation');
    expect(quotation?.message).toBe('The company profile has no company name; an admin fills it in Settings → Documents before a quotation can be generated.');
    expect(quotation?.details).toEqual({ missing: [{ pointer: '/name', field: 'name' }], kind: 'quotation' });
    expect(refusal({}, 'proforma_invoice')?.message).toContain('no company name, bank name, bank account and beneficiary;');
  });
});
