// A real OpenID provider (oidc-provider) on loopback for the sign-in tests: one confidential client
// that must use PKCE (S256), accounts by login name with their e-mail and whether it is verified,
// the provider's development login form (any password), consent granted on first sign-in. Its token
// endpoint can be told to tamper with the next ID token (another issuer, audience or nonce, an
// expiry in the past — signed with the provider's own key — or a signature by a key it does not
// publish), as a compromised or misconfigured provider would.
import { type KeyObject, createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestAccount {
  email: string;
  email_verified: boolean;
  name: string;
}

export type Tamper = 'issuer' | 'audience' | 'nonce' | 'expired' | 'signature';

export interface OidcTestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  /** Tamper with the ID token of the next token response. */
  tamperNext(t: Tamper): void;
  /** Authorization codes live this many seconds (default 60). */
  setCodeTtl(seconds: number): void;
  /** Token requests seen: grant type and whether a code_verifier came. */
  tokenRequests: { pkce: boolean }[];
  close(): Promise<void>;
}

export async function startOidcProvider(options: { redirectUris: string[]; accounts: Record<string, TestAccount> }): Promise<OidcTestProvider> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingJwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const accounts = new Map(Object.entries(options.accounts));
  const clientId = 'highseas';
  const clientSecret = 'a-test-client-secret-of-some-length';
  let codeTtl = 60;
  let tamper: Tamper | null = null;
  const tokenRequests: { pkce: boolean }[] = [];

  const server = http.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [signingJwk] },
    cookies: { keys: ['oidc-test-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    ttl: { AuthorizationCode: () => codeTtl, Interaction: () => 600, Grant: () => 3600, Session: () => 3600, AccessToken: () => 600, IdToken: () => 600 },
    findAccount: async (_ctx, sub) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...account }) };
    },
    // Consent is given on first sign-in (the tests sign in; they do not test consent screens).
    loadExistingGrant: async (ctx) => {
      const oidc = ctx.oidc as any;
      const grantId = oidc.session.grantIdFor(oidc.client.clientId);
      if (grantId) return oidc.provider.Grant.find(grantId);
      const grant = new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId: oidc.session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  const handle = provider.callback();

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.method === 'POST' && req.url?.startsWith('/token')) {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      const mode = tamper;
      tamper = null;
      const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
      (res as any).end = (chunk?: unknown, ...rest: unknown[]) => {
        if (!mode || res.statusCode !== 200 || chunk === undefined) return end(chunk, ...rest);
        void rewrite(String(chunk), mode).then((body) => {
          res.setHeader('content-length', Buffer.byteLength(body));
          end(body);
        });
        return res;
      };
      req.on('end', () => tokenRequests.push({ pkce: new URLSearchParams(Buffer.concat(chunks).toString()).has('code_verifier') }));
    }
    handle(req, res);
  });

  async function rewrite(body: string, mode: Tamper): Promise<string> {
    const parsed = JSON.parse(body) as { id_token: string };
    const [headerPart, claimsPart] = parsed.id_token.split('.') as [string, string];
    const header = JSON.parse(Buffer.from(headerPart, 'base64url').toString()) as Record<string, unknown>;
    const claims = JSON.parse(Buffer.from(claimsPart, 'base64url').toString()) as Record<string, unknown>;
    const now = Math.floor(Date.now() / 1000);
    if (mode === 'issuer') claims.iss = 'http://127.0.0.1:1/another-issuer';
    if (mode === 'audience') claims.aud = 'another-client';
    if (mode === 'nonce') claims.nonce = 'not-the-nonce';
    if (mode === 'expired') Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
    const key: KeyObject = mode === 'signature' ? stranger : createPrivateKey({ key: signingJwk, format: 'jwk' });
    parsed.id_token = signJwt(header, claims, key);
    return JSON.stringify(parsed);
  }

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    tamperNext: (t) => (tamper = t),
    setCodeTtl: (s) => (codeTtl = s),
    tokenRequests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** A JWS (RS256) of the claims under the header, signed with the key. */
function signJwt(header: Record<string, unknown>, claims: Record<string, unknown>, key: KeyObject): string {
  const input = `${Buffer.from(JSON.stringify({ ...header, alg: 'RS256' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

/**
 * Signs in at the provider the way a browser would: follows redirects with a cookie jar from
 * `authorizationUrl`, fills the development login form with `login`, and stops at the redirect to
 * `redirectUri` (whose URL it returns, with the code and state).
 */
export async function signInAtProvider(authorizationUrl: string, login: string, redirectUri: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = new URL(authorizationUrl);
  let method = 'GET';
  let body: string | undefined;
  for (let hop = 0; hop < 20; hop++) {
    if (url.href.startsWith(redirectUri)) return url;
    const res = await fetch(url, {
      method,
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(body ? { body } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url);
      method = 'GET';
      body = undefined;
      continue;
    }
    const html = await res.text();
    const form = /<form[^>]*action="([^"]+)"[^>]*method="post"/i.exec(html);
    if (res.status !== 200 || !form) throw new Error(`the provider answered ${res.status} at ${url.pathname}: ${html.slice(0, 300)}`);
    const fields = new URLSearchParams();
    for (const m of html.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/gi)) fields.set(m[1]!, m[2]!);
    if (/name="login"/.test(html)) {
      fields.set('login', login);
      fields.set('password', 'any password');
    }
    url = new URL(form[1]!.replace(/&amp;/g, '&'), url);
    method = 'POST';
    body = fields.toString();
  }
  throw new Error('too many redirects at the provider');
}
