// Words for the codes the server's own texts name, in English and Chinese: why a customer was
// reclaimed (the shipped reclaim rules' reasons), how a rep was picked, and the shipped deadline
// names. The admin UI has the same words in its i18n files; a code not listed is shown as written.
import type { Language } from './language.js';
import { shippedRuleText } from './shipped-rule-words.js';

const words = (table: Record<string, [string, string]>) => (code: string, language: Language): string => {
  const w = Object.hasOwn(table, code) ? table[code] : undefined;
  return w ? w[language === 'zh' ? 1 : 0] : code;
};

/** A reclaim's reason, or an assignment's when the rule gave none (its strategy); else a shipped rule's reason (shipped-rule-words). */
export const reasonWords = (code: string, language: Language): string => {
  const w = reasonTable(code, language);
  return w === code ? shippedRuleText(code, language) : w;
};

const reasonTable = words({
  no_follow_up: ['no follow-up in time', '未按时跟进'],
  no_quote: ['no quote in time after the inquiry', '询盘后未按时报价'],
  no_deal: ['no deal in time', '未按时成交'],
  'round robin': ['round robin', '轮流分配'],
  'least loaded': ['least loaded first', '负载最少优先'],
  contributor: ['the top contributor', '贡献最大者'],
  direct: ['direct', '直接指定'],
  // Reasons the server stored as English before they were stored with a code (pick-reason.ts).
  'no assignment rule fired': ['no assignment rule fired', '没有分配规则适用'],
  'imported with "assign": false': ['imported with "assign": false', '导入时选择不分配，留在公海'],
  'created with "assign": false': ['created with "assign": false', '创建时选择不分配，留在公海'],
  'claimed by its creator': ['claimed by its creator', '由创建人领取'],
  // A release's stored reason when the releaser gave none (claims.routes.ts).
  'released by owner': ['released by the owner', '负责人放回公海'],
  'released by manager': ['released by a manager', '经理放回公海'],
  'released by admin': ['released by an admin', '管理员放回公海'],
  dispute: ['dispute accepted for the rep', '申诉成立'],
  // How a joint follow-up ended without the assignment rules (collaborators.service.ts, collaboration-ends.ts).
  'claimed during the joint follow-up: its owner keeps it': ['claimed during the joint follow-up: its owner keeps it', '联合攻坚期间已被领取：由负责人保留'],
  'merged into another customer': ['merged into another customer', '已合并到另一个客户'],
});

/**
 * Why a rep could not take a customer (the error codes of a claim or assignment refusal, and of a
 * handed-over customer that went to the pool instead). The one list of these words: the server's
 * texts and the admin UI's dispute form both call it.
 */
export const refusalWords = words({
  CAP_REACHED: ['private cap reached', '私海已满'],
  DAILY_LIMIT_REACHED: ['daily claim limit reached', '当日领取上限'],
  COOLDOWN: ['in cooldown', '冷却期'],
  KEY_CAP_REACHED: ['key-customer quota reached', '紧密客户名额已满'],
  REP_INACTIVE: ['the rep is inactive', '业务员已停用'],
  REP_ON_LEAVE: ['the rep is on leave', '业务员休假中'],
  NO_ELIGIBLE_REP: ['the assignment rules found nobody eligible', '分配规则找不到可分配的业务员'],
});

/** What a dispute is about: the kind of decision disputed. */
export const disputeKindWords = words({
  assignment: ['assignment', '分配'],
  claim_refusal: ['claim refusal', '领取被拒'],
  reclaim: ['reclaim', '回收'],
});

/** The shipped reclaim rules' deadline names. */
export const deadlineWords = words({
  first_follow_up: ['first follow-up', '首次跟进'],
  follow_up: ['follow-up', '跟进'],
  team_follow_up: ['team follow-up', '团队跟进'],
  quote: ['quote', '报价'],
  deal: ['deal', '成交'],
});

const paramValueTables: Record<string, (code: string, language: Language) => string> = {
  name: deadlineWords,
  reason: reasonWords,
  strategy: words({
    direct: ['direct', '直接指定'],
    round_robin: ['round robin', '轮流分配'],
    least_loaded: ['least loaded first', '负载最少优先'],
    contributor: ['the top contributor', '贡献最大者'],
  }),
  from: words({ now: ['from the decision', '从本次决策起算'], claimed: ['from the claim', '从认领起算'], stage: ['from the stage', '从进入当前阶段起算'] }),
  role: words({ admin: ['admin', '管理员'], manager: ['manager', '经理'], rep: ['rep', '业务员'] }),
};

/**
 * An event param's value in words, where the param is one the shipped rules give coded values (a
 * deadline's name, a reason, a strategy, where a deadline counts from, an approver's role); any
 * other value as written.
 */
export const paramValueWords = (param: string, value: string, language: Language): string =>
  Object.hasOwn(paramValueTables, param) ? paramValueTables[param]!(value, language) : value;
