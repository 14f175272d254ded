// One fetch wrapper for the API: bearer token, the UI's language (the API's sentences follow it),
// JSON in and out, and the one error shape as ApiError.
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

let currentToken: string | null = null;
let onUnauthenticated: () => void = () => {};

export function setToken(token: string | null) {
  currentToken = token;
}

export function setUnauthenticatedHandler(handler: () => void) {
  onUnauthenticated = handler;
}

export async function request<T>(method: string, path: string, body?: unknown, token = currentToken): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  const language = i18n.resolvedLanguage ?? i18n.language;
  if (language) headers['accept-language'] = language;
  // A FormData body (an upload) goes as multipart, with the boundary the browser chooses.
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, ...(body !== undefined ? { body: form ? body : JSON.stringify(body) } : {}) });
  if (res.ok && method === 'GET' && !(res.headers.get('content-type') ?? 'application/json').includes('json')) return (await res.blob()) as T;
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
    if (res.status === 401 && token === currentToken) onUnauthenticated();
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
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, form),
};

/** Downloads a file the API answers (a document, a template) and hands it to the browser as `fileName`. */
export async function download(path: string, fileName: string): Promise<void> {
  const blob = await request<Blob>('GET', path);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const entries = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== null && e[1] !== '');
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : '';
}
