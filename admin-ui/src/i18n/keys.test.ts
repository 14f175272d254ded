// Every literal translation key the UI's sources use exists in English (and so, by the Messages
// type, in Chinese): a misspelt key would otherwise show up as the raw key in the page.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ApprovalDecided } from '../../../schemas/quotes.js';
import { CustomerStatus } from '../../../schemas/common.js';
import { DecisionName } from '../../../schemas/rule-set.js';
import { EVENT_TYPES, LEVEL_STATUSES, QUOTE_STATUSES, STAGES } from '../../../schemas/vocabulary.js';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [full] : [];
  });
}

const lookup = (messages: unknown, key: string) => key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages);

describe('translation keys', () => {
  const used = new Map<string, string>();
  for (const file of sources(src)) {
    const text = readFileSync(file, 'utf8');
    // t('a.b'), t("a.b"), and keys given as values: label: 'nav.pool', ? 'stage.markKey' : …
    for (const m of text.matchAll(/\bt\(\s*['"]([a-zA-Z_]+(?:\.[a-zA-Z_]+)+)['"]/g)) used.set(m[1]!, path.relative(src, file));
    for (const m of text.matchAll(/['"]((?:nav|stage|stages|quote|approvals|notifications|settings|pools|holidays|leave|tokens|webhooks|errors|mine|fields|common)\.[a-zA-Z_]+(?:\.[a-zA-Z_]+)*)['"]/g)) {
      used.set(m[1]!, path.relative(src, file));
    }
  }

  it('finds the keys in the sources', () => {
    expect(used.size).toBeGreaterThan(200);
  });

  it('has every key the sources use, as a string, in English and Chinese', () => {
    const missing = [...used].filter(([key]) => typeof lookup(en, key) !== 'string' || typeof lookup(zhCN, key) !== 'string').map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it('names every stage, quote status, approval level status and notification kind the API sends', () => {
    for (const stage of STAGES) expect(typeof lookup(zhCN, `stages.${stage}`)).toBe('string');
    for (const status of QUOTE_STATUSES) expect(typeof lookup(zhCN, `quote.status.${status}`)).toBe('string');
    for (const status of LEVEL_STATUSES) expect(typeof lookup(zhCN, `quote.levelStatus.${status}`)).toBe('string');
    for (const kind of EVENT_TYPES) {
      expect(typeof lookup(zhCN, `notifications.kinds.${kind}`)).toBe('string');
    }
    for (const decided of ApprovalDecided.shape.decided.options) expect(typeof lookup(zhCN, `approvals.done.${decided}`)).toBe('string');
  });

  it('names every customer status, history kind, shipped deadline and sign-in method the API sends, in both languages', () => {
    const codes = {
      status: CustomerStatus.options,
      // Ownership events, then activities: follow-ups, stage work, approvals, collaboration, disputes, imports.
      history: [
        'claimed', 'released', 'reclaimed', 'assigned', 'reassigned', 'won', 'merged', 'reconciled', 'pool_moved',
        'email', 'call', 'visit', 'meeting', 'message', 'other', 'inquiry', 'costing', 'quote', 'sample_make', 'sample_send',
        'quote_approved', 'quote_rejected', 'quote_level_approved', 'quote_escalated', 'collaborator_added', 'collaborator_removed',
        'joint_opened', 'joint_closed', 'contributions_recorded', 'dispute_filed', 'dispute_decided', 'import_filled', 'details_changed',
      ],
      deadline: ['first_follow_up', 'follow_up', 'deal', 'quote'],
      signIn: ['password', 'oidc', 'wecom', 'dingtalk', 'feishu'],
    };
    for (const messages of [en, zhCN]) {
      for (const [kind, list] of Object.entries(codes)) for (const code of list) expect(typeof lookup(messages, `codes.${kind}.${code}`), `codes.${kind}.${code}`).toBe('string');
    }
  });

  it('names every decision and hit policy the API sends, in both languages', () => {
    for (const messages of [en, zhCN]) {
      for (const decision of DecisionName.options) expect(typeof lookup(messages, `customer.decisionNames.${decision}`)).toBe('string');
      for (const policy of ['first', 'collect']) expect(typeof lookup(messages, `rules.hitPolicies.${policy}`)).toBe('string');
    }
  });
});
