// AppError: the one error type thrown by domain code; the HTTP layer maps its code to a status.
import { ErrorCode, errorStatus } from '../schemas/errors.js';

export { ErrorCode };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** Escapes one JSON pointer segment (RFC 6901). */
function pointerSegment(segment: PropertyKey): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function toPointer(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '' : `/${path.map(pointerSegment).join('/')}`;
}
