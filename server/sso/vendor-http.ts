// JSON over HTTP to a chat platform's OAuth endpoints, bounded in time; anything but a JSON answer
// is the provider failing. Also a cache of an app's access token, as each vendor asks.
import { SsoRefusal } from './sso-refusal.js';

const TIMEOUT_MS = 10_000;

export async function vendorJson(
  url: string,
  init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: unknown } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? 'GET',
      headers: { accept: 'application/json', ...(init.body !== undefined ? { 'content-type': 'application/json; charset=utf-8' } : {}), ...init.headers },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new SsoRefusal('provider', `${new URL(url).host} did not answer: ${(error as Error).message}`);
  }
  const text = await res.text();
  try {
    const body = JSON.parse(text) as unknown;
    if (body && typeof body === 'object' && !Array.isArray(body)) return { status: res.status, body: body as Record<string, unknown> };
  } catch {
    // below
  }
  throw new SsoRefusal('provider', `${new URL(url).host} answered ${res.status} without a JSON object`);
}

/** An app access token kept until shortly before the vendor says it expires. */
export function appTokenCache(fetchToken: () => Promise<{ token: string; expiresInS: number }>) {
  let cached: { token: string; until: number } | null = null;
  return {
    async get(): Promise<string> {
      if (cached && cached.until > Date.now()) return cached.token;
      const { token, expiresInS } = await fetchToken();
      cached = { token, until: Date.now() + Math.max(0, expiresInS - 300) * 1000 };
      return token;
    },
    /** The vendor refused the cached token (expired early): the next get() asks for a new one. */
    drop() {
      cached = null;
    },
  };
}

export const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
