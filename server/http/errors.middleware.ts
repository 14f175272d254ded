// One error shape for every failure: { error: { code, message, details, requestId } }. Validation
// issues are worded in the request's language: zod's here, the server's own by their codes
// (request-issues.ts).
import type { Context, ErrorHandler, MiddlewareHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import type { Logger } from 'pino';
import { AppError, ErrorCode, toPointer } from '../errors.js';
import { isConnectionError, isDataException, isTransactionConflict, refusedValueWords } from '../db/errors.js';
import type { AppEnv } from './app-env.js';
import type { Language } from '../../schemas/language.js';
import { issueWords, unknownFieldWords } from './issue-words.js';
import { malformedJson } from './body-reader.middleware.js';
import { carriedIssue, inLanguage, invalidRequestWords, wordIssue } from '../request-issues.js';

function errorResponse(c: Context<AppEnv>, thrown: AppError): Response {
  const error = inLanguage(thrown, c.get('language') ?? 'en');
  return c.json(
    {
      error: {
        code: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
        requestId: c.get('requestId'),
      },
    },
    error.status as ContentfulStatusCode,
  );
}

type Issue = ZodError['issues'][number];

/** The values a union of enums and literals accepts, or null when a branch is something else. */
function unionValues(issue: Issue): unknown[] | null {
  if (issue.code === 'invalid_value' && issue.path.length === 0) return issue.values;
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return null;
  const values: unknown[] = [];
  for (const branch of issue.errors) {
    if (branch.length !== 1) return null;
    const more = unionValues(branch[0]!);
    if (!more) return null;
    values.push(...more);
  }
  return values;
}

/**
 * The issue's message. zod says only "Invalid input" for a value outside a union of enums and
 * literals (event types or "*"); it says which values it accepts, as for a plain enum.
 */
function issueMessage(issue: Issue, language: Language): string {
  const values = issue.code === 'invalid_union' ? unionValues(issue) : null;
  if (!values) return issueWords(issue, issue.message, language);
  const listed = values.map((v) => JSON.stringify(v)).join('|');
  return language === 'zh' ? `无效选项：期望以下之一 ${listed}` : `Invalid option: expected one of ${listed}`;
}

/**
 * Converts a zod failure of one request part into VALIDATION_FAILED with a JSON pointer per issue,
 * worded in the reader's language: zod's own issues by zod's locales, a schema's own issue that
 * carries a catalogue code (codedZodIssue) by the catalogue, with its code.
 */
/**
 * The issues of a union of object forms (a test case written out, pinned from a record or from a
 * simulation), where zod says only "(root) Invalid input": those of the form the value is nearest
 * to, each at its own path. A form the value is not even an object for, or that does not know a key
 * the value has, is farther; among the nearest the first listed (the schema's main form) wins.
 * Other issues, and unions of enums and literals (worded by issueMessage), are kept as they are.
 */
function unionIssues(issue: Issue): Issue[] {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0 || unionValues(issue)) return [issue];
  const distance = (branch: Issue[]) =>
    branch.reduce((d, i) => d + (i.path.length > 0 ? 0 : i.code === 'invalid_type' ? 1000 : i.code === 'unrecognized_keys' ? i.keys.length : 0), 0);
  let nearest = issue.errors[0]!;
  for (const branch of issue.errors) if (distance(branch) < distance(nearest)) nearest = branch;
  if (distance(nearest) >= 1000) return [issue];
  return nearest.flatMap((i) => unionIssues({ ...i, path: [...issue.path, ...i.path] } as Issue));
}

function validationError(target: string, error: ZodError, language: Language): AppError {
  const issues = error.issues.flatMap(unionIssues).map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const carried = carriedIssue(issue);
    if (carried) return [wordIssue({ pointer: toPointer(issue.path), ...carried }, language)];
    return keys.length > 0
      ? keys.map((k) => ({ pointer: toPointer([...issue.path, k]), message: unknownFieldWords(k, language) }))
      : [{ pointer: toPointer(issue.path), message: issueMessage(issue, language) }];
  });
  const flat = issues.flat();
  const where = target === 'json' ? 'body' : target;
  return new AppError(ErrorCode.VALIDATION_FAILED, invalidRequestWords(where, flat[0], flat.length - 1, language), { location: where, issues: flat });
}

/** zod-openapi hook: every validation failure becomes the one error shape. */
export function validationHook(
  result: { success: boolean; error?: ZodError; target: string },
  c: Context<AppEnv>,
): Response | undefined {
  if (!result.success && result.error) return errorResponse(c, validationError(result.target, result.error, c.get('language') ?? 'en'));
  return undefined;
}

/** Refuses bodies that are not JSON before any handler sees them (uploads: multipart on the listed paths). */
export function requireJsonBody(options: { multipart?: string[] } = {}): MiddlewareHandler<AppEnv> {
  return async function requireJsonBody(c, next) {
    if (['POST', 'PUT', 'PATCH'].includes(c.req.method)) {
      const type = c.req.header('content-type');
      if (options.multipart?.includes(c.req.path)) {
        if (!type || !/^multipart\/form-data\s*;/i.test(type)) {
          throw new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Upload the file as multipart/form-data with the field "file".');
        }
        return next();
      }
      // Only a declared non-JSON type is refused; a body-less command (claim) sends no type at all.
      if (type && !/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type) && c.req.header('content-length') !== '0') {
        throw new AppError(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          `Send the request body as JSON with "Content-Type: application/json" (got "${type}").`,
        );
      }
      // JSON is UTF-8 (RFC 8259); a body declared in another charset would be read wrongly.
      const charset = type && /^application\/([\w.-]+\+)?json\s*;/i.test(type) ? /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(type)?.[1] : undefined;
      if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
        throw new AppError(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          `Send the JSON body encoded as UTF-8 ("Content-Type: application/json" or "application/json; charset=utf-8"); charset "${charset}" is not accepted.`,
        );
      }
    }
    await next();
  };
}

const internalError = () => new AppError(ErrorCode.INTERNAL, 'Something went wrong on our side; the request id helps us find it.');

export function createErrorHandler(logger: Logger): ErrorHandler<AppEnv> {
  return async function onError(err, c) {
    if (err instanceof AppError) {
      if (err.code !== ErrorCode.INTERNAL) return errorResponse(c, err);
      // Its message and details (a cause chain, hosts, SQL) are for the log, never for the client.
      logger.error({ err, details: err.details, requestId: c.get('requestId'), path: c.req.path }, 'internal error');
      return errorResponse(c, internalError());
    }
    if (err instanceof HTTPException) {
      if (err.status === 400 && /malformed json/i.test(err.message)) {
        // The body as read (body-reader caches its text), so the answer says where it breaks off.
        const text = await (c.req.bodyCache as { text?: Promise<string> }).text?.catch(() => undefined);
        return errorResponse(c, malformedJson(text));
      }
      if (err.status === 413) {
        return errorResponse(c, new AppError(ErrorCode.PAYLOAD_TOO_LARGE, 'The request body is too large.'));
      }
      if (err.status === 401) {
        return errorResponse(c, new AppError(ErrorCode.UNAUTHENTICATED, err.message || 'Authentication required.'));
      }
      if (err.status === 415) {
        // The route's media type gate: a Content-Type the route does not take (an empty form body to a command whose body is optional).
        const type = c.req.header('content-type') ?? '';
        return errorResponse(
          c,
          new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, `Send the request body as JSON with "Content-Type: application/json" (got "${type.slice(0, 100)}"), or no body and no Content-Type where the body is optional.`),
        );
      }
      if (err.status < 500) {
        return errorResponse(c, new AppError(ErrorCode.VALIDATION_FAILED, err.message || 'Bad request.'));
      }
    }
    // The client went away (its upload cut short, the tab closed): reading the body failed with the
    // socket's ECONNRESET, which is no database's fault. Nobody reads the answer.
    const code = (err as { code?: unknown }).code;
    if (c.req.raw.signal.aborted && (code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || err.message === 'aborted')) {
      logger.info({ requestId: c.get('requestId'), path: c.req.path, error: err instanceof Error ? err.message : String(err) }, 'the client closed the connection before the answer');
      return errorResponse(c, new AppError(ErrorCode.REQUEST_TIMEOUT, 'The connection closed before the request arrived in full; send it again.'));
    }
    if (isConnectionError(err)) {
      logger.warn({ err, requestId: c.get('requestId'), path: c.req.path }, 'database unavailable');
      return errorResponse(c, new AppError(ErrorCode.DATABASE_UNAVAILABLE, 'The database is not answering right now; nothing was changed. Try again shortly.'));
    }
    if (isTransactionConflict(err)) {
      // Rolled back whole to let a concurrent request through: nothing was changed.
      logger.warn({ err, requestId: c.get('requestId'), path: c.req.path }, 'transaction rolled back by a concurrent one');
      return errorResponse(c, new AppError(ErrorCode.TEMPORARILY_UNAVAILABLE, 'Another change to the same records went through at the same moment; nothing was changed. Try again.'));
    }
    if (isDataException(err)) {
      // The validators should have caught it: logged so the gap can be closed, answered as the client's fault.
      logger.warn({ err, requestId: c.get('requestId'), path: c.req.path }, 'value refused by the database');
      return errorResponse(c, new AppError(ErrorCode.VALIDATION_FAILED, `A value in the request cannot be stored: ${refusedValueWords(err)}; nothing was changed.`));
    }
    logger.error({ err, requestId: c.get('requestId'), path: c.req.path }, 'unhandled error');
    return errorResponse(c, internalError());
  };
}

export const notFound: NotFoundHandler<AppEnv> = (c) =>
  errorResponse(c, new AppError(ErrorCode.ROUTE_NOT_FOUND, `No route ${c.req.method} ${c.req.path}; see /docs.`));
