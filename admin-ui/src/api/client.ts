// One fetch wrapper for the API: the session cookie (HTTP-only, sent by the browser; the UI holds no
// secret), the UI's language (the API's sentences follow it), JSON in and out, and the one error
// shape as ApiError.
import i18n from 'i18next';

export interface Issue {
  pointer: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get issues(): Issue[] {
    const issues = this.details.issues;
    return Array.isArray(issues) ? (issues as Issue[]) : [];
  }
}

let onUnauthenticated: () => void = () => {};

export function setUnauthenticatedHandler(handler: () => void) {
  onUnauthenticated = handler;
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  const language = i18n.resolvedLanguage ?? i18n.language;
  if (language) headers['accept-language'] = language;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!res.ok) {
    const error = (parsed as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null)?.error;
    const e = new ApiError(res.status, error?.code ?? 'HTTP_ERROR', error?.message ?? `${res.status} ${res.statusText}`, error?.details ?? {});
    // The session ended (idle, expired, signed out elsewhere): back to the sign-in page.
    if (res.status === 401 && error?.code === 'UNAUTHENTICATED') onUnauthenticated();
    throw e;
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: (path: string) => request<null>('DELETE', path),
};

/** A query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const entries = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== null && e[1] !== '');
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : '';
}
