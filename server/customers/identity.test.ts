import { describe, expect, it } from 'vitest';
import { customerIdentities, normalizeCompanyName, normalizeDomain, normalizeEmail, normalizePhone } from './identity.js';

describe('normalizeCompanyName', () => {
  it.each([
    ['Acme Ltd.', 'acme'],
    ['ACME, LTD', 'acme'],
    ['Acme Co., Ltd.', 'acme'],
    ['  acme   limited ', 'acme'],
    ['Müller Maschinenbau GmbH', 'müllermaschinenbau'],
    ['Grupo Bimbo S.A.B. de C.V.', 'grupobimbosab'],
    ['Tata Consultancy Services Pvt. Ltd', 'tataconsultancyservices'],
    ['深圳市光明照明有限公司', '深圳市光明照明'],
    ['深圳市光明照明股份有限公司', '深圳市光明照明'],
    ['株式会社トヨタ', 'トヨタ'],
    ['Johnson & Johnson Inc', 'johnsonandjohnson'],
    ['Ｆｕｌｌｗｉｄｔｈ Ｌｔｄ', 'fullwidth'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeCompanyName(input)).toBe(expected);
  });

  it('keeps words that tell real companies apart', () => {
    expect(normalizeCompanyName('Acme Trading Ltd')).not.toBe(normalizeCompanyName('Acme Ltd'));
    expect(normalizeCompanyName('Acme Group')).not.toBe(normalizeCompanyName('Acme'));
  });

  it('does not fold a name that is only a legal form into nothing', () => {
    expect(normalizeCompanyName('Limited')).toBe('limited');
    expect(normalizeCompanyName('!!!')).toBe('');
  });
});

describe('other identities', () => {
  it('folds e-mail case and spaces', () => {
    expect(normalizeEmail(' Buyer@Example.COM ')).toBe('buyer@example.com');
    expect(normalizeEmail('nobody')).toBeNull();
  });

  it('formats phones as E.164, using the country for national numbers', () => {
    expect(normalizePhone('+49 (30) 123-456')).toBe('+4930123456');
    expect(normalizePhone('030 123456', 'DE')).toBe('+4930123456');
    expect(normalizePhone('0755 8888 1234', 'CN')).toBe('+8675588881234');
    expect(normalizePhone('12')).toBeNull();
  });

  it('reduces websites to their registrable domain', () => {
    expect(normalizeDomain('https://www.shop.acme.co.uk/en?x=1')).toBe('acme.co.uk');
    expect(normalizeDomain('ACME.com')).toBe('acme.com');
    expect(normalizeDomain('not a site')).toBeNull();
  });

  it('lists every identity a customer has', () => {
    expect(customerIdentities({ companyName: 'Acme Ltd', email: 'a@acme.com', phone: '+1 212 555 0100', website: 'acme.com' })).toEqual([
      { kind: 'name', value: 'acme' },
      { kind: 'email', value: 'a@acme.com' },
      { kind: 'phone', value: '+12125550100' },
      { kind: 'domain', value: 'acme.com' },
    ]);
  });
});
