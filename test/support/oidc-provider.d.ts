// The little of oidc-provider (which ships no types) the sign-in tests use.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface Account {
    accountId: string;
    claims(): Promise<Record<string, unknown>>;
  }

  interface Configuration {
    clients: Record<string, unknown>[];
    jwks: { keys: Record<string, unknown>[] };
    cookies: { keys: string[] };
    claims: Record<string, string[]>;
    pkce: { required: () => boolean };
    features: Record<string, { enabled: boolean }>;
    ttl: Record<string, () => number>;
    findAccount(ctx: unknown, sub: string): Promise<Account | undefined>;
    loadExistingGrant(ctx: { oidc: unknown }): Promise<unknown>;
  }

  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}
