// Passwords: argon2id hashes (@node-rs/argon2, its defaults: 19 MiB, 2 passes), and the rules a new
// password must meet: a minimum length (PASSWORD_MIN_LENGTH) and not guessable — zxcvbn-ts with its
// common-password dictionary (about 49,000 passwords) scores it, and a score of 0 or 1 (a common
// password, a keyboard walk, a repetition, the rep's own name or e-mail) is refused.
import { hash, verify } from '@node-rs/argon2';
import core from '@zxcvbn-ts/core';
import common from '@zxcvbn-ts/language-common';

const MAX_LENGTH = 256;
/** @node-rs/argon2's Algorithm.Argon2id (a const enum, which this build cannot import). */
const ARGON2ID = 2;

let checker: InstanceType<typeof core.ZxcvbnFactory> | null = null;
const zxcvbn = () => (checker ??= new core.ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs }));

export interface PasswordRules {
  minLength: number;
}

/** Why a new password is refused (a sentence), or null when it is acceptable. */
export function passwordProblem(password: string, rules: PasswordRules, personal: string[] = []): string | null {
  if ([...password].length < rules.minLength) return `must be at least ${rules.minLength} characters long`;
  if (password.length > MAX_LENGTH) return `must be at most ${MAX_LENGTH} characters long`;
  const words = personal.flatMap((p) => [p, ...p.split(/[@.\s_-]+/)]).filter((w) => w.length >= 3);
  const result = zxcvbn().check(password.slice(0, 100), words);
  if (result.score <= 1) return 'is too easy to guess (a common password, a pattern or your own name); use a few unrelated words or a password manager';
  return null;
}

export const hashPassword = (password: string) => hash(password, { algorithm: ARGON2ID });

/** A stand-in hash, so an unknown e-mail costs the same verify time as a wrong password. */
let dummy: Promise<string> | null = null;

/** True when `password` matches `stored`; with no stored hash it still spends a verify's time. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  const candidate = password.slice(0, MAX_LENGTH);
  if (!stored) {
    await verify(await (dummy ??= hashPassword('not a password: spend the time')), candidate).catch(() => false);
    return false;
  }
  return verify(stored, candidate).catch(() => false);
}
