// The rules a new password must meet, without a database: the rep's own name or e-mail, in any case,
// spacing or repetition, is refused; unrelated words pass.
import { describe, expect, it } from 'vitest';
import { passwordProblem } from './passwords.js';

const rules = { minLength: 10 };
const owner = { name: 'Rep ra1', email: 'Ra1.Harbour@example.com' };

describe('passwordProblem', () => {
  it("refuses a password built from the rep's name or e-mail", () => {
    for (const password of ['Rep ra1 Rep ra1', 'REPRA1REPRA1', 'r e p r a 1 rep ra1', 'harbour-ra1-harbour', 'ra1.harbour ra1.harbour', 'ra1harbour2024!', 'example.com ra1 rep']) {
      expect([password, passwordProblem(password, rules, owner)]).toEqual([password, { code: 'password_own_name' }]);
    }
    expect(passwordProblem('alalalalalalal', rules, { name: 'Al', email: 'al@x.io' })).toEqual({ code: 'password_own_name' });
  });

  it('accepts unrelated words, also for a rep with a short name', () => {
    expect(passwordProblem('harbour-lantern-kite-42', rules, { name: 'Mei Lin', email: 'mei@example.com' })).toBeNull();
    expect(passwordProblem('quiet-river-stone-88', rules, { name: 'Al', email: 'al@x.io' })).toBeNull();
    // A generic local part inside a longer passphrase is not the e-mail over again.
    expect(passwordProblem('first-admin-harbour-77', rules, { name: 'Administrator', email: 'admin@highseas.local' })).toBeNull();
  });
});
