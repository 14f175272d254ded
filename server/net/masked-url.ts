// An address the server posts to, as people are shown it: a receiver's key or token (a query
// parameter, a Feishu hook id) by its last four characters, a user name or password not at all.
// Chat robots and webhooks show their addresses so.

/** A credential's last four characters, to tell robots apart; a short one (not a vendor's) shows none. */
const credentialTail = (v: string) => `…${v.length >= 16 ? v.slice(-4) : ''}`;

/**
 * The robot's key or access token is its credential: only its last four characters are shown, of
 * every query parameter whatever its name or case (a vendor reads `key`, another address may carry
 * it as `KEY`), and nothing of a user name or password in the address.
 */
export function maskedUrl(url: string): string {
  const u = new URL(url);
  if (u.username) u.username = '…';
  if (u.password) u.password = '…';
  const masked = new URLSearchParams();
  for (const [name, v] of u.searchParams) masked.append(name, v ? credentialTail(v) : v);
  u.search = masked.toString();
  u.pathname = u.pathname.replace(/(\/bot\/v2\/hook\/)([^/]+)$/, (_, p: string, id: string) => `${p}${credentialTail(id)}`);
  return decodeURI(u.toString());
}
