// Why a customer of a handover or bulk move went to the pool, was kept, refused or failed, by the
// code the server stores with it, in English and Chinese: the admin UI shows these words
// (i18n handover.codes), and the API answers a Chinese reader's item message with them.
import type { Language } from './language.js';

const WORDS = {
  CAP_REACHED: ["over the receiver's private cap", '接收人私海已满'],
  REP_INACTIVE: ['the receiver is inactive', '接收人已停用'],
  REP_ON_LEAVE: ['the receiver is on leave', '接收人今天休假'],
  NO_ELIGIBLE_REP: ['the assignment rules found nobody eligible', '分配规则找不到符合条件的业务员'],
  NOT_OWNER: ['not yours to move, or it changed hands first', '不在你可转移的范围内，或已先易主'],
  ALREADY_OWNER: ['the receiver has it already', '接收人已拥有该客户'],
  ALREADY_IN_POOL: ['it is in that pool already', '客户已在该公海池中'],
  POOL_CLOSED: ['the pool is not open to you', '该公海池未对你开放'],
  CUSTOMER_WON: ['a won customer never returns to the pool', '成交客户不会退回公海'],
  NOT_FOUND: ['the customer no longer exists', '客户已不存在'],
  CONFLICT: ['it changed at the same moment; try again', '同时被修改，请重试'],
  WORKFLOW_UNAVAILABLE: ['the workflow service was unavailable', '工作流服务不可用'],
  KEY_CAP_REACHED: ["over the receiver's key-customer quota", '接收人紧密客户名额已满'],
  DAILY_LIMIT_REACHED: ["the receiver's daily claim limit is reached", '接收人已达当日领取上限'],
  COOLDOWN: ['the receiver is in cooldown for this customer', '接收人对该客户处于冷却期'],
  COLLABORATION_CAP_REACHED: ["over the receiver's collaboration cap", '接收人协作客户已达上限'],
  ILLEGAL_TRANSITION: ['its stage does not allow the move', '客户当前阶段不允许转移'],
} as const satisfies Record<string, readonly [string, string]>;

export type MoveCode = keyof typeof WORDS;

const table = (i: 0 | 1) => Object.fromEntries(Object.entries(WORDS).map(([code, w]) => [code, w[i]])) as Record<MoveCode, string>;

/** The words of every listed code in one language (the admin UI's i18n files). */
export const MOVE_CODE_WORDS: Record<Language, Record<MoveCode, string>> = { en: table(0), zh: table(1) };

/** A listed code's words in `language`, or null for a code not listed. */
export const moveCodeText = (code: string, language: Language): string | null => (Object.hasOwn(WORDS, code) ? WORDS[code as MoveCode][language === 'zh' ? 1 : 0] : null);
