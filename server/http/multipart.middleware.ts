// Parses a multipart/form-data body as it arrives (busboy), a slice at a time with a turn of the
// event loop between, and hands the result to the route's validator through Hono's body cache.
// The validator would otherwise parse the whole buffered body in one go, which holds the event
// loop for hundreds of milliseconds on a 10 MiB upload. Parts are bounded as they are read.
import { setImmediate as nextTurn } from 'node:timers/promises';
import busboy from 'busboy';
import type { MiddlewareHandler } from 'hono';
import { AppError, ErrorCode } from '../errors.js';
import { type IssueCode, type IssueParams, invalidRequest } from '../request-issues.js';
import { issueText } from '../request-issue-words.js';

export interface MultipartLimits {
  files: number;
  fields: number;
  /** Bytes of one field's value. */
  fieldBytes: number;
  /** Bytes of one file. */
  fileBytes: number;
}

const SLICE_BYTES = 64 * 1024;

/** The form refused at `pointer`; the message is the issue's own sentence. */
const invalid = (pointer: string, code: IssueCode, params: IssueParams) => invalidRequest('form', [{ pointer, code, params }], { message: issueText(code, params, 'en') });

/**
 * busboy decodes a field's bytes as UTF-8 (or the charset its part names), putting U+FFFD where
 * bytes are not UTF-8: such a field is refused rather than stored so. A U+FFFD typed on purpose is
 * refused with it; no form field needs one.
 */
const notUtf8 = (value: string) => value.includes('\uFFFD');

async function readMultipart(body: ReadableStream<Uint8Array>, contentType: string, limits: MultipartLimits): Promise<FormData> {
  const form = new FormData();
  let failure: AppError | null = null;
  const fail = (e: AppError) => void (failure ??= e);
  const parser = busboy({
    headers: { 'content-type': contentType },
    // Browsers send a file name as UTF-8 bytes (广交会.csv); busboy would read them as Latin-1.
    defParamCharset: 'utf8',
    defCharset: 'utf8',
    limits: { files: limits.files, fields: limits.fields, fieldSize: limits.fieldBytes, fileSize: limits.fileBytes, parts: limits.files + limits.fields },
  });
  const files: Promise<void>[] = [];
  parser.on('field', (name, value, info) => {
    if (info.valueTruncated) return fail(invalid(`/${name}`, 'field_too_long', { name, max: limits.fieldBytes }));
    if (notUtf8(value)) return fail(invalid(`/${name}`, 'field_not_utf8', { name }));
    form.append(name, value);
  });
  parser.on('file', (name, stream, info) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('limit', () => fail(new AppError(ErrorCode.PAYLOAD_TOO_LARGE, `The file "${info.filename}" is larger than ${limits.fileBytes / 1024 / 1024} MiB; split it.`)));
    // A part cut off before its boundary ends in an error on the file's stream (busboy's
    // "Unexpected end of form"): listened to, so it refuses the upload instead of ending the process.
    const read = new Promise<void>((resolve, reject) => {
      stream.on('end', () => resolve(form.append(name, new File(chunks, info.filename ?? name, { type: info.mimeType }))));
      stream.on('error', reject);
    });
    read.catch(() => {});
    files.push(read);
  });
  parser.on('filesLimit', () => fail(invalid('/file', 'too_many_files', { max: limits.files })));
  parser.on('fieldsLimit', () => fail(invalid('', 'too_many_fields', { max: limits.fields })));
  parser.on('partsLimit', () => fail(invalid('', 'too_many_parts', { max: limits.files + limits.fields })));
  const finished = new Promise<void>((resolve, reject) => {
    parser.on('close', resolve);
    parser.on('error', reject);
  });
  finished.catch(() => {});

  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (let at = 0; at < value.length; at += SLICE_BYTES) {
        if (!parser.write(value.subarray(at, at + SLICE_BYTES))) await new Promise((resolve) => parser.once('drain', resolve));
        if (value.length > SLICE_BYTES) await nextTurn();
      }
      // The rest of the body is left unread; the connection closes after the answer.
      if (failure) throw failure;
    }
    parser.end();
    await finished;
    await Promise.all(files);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw invalid('', 'unreadable_form', { detail: (e as Error).message });
  } finally {
    reader.releaseLock();
  }
  if (failure) throw failure;
  return form;
}

/** Route middleware: the multipart body parsed incrementally within `limits`, for the form validator. */
export function parseMultipart(limits: MultipartLimits): MiddlewareHandler {
  return async function parseMultipart(c, next) {
    const type = c.req.header('content-type');
    if (type && /^multipart\/form-data\s*;/i.test(type) && c.req.raw.body) {
      c.req.bodyCache.formData = await readMultipart(c.req.raw.body, type, limits);
    }
    await next();
  };
}
