// OpenID Connect sign-in through openid-client: the provider's metadata from discovery (its issuer
// checked against OIDC_ISSUER), authorization code with PKCE (S256), state and nonce; the ID token's
// signature (the provider's JWKS, checked even over TLS: enableNonRepudiationChecks), issuer, audience, nonce and times checked by openid-client.
import * as client from 'openid-client';
import type { Identity, LoginProvider } from './login-provider.js';
import { SsoRefusal } from './sso-refusal.js';
import type { OidcSettings } from './sso-settings.js';

/** Requests to the provider give up after this long (openid-client counts seconds). */
const TIMEOUT_S = 10;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function oidcLogin(settings: OidcSettings): LoginProvider {
  let configuration: Promise<client.Configuration> | null = null;
  const discover = () => {
    const issuer = new URL(settings.issuer);
    // Plain HTTP only for a provider on this machine (development and tests).
    const insecure = issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname);
    configuration ??= client
      .discovery(
        issuer,
        settings.clientId,
        settings.clientSecret ?? { token_endpoint_auth_method: 'none' },
        settings.clientSecret ? client.ClientSecretPost(settings.clientSecret) : client.None(),
        {
          // openid-client skips the ID token's signature when it comes straight from the token
          // endpoint over TLS (OpenID Connect Core 3.1.3.7 allows it); it is checked here all the same.
          execute: insecure ? [client.enableNonRepudiationChecks, client.allowInsecureRequests] : [client.enableNonRepudiationChecks],
          timeout: TIMEOUT_S,
        },
      )
      .catch((error: unknown) => {
        configuration = null;
        throw new SsoRefusal('provider', `discovery at ${settings.issuer} failed: ${describe(error)}`);
      });
    return configuration;
  };

  return {
    method: 'oidc',
    label: settings.label,
    usesPkce: true,
    async authorizationUrl(attempt) {
      const config = await discover();
      return client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: settings.scopes,
        state: attempt.state,
        nonce: attempt.nonce!,
        code_challenge: await client.calculatePKCECodeChallenge(attempt.codeVerifier!),
        code_challenge_method: 'S256',
      });
    },
    async identify(query, attempt) {
      const config = await discover();
      const current = new URL(settings.redirectUri);
      current.search = query.toString();
      let claims: Record<string, unknown>;
      try {
        const tokens = await client.authorizationCodeGrant(
          config,
          current,
          { pkceCodeVerifier: attempt.codeVerifier!, expectedState: attempt.state, expectedNonce: attempt.nonce!, idTokenExpected: true },
          { redirect_uri: settings.redirectUri },
        );
        const idClaims = tokens.claims()!;
        claims = { ...idClaims };
        if (config.serverMetadata().userinfo_endpoint) {
          // The subject must be the ID token's; the ID token's own claims win.
          const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
          claims = { ...info, ...idClaims };
        }
      } catch (error) {
        throw refusal(error);
      }
      return identity(settings, claims);
    },
  };
}

function identity(settings: OidcSettings, claims: Record<string, unknown>): Identity {
  const name = typeof claims.name === 'string' ? claims.name : null;
  const verifiedEmail = typeof claims.email === 'string' && claims.email_verified === true ? claims.email.toLowerCase() : null;
  if (settings.matchClaim === 'email') {
    if (typeof claims.email !== 'string') throw new SsoRefusal('no_identity', 'the provider sent no email claim (is the "email" scope granted?)');
    if (!verifiedEmail) throw new SsoRefusal('unverified_email', `the provider has not verified ${claims.email} (email_verified is not true)`);
    return { match: 'email', email: verifiedEmail, name };
  }
  const value = claims[settings.matchClaim];
  if (typeof value !== 'string' || value.length === 0) throw new SsoRefusal('no_identity', `the provider sent no "${settings.matchClaim}" claim`);
  return { match: 'claim', claim: settings.matchClaim, value, email: verifiedEmail, name };
}

/** openid-client's refusals as the sign-in page words them. */
function refusal(error: unknown): SsoRefusal {
  if (error instanceof SsoRefusal) return error;
  const detail = describe(error);
  if (error instanceof client.AuthorizationResponseError) return new SsoRefusal('denied', detail);
  if (error instanceof client.ResponseBodyError) return new SsoRefusal(error.error === 'invalid_grant' ? 'code' : 'provider', detail);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /JWT|JWS|JWK|KEY_SELECTION|SIGNATURE|ATTRIBUTE_COMPARISON|CLAIM/.test(code)) return new SsoRefusal('token', detail);
  if (typeof code === 'string' && code.startsWith('OAUTH_')) return new SsoRefusal('token', detail);
  return new SsoRefusal('provider', detail);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${typeof code === 'string' ? `${code}: ` : ''}${error.message}${cause}`;
}
