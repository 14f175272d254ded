// Many chat events rolled into digests (a line each, linked), as few as the vendor's message size allows.
import { type ChatEvent, type ChatLanguage, deepLink, label, subject } from './chat-texts.js';
import type { ChatMessage, Mention } from './vendors.js';

/** One digest line per event: what, whom, and the link. */
function digestLine(event: ChatEvent, lang: ChatLanguage, publicUrl: string | null): string {
  const link = deepLink(publicUrl, event);
  const who = subject(event);
  return `- ${label(event.type, lang)}：${link ? `[${who}](${link})` : who}`.replace('：', lang === 'en' ? ': ' : '：');
}

const utf8 = (s: string) => Buffer.byteLength(s);

/**
 * Events rolled into digests, each within `maxBytes` of markdown: usually one, more only when the
 * vendor's message size requires it. Every event appears in exactly one digest.
 */
export function digestMessages(events: ChatEvent[], lang: ChatLanguage, publicUrl: string | null, maxBytes: number): { message: ChatMessage; events: ChatEvent[] }[] {
  const chunks: ChatEvent[][] = [];
  let current: ChatEvent[] = [];
  let size = 200; // the title and the mentions' room
  for (const event of events) {
    const line = utf8(digestLine(event, lang, publicUrl)) + 1;
    if (current.length > 0 && size + line > maxBytes) {
      chunks.push(current);
      current = [];
      size = 200;
    }
    current.push(event);
    size += line;
  }
  if (current.length > 0) chunks.push(current);
  return chunks.map((chunk) => {
    const mentions = uniqueMentions(chunk.flatMap((e) => e.mentions)).slice(0, 10);
    const title = lang === 'zh' ? `汇总：${chunk.length} 条通知` : `Digest: ${chunk.length} notifications`;
    const note = lang === 'zh' ? '消息较多，已按机器人的频率限制合并发送。' : 'Rolled into one message to stay within the robot’s rate limit.';
    return { message: { title, lines: [note, ...chunk.map((e) => digestLine(e, lang, publicUrl))], mentions }, events: chunk };
  });
}

function uniqueMentions(mentions: Mention[]): Mention[] {
  const seen = new Set<string>();
  return mentions.filter((m) => {
    const key = `${m.userId ?? ''}|${m.mobile ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
