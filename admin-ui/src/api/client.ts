// One fetch wrapper for the API: the session cookie (HTTP-only, sent by the browser; the UI holds no
// secret), the UI's language (the API's sentences follow it), JSON in and out (or a multipart
// upload, or a file to save), and the one error shape as ApiError.
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

function headersFor(): Record<string, string> {
  const headers: Record<string, string> = {};
  const language = i18n.resolvedLanguage ?? i18n.language;
  if (language) headers['accept-language'] = language;
  return headers;
}

/** Throws the answer's error as ApiError (back to sign-in when the session has ended). */
async function failure(res: Response): Promise<never> {
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  const error = (parsed as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null)?.error;
  const e = new ApiError(res.status, error?.code ?? 'HTTP_ERROR', error?.message ?? `${res.status} ${res.statusText}`, error?.details ?? {});
  // The session ended (idle, expired, signed out elsewhere): back to the sign-in page.
  if (res.status === 401 && error?.code === 'UNAUTHENTICATED') onUnauthenticated();
  throw e;
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers = headersFor();
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: form ? body : JSON.stringify(body) } : {}) });
  if (!res.ok) return failure(res);
  const text = await res.text();
  try {
    return (text ? JSON.parse(text) : null) as T;
  } catch {
    return null as T;
  }
}

/**
 * A file from the API (fetched, so a refusal shows as an ApiError), saved under the name the server
 * gives in Content-Disposition or `fallbackName`.
 */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await fetch(path, { headers: headersFor(), credentials: 'same-origin' });
  if (!res.ok) return failure(res);
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = (encoded ? decodeURIComponent(encoded) : plain) || fallbackName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  /** A multipart form (an upload); the browser sets its content type. */
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, form),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: (path: string) => request<null>('DELETE', path),
};

/** A query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const entries = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== null && e[1] !== '');
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : '';
}
