// Passwords: argon2id hashes (@node-rs/argon2, its defaults: 19 MiB, 2 passes), and the rules a new
// password must meet: a minimum length (PASSWORD_MIN_LENGTH) and not guessable — zxcvbn-ts with its
// common-password dictionary (about 49,000 passwords) scores it, and a score of 0 or 1 (a common
// password, a keyboard walk, a repetition) is refused; so is one made of the rep's own name or e-mail.
import { hash, verify } from '@node-rs/argon2';
import core from '@zxcvbn-ts/core';
import common from '@zxcvbn-ts/language-common';
import type { RequestIssue } from '../request-issues.js';

const MAX_LENGTH = 256;
/** @node-rs/argon2's Algorithm.Argon2id (a const enum, which this build cannot import). */
const ARGON2ID = 2;

let checker: InstanceType<typeof core.ZxcvbnFactory> | null = null;
const zxcvbn = () => (checker ??= new core.ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs }));

export interface PasswordRules {
  minLength: number;
}

/** Whose password it is: their own name and e-mail are refused in it. */
export interface PasswordOwner {
  name: string;
  email: string;
}

/** Lower case, letters and digits only: "Rep ra1", "REP-RA1" and "repra1" are one word. */
const fold = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * The password is the rep's name or e-mail over again: it contains their whole name (4+ characters)
 * or e-mail, is half or more their e-mail's local part (a generic one such as "admin" may appear in
 * a longer passphrase), or is only pieces of them (repeated or joined), with case, spaces and
 * punctuation changed. zxcvbn's own check lets "Rep ra1 Rep ra1" pass.
 */
function madeOfOwnName(password: string, owner: PasswordOwner): boolean {
  const p = fold(password);
  const [name, email, local] = [owner.name, owner.email, owner.email.split('@')[0] ?? ''].map(fold) as [string, string, string];
  if ([name, email].some((w) => w.length >= 4 && p.includes(w))) return true;
  if (local.length >= 4 && p.includes(local) && local.length * 2 >= p.length) return true;
  const pieces = [name, email, local, ...[owner.name, owner.email].flatMap((s) => s.split(/[^\p{L}\p{N}]+/u)).map(fold)].filter((w) => w.length >= 2);
  // Whether p up to i is a run of pieces.
  const reach = [true, ...Array.from(p, () => false)];
  for (let i = 0; i < p.length; i++) if (reach[i]) for (const w of pieces) if (p.startsWith(w, i)) reach[i + w.length] = true;
  return p.length > 0 && reach[p.length] === true;
}

/** Why a new password is refused (a code of request-issue-words.ts, worded in the reader's language), or null when it is acceptable. */
export type PasswordProblem = Omit<RequestIssue, 'pointer'>;

export function passwordProblem(password: string, rules: PasswordRules, owner: PasswordOwner): PasswordProblem | null {
  if ([...password].length < rules.minLength) return { code: 'password_too_short', params: { min: rules.minLength } };
  if (password.length > MAX_LENGTH) return { code: 'password_too_long', params: { max: MAX_LENGTH } };
  if (madeOfOwnName(password, owner)) return { code: 'password_own_name' };
  const words = [owner.email, owner.name].flatMap((p) => [p, ...p.split(/[@.\s_-]+/)]).filter((w) => w.length >= 3);
  const result = zxcvbn().check(password.slice(0, 100), words);
  if (result.score <= 1) return { code: 'password_guessable' };
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
