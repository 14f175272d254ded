// Chat robot channels (admin): create (the secret is write-only), list, delete, send a test
// message and read the messages sent with the robot's answers.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { Id } from '../../schemas/common.js';
import { ChannelMessagePage, ChannelMessageView, ChannelMessagesQuery, ChannelView, CreateChannelBody } from '../../schemas/chat-channels.js';
import { requireRole } from '../auth/auth.middleware.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { decodeCursor, toPage } from '../db/pagination.js';
import { AppError, ErrorCode } from '../errors.js';
import { type IssueCode, type IssueParams, invalidRequest } from '../request-issues.js';
import { issueText } from '../request-issue-words.js';
import type { AppEnv } from '../http/app-env.js';
import { bearer, errorResponses, jsonBody, jsonResponse } from '../http/openapi.js';
import type { DestinationPolicy } from '../net/public-destination.js';
import { destinationRefusalText } from '../net/destination-words.js';
import type { Metrics } from '../metrics/metrics.js';
import { teamExists } from '../reps/reps.repository.js';
import { deleteChannel, findChannel, findMessage, insertChannel, listChannels, listMessages, toChannelView, toMessageView } from './chat-channels.repository.js';
import { sendTestMessage } from './test-message.js';
import { urlShapeProblem } from './vendors.js';

const IdParam = z.object({ id: Id });

const routes = {
  create: createRoute({
    method: 'post',
    path: '/channels',
    tags: ['chat channels'],
    summary: 'Post events to a WeCom, DingTalk or Feishu robot (admin); the secret is never shown again',
    description:
      "The URL must have the vendor's shape and reach a public address (as for webhooks; WEBHOOK_ALLOW_PRIVATE allows a private range). DingTalk robots sign with timestamp and sign query parameters, Feishu bots with timestamp and sign in the body; WeCom robots do not sign (a secret is refused). Messages respect the vendor's rate limit (WeCom and DingTalk 20 a minute, Feishu 100 a minute and 5 a second): when more events wait than the window takes, they are rolled into a digest; none is dropped.",
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { body: jsonBody(CreateChannelBody) },
    responses: { 201: jsonResponse(ChannelView, 'Created.'), ...errorResponses() },
  }),
  list: createRoute({
    method: 'get',
    path: '/channels',
    tags: ['chat channels'],
    summary: 'Chat channels (admin); secrets are never shown and keys are masked',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    responses: { 200: jsonResponse(z.object({ items: z.array(ChannelView) }), 'Channels.'), ...errorResponses() },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/channels/{id}',
    tags: ['chat channels'],
    summary: 'Delete a channel with its messages (admin); its sender stops',
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params: IdParam },
    responses: { 204: { description: 'Deleted.' }, ...errorResponses(404) },
  }),
  test: createRoute({
    method: 'post',
    path: '/channels/{id}/test',
    tags: ['chat channels'],
    summary: "Send a test message now (admin); the answer holds the robot's answer",
    description: "One attempt, counted against the robot's rate limit: 429 RATE_LIMITED when its window is full. A robot that refuses (e.g. a wrong signature) gives status failed with its answer.",
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(ChannelMessageView, 'Sent, or refused by the robot (see status and lastAnswer).'), ...errorResponses(404, 429) },
  }),
  messages: createRoute({
    method: 'get',
    path: '/channels/{id}/deliveries',
    tags: ['chat channels'],
    summary: "A channel's messages, newest first, with attempts and the robot's last answer (admin)",
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params: IdParam, query: ChannelMessagesQuery },
    responses: { 200: jsonResponse(ChannelMessagePage, 'A page.'), ...errorResponses(404) },
  }),
};

const invalid = (pointer: string, code: IssueCode, params?: IssueParams, hint = '') => {
  const issue = { pointer, code, ...(params ? { params } : {}) };
  return invalidRequest('body', [issue], { message: `Invalid request body: ${pointer} ${issueText(code, params ?? {}, 'en')}${hint}` });
};

export function registerChatChannelRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: { db: Kysely<Database>; clock: Clock; destinations: DestinationPolicy; chat?: { windowMs: number; publicUrl: string | null } | undefined; metrics?: Metrics | undefined },
) {
  const { db, clock } = deps;
  const chat = { windowMs: deps.chat?.windowMs ?? 60_000, publicUrl: deps.chat?.publicUrl ?? null };

  app.openapi(routes.create, async (c) => {
    const body = c.req.valid('json');
    const shape = urlShapeProblem(body.kind, body.url);
    if (shape) throw invalid('/url', 'address_refused', { reason: destinationRefusalText(shape, 'en'), ...shape });
    if (body.kind === 'wecom' && body.secret !== undefined) throw invalid('/secret', 'wecom_secret');
    if (body.teamId && body.language !== undefined) throw invalid('/language', 'team_language');
    if (body.teamId && !(await teamExists(db, body.teamId))) throw invalid('/teamId', 'unknown', { what: 'team', id: body.teamId });
    const verdict = await deps.destinations.checkUrl(body.url);
    if (!verdict.ok) throw invalid('/url', 'address_refused', { reason: verdict.reason, ...verdict.refusal }, '. Robots are reached at public addresses only; an operator can allow a private range with WEBHOOK_ALLOW_PRIVATE.');
    return c.json(toChannelView(await insertChannel(db, body, c.get('actor').repId, clock.now())), 201);
  });

  app.openapi(routes.list, async (c) => c.json({ items: (await listChannels(db)).map(toChannelView) }, 200));

  app.openapi(routes.remove, async (c) => {
    const { id } = c.req.valid('param');
    if (!(await deleteChannel(db, id))) throw new AppError(ErrorCode.NOT_FOUND, `No channel ${id}.`);
    return c.body(null, 204);
  });

  app.openapi(routes.test, async (c) => {
    const { id } = c.req.valid('param');
    const channel = await findChannel(db, id);
    if (!channel) throw new AppError(ErrorCode.NOT_FOUND, `No channel ${id}.`);
    let messageId: string;
    try {
      messageId = await sendTestMessage({ db, clock, destinations: deps.destinations, ...chat, metrics: deps.metrics }, channel);
    } catch (e) {
      if (e instanceof AppError && e.code === ErrorCode.RATE_LIMITED) c.header('Retry-After', String(e.details?.retryAfterSeconds ?? 60));
      throw e;
    }
    return c.json(toMessageView(await findMessage(db, messageId)), 200);
  });

  app.openapi(routes.messages, async (c) => {
    const { id } = c.req.valid('param');
    const query = c.req.valid('query');
    if (!(await findChannel(db, id))) throw new AppError(ErrorCode.NOT_FOUND, `No channel ${id}.`);
    const rows = await listMessages(db, id, { status: query.status, limit: query.limit, cursor: decodeCursor(query.cursor) });
    const { items, nextCursor } = toPage(rows, query.limit);
    return c.json({ items: items.map(toMessageView), nextCursor }, 200);
  });
}
