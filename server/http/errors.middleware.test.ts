import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import { pino } from 'pino';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../errors.js';
import { toAppError } from '../lifecycle/temporal-errors.js';
import type { AppEnv } from './app-env.js';
import { createErrorHandler } from './errors.middleware.js';
import { detectLanguage } from './language.js';
import { occurredAt } from '../claims/occurred-at.js';
import { passwordProblem } from '../auth/passwords.js';
import { invalidRequest } from '../request-issues.js';
import { ISSUE_CODES, issueText } from '../request-issue-words.js';

/** An app whose routes throw what the real ones might, and the log lines its error handler writes. */
function appThrowing(errors: Record<string, () => unknown>) {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', requestId());
  app.use('*', detectLanguage());
  app.onError(createErrorHandler(logger));
  for (const [path, thrown] of Object.entries(errors)) {
    app.get(path, () => {
      throw thrown();
    });
  }
  return { app, lines };
}

describe('a transaction the database rolled back for a concurrent one', () => {
  it.each(['40P01', '40001'])('(%s) answers 503 TEMPORARILY_UNAVAILABLE, never a 500: nothing of it was written', async (code) => {
    const { app } = appThrowing({ '/conflict': () => Object.assign(new Error('deadlock detected'), { code }) });
    const res = await app.request('/conflict');
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({ code: 'TEMPORARILY_UNAVAILABLE', message: expect.stringMatching(/nothing was changed/) });
    expect(body.error.message).not.toMatch(/deadlock/);
  });
});

describe('a client that closes the connection in the middle of its request', () => {
  const reset = () => Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
  const { app, lines } = appThrowing({ '/upload': reset, '/bug': () => new TypeError('x is undefined') });

  it('is logged as the client leaving, not as the database being unavailable', async () => {
    const gone = new AbortController();
    gone.abort();
    const res = await app.request('/upload', { signal: gone.signal });
    expect(res.status).toBe(408);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('REQUEST_TIMEOUT');
    expect(lines.map((l) => l.msg)).toEqual(['the client closed the connection before the answer']);
    expect(lines[0]!.level).toBe(30);
    // The same error with the client still there is the database's connection failing.
    lines.length = 0;
    expect((await app.request('/upload')).status).toBe(503);
    expect(lines.map((l) => l.msg)).toEqual(['database unavailable']);
    // Any other error is still what it is, the client gone or not.
    lines.length = 0;
    const gone2 = new AbortController();
    gone2.abort();
    expect((await app.request('/bug', { signal: gone2.signal })).status).toBe(500);
    expect(lines.map((l) => l.msg)).toEqual(['unhandled error']);
  });
});

describe('the error handler and 500s', () => {
  const secret = 'relation "api_tokens" at 10.0.0.5:5432 ← WorkflowUpdateFailedError: Activity task failed';
  const { app, lines } = appThrowing({
    '/internal': () => new AppError(ErrorCode.INTERNAL, `failed: ${secret}`, { cause: secret }),
    '/lifecycle': () => toAppError(new Error(secret, { cause: new TypeError('x is undefined') }), () => new AppError(ErrorCode.NOT_FOUND, 'gone')),
    '/unhandled': () => new TypeError(secret),
  });

  it.each(['/internal', '/lifecycle', '/unhandled'])('%s answers a generic message and the request id, nothing of the error', async (path) => {
    const res = await app.request(path);
    expect(res.status).toBe(500);
    const text = await res.text();
    const body = JSON.parse(text);
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'requestId']);
    expect(body.error.code).toBe('INTERNAL');
    expect(body.error.message).toMatch(/request id/);
    expect(text).not.toMatch(/api_tokens|10\.0\.0\.5|Workflow|TypeError|undefined/);
    // The log keeps what an operator needs, under the same request id.
    const logged = lines.find((l) => l.requestId === body.error.requestId);
    expect(logged).toBeDefined();
    expect(JSON.stringify(logged)).toContain('api_tokens');
  });

  it('answers a value the database refused with what it was, not the database\'s words (logged)', async () => {
    const pg = (code: string, message: string) => () => Object.assign(new Error(message), { code });
    const { app: storing, lines: logged } = appThrowing({
      '/nul': pg('22P05', 'unsupported Unicode escape sequence in column "products" of relation "stage_events"'),
      '/range': pg('22003', 'numeric field overflow on quotes.total'),
    });
    for (const [path, words] of [['/nul', /character or escape that cannot be stored/], ['/range', /number is out of range/]] as const) {
      const res = await storing.request(path);
      const text = await res.text();
      expect(res.status).toBe(400);
      expect(JSON.parse(text).error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(words) });
      expect(text).not.toMatch(/relation|column|quotes\.total|stage_events/);
    }
    expect(JSON.stringify(logged)).toContain('stage_events');
  });

  it("answers the route's media type gate as 415 UNSUPPORTED_MEDIA_TYPE saying what to send, not as a 400", async () => {
    const { app: gated } = appThrowing({ '/gate': () => new HTTPException(415, { message: 'Unsupported Media Type' }) });
    const res = await gated.request('/gate', { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: unknown }).error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringMatching(/application\/json.*got "application\/x-www-form-urlencoded"/) });
  });

  it('keeps the details of refusals, which are meant for the client', async () => {
    const { app: refusing } = appThrowing({ '/cap': () => new AppError(ErrorCode.CAP_REACHED, 'At your cap.', { cap: 2, count: 2 }) });
    const body = (await (await refusing.request('/cap')).json()) as { error: { details: unknown } };
    expect(body.error.details).toEqual({ cap: 2, count: 2 });
  });
});

describe('validation errors the server finds by itself', () => {
  const now = new Date('2026-12-01T08:00:00Z');
  const { app } = appThrowing({
    '/future': () => occurredAt('2026-12-02T08:00:00Z', now, 'follow_up'),
    '/password': () => invalidRequest('body', [{ pointer: '/new', ...passwordProblem('password1', { minLength: 12 }, { name: 'Li Wei', email: 'li@example.com' })! }]),
    '/team': () => invalidRequest('body', [{ pointer: '/rep/teamId', code: 'unknown', params: { what: 'team', id: 'emea' } }, { pointer: '/level', code: 'no_such_level', params: { level: 3, count: 2, levels: '1, 2' } }]),
  });
  const read = async (path: string, language?: string) =>
    ((await (await app.request(path, { headers: language ? { 'accept-language': language } : {} })).json()) as { error: { code: string; message: string; details: { issues: { pointer: string; message: string; code: string }[] } } }).error;

  it('are worded in the reader’s language, as zod’s issues are, with their codes and pointers unchanged', async () => {
    const zh = await read('/future', 'zh-CN');
    expect(zh.code).toBe('VALIDATION_FAILED');
    expect(zh.message).toBe('请求体无效：/occurredAt 跟进的时间不能在将来');
    expect(zh.details.issues).toEqual([{ pointer: '/occurredAt', code: 'in_future', params: { what: 'follow_up' }, message: '跟进的时间不能在将来' }]);
    expect((await read('/password', 'zh')).details.issues[0]).toMatchObject({ pointer: '/new', code: 'password_too_short', message: '至少需要 12 个字符' });
    const team = await read('/team', 'zh');
    expect(team.message).toBe('请求体无效：/rep/teamId 团队 "emea" 不存在（另有 1 处）');
    expect(team.details.issues.map((i) => i.message)).toEqual(['团队 "emea" 不存在', '第 3 级不存在；该报价的审批级别为 1, 2']);
  });

  it('keep the English they always had for everyone else', async () => {
    for (const language of [undefined, 'en-GB', 'de']) {
      const future = await read('/future', language);
      expect(future.message).toBe('Invalid request body: /occurredAt is in the future');
      expect(future.details.issues[0]!.message).toBe('a follow-up cannot happen in the future');
    }
    expect((await read('/team')).message).toBe('Invalid request body: /rep/teamId unknown team "emea" (and 1 more)');
    expect((await read('/team')).details.issues[1]!.message).toBe('level 3 does not exist; this quote has levels 1, 2');
  });

  it('have words in both languages for every code', () => {
    const params = { what: 'team', id: 'x', max: 2, min: 2, row: 1, column: 1, level: 1, count: 1, levels: '1', name: 'n', detail: 'd', reason: 'r', decision: 'caps', decisions: 'caps', offset: 1, to: 't', from: 'f', team: 't', role: 'rep', columns: 'c', size: '1 MiB', ratio: 9, names: 'n', where: '', fields: 'f', field: 'f', other: 'o', key: 1, country: 'DE', at: '2026-12-04T10:00:00.000Z', since: 'claim', today: '2026-12-05', timeZone: 'Asia/Shanghai' };
    for (const code of ISSUE_CODES) {
      expect(issueText(code, params, 'zh'), code).toMatch(/[\u4e00-\u9fff]/);
      expect(issueText(code, params, 'en'), code).not.toMatch(/undefined|\[object/);
      expect(issueText(code, params, 'en'), code).not.toBe(issueText(code, params, 'zh'));
    }
  });

  it('name decisions in Chinese by their labels, not their codes', () => {
    expect(issueText('decision_of', { decision: 'grading' }, 'zh')).toBe('必须是分级决策的记录');
    expect(issueText('forecast_decisions', { decisions: 'reclaim, assignment, caps' }, 'zh')).toBe('必须是回收、分配、上限的规则（其他决策请用模拟）');
    expect(issueText('forecast_decisions', { decisions: 'reclaim, assignment, caps' }, 'en')).toBe('must be rules of reclaim, assignment, caps');
  });
});
