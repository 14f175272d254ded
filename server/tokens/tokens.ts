// API tokens: random bearer secrets; only their SHA-256 is stored.
import { createHash, randomBytes } from 'node:crypto';

const TOKEN_PREFIX = 'hs_';

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
