// One sign-in method as the routes see it: where to send the browser, and who the provider says
// came back.
import type { SsoMethod } from './sso-settings.js';

export interface Attempt {
  state: string;
  /** OpenID Connect only. */
  nonce: string | null;
  codeVerifier: string | null;
}

/** Who the provider vouches for, and how to find the rep. */
export type Identity =
  | { match: 'email'; email: string; name: string | null }
  | { match: 'claim'; claim: string; value: string; email: string | null; name: string | null }
  | { match: 'wecom_user_id' | 'dingtalk_user_id' | 'feishu_user_id'; value: string; alternatives?: string[] };

export interface LoginProvider {
  method: SsoMethod;
  label: string;
  /** Whether the attempt needs a nonce and a PKCE verifier (OpenID Connect). */
  usesPkce: boolean;
  authorizationUrl(attempt: Attempt): Promise<URL>;
  /** Reads the callback's query; throws an SsoRefusal when the provider does not vouch for anyone. */
  identify(query: URLSearchParams, attempt: Attempt): Promise<Identity>;
}
