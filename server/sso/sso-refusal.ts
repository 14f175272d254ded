// Why a single sign-on was refused: a stable reason the sign-in page puts in words (sso_error=…),
// and a detail for the audit and the log (never shown to the browser).
export const SSO_REFUSALS = [
  'not_configured',
  'state',
  'expired',
  'denied',
  'code',
  'token',
  'unverified_email',
  'no_identity',
  'unknown_user',
  'inactive',
  'provider',
] as const;
export type SsoRefusalReason = (typeof SSO_REFUSALS)[number];

export class SsoRefusal extends Error {
  constructor(
    readonly reason: SsoRefusalReason,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = 'SsoRefusal';
  }
}
