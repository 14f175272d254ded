import { describe, expect, it } from 'vitest';
import { formulaAfterInsert, formulaCopiedDown } from './formula-rows.js';

// The template's item row is row 10; three items make two more rows (11 and 12).
const after = (f: string, widen = true) => formulaAfterInsert(f, 10, 2, widen);

describe('a template formula when item rows are inserted', () => {
  it('grows a range that reaches the item row to every item, header rows included', () => {
    expect(after('SUM(F10:F10)')).toBe('SUM(F10:F12)');
    expect(after('SUM($F$9:$F$10)*1.13')).toBe('SUM($F$9:$F$12)*1.13');
    expect(after('SUMPRODUCT(D10:D10,E10:E10)')).toBe('SUMPRODUCT(D10:D12,E10:E12)');
    expect(after('SUM(F10:F11)')).toBe('SUM(F10:F13)');
  });

  it('moves references below the item row with their cells, and leaves those above and the first item alone', () => {
    expect(after('F14*0.13+F15')).toBe('F16*0.13+F17');
    expect(after('A1&" "&B2')).toBe('A1&" "&B2');
    expect(after('F10*2')).toBe('F10*2');
    expect(after('ROUND(G13,2)')).toBe('ROUND(G15,2)');
    expect(after('$G$13-G$11')).toBe('$G$15-G$13');
  });

  it('keeps text in quotes, function names with digits and defined names as they are', () => {
    expect(after('"F14: "&TEXT(F14,"0.00")&"F20"')).toBe('"F14: "&TEXT(F16,"0.00")&"F20"');
    expect(after('LOG10(F14)+ATAN2(F11,1)')).toBe('LOG10(F16)+ATAN2(F13,1)');
    expect(after('RATE1*F14')).toBe('RATE1*F16');
    expect(after('SUM(F:F)')).toBe('SUM(F:F)');
  });

  it('keeps a formula of the item row itself on its first item (a line total over its own cells does not grow)', () => {
    expect(after('SUM(D10:E10)', false)).toBe('SUM(D10:E10)');
    expect(after('D10*E10+F14', false)).toBe('D10*E10+F16');
  });

  it('moves the cells a shared formula covers without growing them, and changes nothing when nothing was inserted', () => {
    expect(after('E11:E13', false)).toBe('E13:E15');
    expect(after('E10:E10', false)).toBe('E10:E10');
    expect(formulaAfterInsert('SUM(F10:F10)+F14', 10, 0)).toBe('SUM(F10:F10)+F14');
  });
});

describe("the item row's own formula copied to the next item rows", () => {
  it('moves every relative row with the copy and keeps absolute rows, text and names', () => {
    expect(formulaCopiedDown('B10*C10', 2)).toBe('B12*C12');
    expect(formulaCopiedDown('SUM(B10:C10)*$F$1', 1)).toBe('SUM(B11:C11)*$F$1');
    expect(formulaCopiedDown('B$10*C10', 3)).toBe('B$10*C13');
    expect(formulaCopiedDown('ROUND(D10*E10,2)&"D10"', 1)).toBe('ROUND(D11*E11,2)&"D10"');
    expect(formulaCopiedDown('LOG10(D10)+RATE1', 1)).toBe('LOG10(D11)+RATE1');
    expect(formulaCopiedDown('B10*C10', 0)).toBe('B10*C10');
  });
});
