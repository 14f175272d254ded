// Sends a channel's events within its vendor's rate limit: plans what the window allows (one
// message per event while they fit, else digests so nothing is dropped) and makes one signed
// attempt per call, recording the robot's answer. Used by the per-channel workflow's activities
// and by the API's test message.
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { ChatAttemptsTable } from '../db/tables/chat.js';
import { type Metrics, metrics as processMetrics } from '../metrics/metrics.js';
import { postChecked } from '../net/outbound-post.js';
import { DestinationRefused, type DestinationPolicy } from '../net/public-destination.js';
import { digestMessages } from './chat-digest.js';
import { type ChatEvent, type ChatLanguage, eventMessage, namedPools, namedReps } from './chat-texts.js';
import {
  type SendingChannel,
  attemptTimesSince,
  channelForSending,
  insertMessage,
  mentionsOf,
  poolsNamed,
  repsNamed,
  messageForSending,
  pendingMessageIds,
  recordAttempt,
  reserveAttempt,
  unsentEvents,
} from './chat-outbox.repository.js';
import { MAX_CONTENT_BYTES, RATE_LIMITS, messageBody, readAnswer, signedRequest } from './vendors.js';

export interface RobotSenderDeps {
  db: Kysely<Database>;
  clock: Clock;
  destinations: DestinationPolicy;
  /** The vendors' "minute" (CHAT_RATE_WINDOW); tests shorten it, the fake robots use the same. */
  windowMs: number;
  /** Where deep links point (PUBLIC_URL); null: messages carry no links. */
  publicUrl: string | null;
  requestTimeoutMs?: number;
  /** Where attempts are counted (default: the process's registry). */
  metrics?: Metrics | undefined;
}

/** The window's room: now (the tightest limit) and over the longest limit, and when a slot frees. */
export interface WindowRoom {
  now: number;
  long: number;
  /** When `now` is 0: ms until a slot frees. */
  waitMs: number;
}

/** What the sender does next: send these messages, or wait until the window frees a slot. */
export interface SenderPlan {
  /** The channel was deleted or deactivated: the sender ends. */
  gone: boolean;
  messageIds: string[];
  /** Nothing may be sent before this many ms have passed; null: not waiting. */
  waitMs: number | null;
}

export class WindowFull extends Error {
  constructor(readonly waitMs: number) {
    super(`the robot's rate window is full; a slot frees in ${waitMs} ms`);
    this.name = 'WindowFull';
  }
}

const MAX_ANSWER_CHARS = 500;
/** Events read per plan; more wait for the next. */
const PLAN_EVENTS = 2_000;

/** A margin on every window, for the vendor's clock and the way back of an answer. */
const marginOf = (perMs: number) => Math.max(50, Math.round(perMs * 0.02));

export function windowRoom(kind: SendingChannel['kind'], attempts: Date[], now: Date, windowMs: number): WindowRoom {
  let roomNow = Number.POSITIVE_INFINITY;
  let waitMs = 0;
  const rooms = RATE_LIMITS[kind].map((limit) => {
    const per = limit.minutes * windowMs + marginOf(limit.minutes * windowMs);
    const inWindow = attempts.filter((t) => t.getTime() > now.getTime() - per);
    const room = Math.max(0, limit.max - inWindow.length);
    roomNow = Math.min(roomNow, room);
    if (room === 0) {
      // The attempt whose leaving the window frees a slot.
      const freeing = inWindow[inWindow.length - limit.max]!;
      waitMs = Math.max(waitMs, freeing.getTime() + per - now.getTime() + 1);
    }
    return room;
  });
  return { now: roomNow, long: rooms[0]!, waitMs };
}

export function createRobotSender(deps: RobotSenderDeps) {
  const { db, clock } = deps;
  const longestMs = () => Math.max(...Object.values(RATE_LIMITS).flatMap((l) => l.map((x) => x.minutes))) * deps.windowMs * 1.1;

  async function room(channel: SendingChannel, now: Date) {
    return windowRoom(channel.kind, await attemptTimesSince(db, channel.id, new Date(now.getTime() - longestMs())), now, deps.windowMs);
  }

  async function toChatEvents(channel: SendingChannel, rows: Awaited<ReturnType<typeof unsentEvents>>): Promise<(ChatEvent & { id: string })[]> {
    const mentions = await mentionsOf(db, channel.kind, [...new Set(rows.flatMap((r) => r.payload.recipients))]);
    const reps = await repsNamed(db, [...new Set(rows.flatMap((r) => [...namedReps(r.payload.data), ...r.payload.recipients]))]);
    const names = new Map([...reps].map(([id, r]) => [id, r.name]));
    const pools = await poolsNamed(db, [...new Set(rows.flatMap((r) => namedPools(r.payload.data)))]);
    return rows.map((r) => {
      // Times in the time zone of the rep the event is about (the owner), else of the first it tells.
      const about = [...namedReps(r.payload.data), ...r.payload.recipients].find((id) => reps.has(id));
      return {
        id: r.id,
        type: r.event_type,
        customerId: r.customer_id,
        customerName: r.company_name ?? null,
        payload: r.payload,
        mentions: r.payload.recipients.flatMap((id) => (mentions.has(id) ? [mentions.get(id)!] : [])).slice(0, 10),
        people: { names, timeZone: about ? reps.get(about)!.timeZone : 'UTC', pools },
      };
    });
  }

  return {
    /** What the channel may send now. Messages already composed go first; new ones fill the room left. */
    async plan(channelId: string): Promise<SenderPlan> {
      const channel = await channelForSending(db, channelId);
      if (!channel || !channel.active) return { gone: true, messageIds: [], waitMs: null };
      const now = clock.now();
      const r = await room(channel, now);
      if (r.now === 0) return { gone: false, messageIds: [], waitMs: r.waitMs };
      const pending = (await pendingMessageIds(db, channelId)).map((m) => m.id);
      if (pending.length >= r.now) return { gone: false, messageIds: pending.slice(0, r.now), waitMs: null };
      const rows = await unsentEvents(db, channelId, PLAN_EVENTS);
      if (rows.length === 0) return { gone: false, messageIds: pending, waitMs: null };
      const lang: ChatLanguage = channel.team_language ?? channel.language;
      const events = await toChatEvents(channel, rows);
      const roomNow = r.now - pending.length;
      const roomLong = r.long - pending.length;
      const created: string[] = [];
      if (events.length <= roomLong && rows.length < PLAN_EVENTS) {
        // They all fit in this window: one message each, as fast as the tightest limit allows.
        for (const event of events.slice(0, roomNow)) {
          const body = messageBody(channel.kind, eventMessage(event, lang, deps.publicUrl));
          created.push(await insertMessage(db, { channelId, kind: 'event', body, eventIds: [event.id], now }));
        }
      } else {
        // More wait than the window takes: roll them into digests (split only by the vendor's size limit).
        for (const digest of digestMessages(events, lang, deps.publicUrl, MAX_CONTENT_BYTES[channel.kind]).slice(0, roomNow)) {
          const body = messageBody(channel.kind, digest.message);
          created.push(await insertMessage(db, { channelId, kind: 'digest', body, eventIds: digest.events.map((e) => (e as ChatEvent & { id: string }).id), now }));
        }
      }
      return { gone: false, messageIds: [...pending, ...created], waitMs: null };
    },

    /**
     * One attempt of a pending message: throws WindowFull (nothing sent) when the window has no
     * room; otherwise posts, records the answer and returns it.
     */
    async attempt(messageId: string): Promise<{ outcome: ChatAttemptsTable['outcome'] | 'gone' | 'already'; status: number | null; answer: string | null }> {
      const message = await messageForSending(db, messageId);
      if (!message) return { outcome: 'gone', status: null, answer: null };
      if (message.status !== 'pending') return { outcome: 'already', status: null, answer: message.status };
      const channel = await channelForSending(db, message.channel_id);
      if (!channel) return { outcome: 'gone', status: null, answer: null };
      const now = clock.now();
      const slot = await reserveAttempt(db, { channelId: channel.id, messageId, now, since: new Date(now.getTime() - longestMs()) }, (attempts) => windowRoom(channel.kind, attempts, now, deps.windowMs));
      if (!slot.ok) throw new WindowFull(slot.waitMs);
      const request = signedRequest(channel.kind, channel.url, channel.secret, message.body, now);
      let outcome: Exclude<ChatAttemptsTable['outcome'], 'sending'>;
      let status: number | null = null;
      let answer: string | null = null;
      try {
        const res = await postChecked(request.url, {
          headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'highseas-robots/1' },
          body: request.body,
          timeoutMs: deps.requestTimeoutMs ?? 10_000,
          maxAnswerBytes: MAX_ANSWER_CHARS,
          destinations: deps.destinations,
        });
        status = res.status;
        answer = res.text.slice(0, MAX_ANSWER_CHARS);
        outcome = readAnswer(channel.kind, res.status, res.text);
      } catch (e) {
        // A refused address will not become public by retrying: failed at once, with the reason.
        outcome = e instanceof DestinationRefused ? 'refused' : 'failed';
        answer = `${e instanceof DestinationRefused ? 'refused: ' : ''}${(e as Error).message || (e as Error).name}`.slice(0, MAX_ANSWER_CHARS);
      }
      // Recorded when its answer came: the vendor counted it at its arrival, somewhere before that, so
      // the window is reckoned from no earlier than the vendor's (a request slow on its way cannot
      // bring a later one inside the vendor's window).
      await recordAttempt(db, { attemptId: slot.attemptId, messageId, now: clock.now(), outcome, status, answer });
      (deps.metrics ?? processMetrics).robotDeliveries.inc({ kind: channel.kind, outcome });
      return { outcome, status, answer };
    },
  };
}
