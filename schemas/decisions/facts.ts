// The facts shared by several decisions: the customer, the rep, and what triggered the decision,
// each field labelled in English and Chinese for the editor and the explanation sentences.
import { GRADES, ROLES, STAGES } from '../vocabulary.js';
import type { FactSpec, FieldSpec, Localized } from './contract.js';

/** A field with its labels: `field('number', ['days in stage', '阶段停留天数'], ['Whole days …', '…'])`. */
export function field(type: FieldSpec['type'], label: [string, string], description: [string, string], more: Partial<Pick<FieldSpec, 'enum' | 'nullable' | 'integer' | 'values' | 'refers'>> = {}): FieldSpec {
  return { type, label: { en: label[0], zh: label[1] }, description: { en: description[0], zh: description[1] }, ...more };
}

export const localized = (en: string, zh: string): Localized => ({ en, zh });

/** Words for a field's values: `{ inquiry: ['inquiry', '询盘'] }`. */
export const valueWords = (words: Record<string, [string, string]>): Record<string, Localized> =>
  Object.fromEntries(Object.entries(words).map(([value, [en, zh]]) => [value, localized(en, zh)]));

const STAGE_WORDS = valueWords({ claimed: ['claimed', '已领取'], follow_up: ['following up', '跟进中'], inquiry: ['inquiry', '询盘'], costing: ['costing', '核价'], quote: ['quote', '报价'], sample: ['samples', '样品'], won: ['won', '成交'] });
const STATUS_WORDS = valueWords({ pool: ['in the pool', '在公海'], owned: ['owned', '私有'], won: ['won', '已成交'] });
const ROLE_WORDS = valueWords({ admin: ['admin', '管理员'], manager: ['manager', '经理'], rep: ['rep', '业务员'] });
const ACTOR_WORDS = valueWords({ owner: ['owner', '负责人'], collaborator: ['collaborator', '协作人'], manager: ['manager', '经理'] });

const nullable = { nullable: true } as const;
const whole = { integer: true } as const;
const wholeOrUnknown = { integer: true, nullable: true } as const;

export const customerFact: FactSpec = {
  label: localized('customer', '客户'),
  description: localized('The customer the decision is about.', '本次决策涉及的客户。'),
  fields: {
    id: field('string', ['customer id', '客户 ID'], ['Customer id.', '客户的编号。']),
    country: field('string', ['country', '国家'], ['ISO 3166-1 alpha-2 country code, e.g. "DE".', '两位国家代码（ISO 3166-1），如 "DE"。'], nullable),
    region: field('string', ['region', '区域'], ['Sales region, e.g. "EMEA".', '销售区域，如 "EMEA"。'], nullable),
    source: field('string', ['source', '客户来源'], ['Source channel, e.g. "alibaba", "trade_show", "website".', '获客渠道，如 "alibaba"（阿里巴巴）、"trade_show"（展会）、"website"（官网）。'], nullable),
    productLine: field('string', ['product line', '产品线'], ['Product line the customer asked about.', '客户询问的产品线。'], nullable),
    language: field('string', ['language', '语言'], ['Preferred language, e.g. "en", "es".', '客户偏好的语言，如 "en"、"es"。'], nullable),
    poolId: field('string', ['pool', '公海'], ['The pool the customer is in (or came from).', '客户所在（或来自）的公海。'], { refers: 'pool' }),
    status: field('string', ['status', '客户状态'], ['pool, owned or won.', 'pool（在公海）、owned（已认领）或 won（已成交）。'], { enum: ['pool', 'owned', 'won'], values: STATUS_WORDS }),
    stage: field('string', ['stage', '跟进阶段'], ['Lifecycle stage while owned.', '认领期间客户所处的跟进阶段。'], { enum: STAGES, values: STAGE_WORDS, ...nullable }),
    grade: field('string', ['grade', '等级'], ['Current grade (A close ≤1 month … E no demand).', '当前等级（A：1 个月内成交 … E：无需求）。'], { enum: GRADES, ...nullable }),
    keyCustomer: field('boolean', ['key customer', '紧密客户'], ['A protected key customer.', '受保护的紧密客户。']),
    isNew: field('boolean', ['new customer', '新客户'], ['Nobody owned it before its current owner (in the pool: never owned); false once won.', '在当前负责人之前从未被任何人认领过（在公海中：从未被认领）；成交后为否。']),
    createdAt: field('date', ['created at', '创建时间'], ['When the customer was created.', '客户的创建时间。']),
    daysSinceCreated: field('number', ['days since created', '创建天数'], ['Whole days since creation.', '自创建以来的整天数。'], whole),
    claimedAt: field('date', ['claimed at', '认领时间'], ['Start of the current tenure.', '本次认领的开始时间。'], nullable),
    daysSinceClaim: field('number', ['days since claim', '认领天数'], ['Whole days since the current tenure began.', '自本次认领以来的整天数。'], wholeOrUnknown),
    stageAt: field('date', ['stage since', '进入阶段时间'], ['When the current stage began.', '进入当前阶段的时间。'], nullable),
    daysInStage: field('number', ['days in stage', '阶段停留天数'], ['Whole days in the current stage.', '在当前阶段停留的整天数。'], wholeOrUnknown),
    followUps: field('number', ['follow-ups', '跟进次数'], ['Follow-ups logged, across all owners.', '所有负责人记录的跟进总次数。'], whole),
    daysSinceLastFollowUp: field('number', ['days since last follow-up', '距上次跟进天数'], ['Whole days since the last follow-up.', '距上一次跟进的整天数。'], wholeOrUnknown),
    reclaims: field('number', ['reclaims', '回收次数'], ['Times the customer was reclaimed to the pool.', '客户被回收到公海的次数。'], whole),
    expectedCloseDays: field('number', ['expected close days', '预计成交天数'], ["The owner's latest estimate of days until the deal closes.", '负责人最近一次估计的距成交天数。'], wholeOrUnknown),
    noDemand: field('boolean', ['no demand', '无需求'], ['The owner recorded that the customer has no demand.', '负责人记录客户没有需求。']),
    repGrade: field('string', ['grade given by the owner', '负责人评定等级'], ['The grade the owner gave at the latest follow-up.', '负责人在最近一次跟进时评定的等级。'], { enum: GRADES, ...nullable }),
  },
};

export const repFact: FactSpec = {
  label: localized('rep', '业务员'),
  description: localized('A sales rep.', '一名业务员（销售）。'),
  fields: {
    id: field('string', ['rep id', '业务员 ID'], ['Rep id.', '业务员的编号。'], { refers: 'rep' }),
    role: field('string', ['rep role', '业务员角色'], ['admin, manager or rep.', 'admin（管理员）、manager（经理）或 rep（业务员）。'], { enum: ROLES, values: ROLE_WORDS }),
    teamId: field('string', ['team', '团队'], ['Team id.', '所属团队的编号。'], { ...nullable, refers: 'team' }),
    seniorityMonths: field('number', ['months of seniority', '入职月数'], ['Whole months since hire.', '入职以来的整月数。'], whole),
    newHire: field('boolean', ['new hire', '新员工'], ['Hired less than 3 months ago.', '入职不满 3 个月。']),
    tags: field('string[]', ['rep tags', '业务员标签'], ['Tags an admin gave the rep, e.g. "senior", "spanish".', '管理员给业务员打的标签，如 "senior"、"spanish"。']),
    timeZone: field('string', ['rep time zone', '业务员时区'], ['IANA time zone, e.g. "Asia/Shanghai".', 'IANA 时区，如 "Asia/Shanghai"。']),
  },
};

/** Who did what triggered a reclaim decision (a follow-up by the owner, a collaborator or a manager). */
export const actorFact: FactSpec = {
  label: localized('actor', '操作人'),
  description: localized('Who acted: on a follow-up, the owner, a collaborator or a manager; otherwise the owner.', '操作的人：跟进时为负责人、协作人或经理；其他情况为负责人。'),
  fields: {
    role: field('string', ['actor role', '操作人角色'], ['owner, collaborator or manager.', 'owner（负责人）、collaborator（协作人）或 manager（经理）。'], { enum: ['owner', 'collaborator', 'manager'], values: ACTOR_WORDS }),
  },
};

/** Each person's contribution when a collaboration ends (assignment, trigger collaboration_end). */
export const contributionFact: FactSpec = {
  label: localized('contribution', '贡献'),
  description: localized(
    'At collaboration_end: what the owner and collaborators did (score = follow-ups + 2 × stages + 3 × approved quotes). Empty (0, null) for other triggers.',
    '协作结束时：负责人和协作人的贡献（贡献分 = 跟进次数 + 2 × 推进阶段数 + 3 × 获批报价数）。其他触发时为空（0、null）。',
  ),
  fields: {
    participants: field('number', ['participants', '参与人数'], ['How many people worked on the customer.', '参与跟进这个客户的人数。'], whole),
    totalFollowUps: field('number', ['follow-ups of the team', '团队跟进次数'], ['Follow-ups logged by all of them.', '所有参与人记录的跟进次数。'], whole),
    topRepId: field('string', ['top contributor', '贡献最大者'], ['The rep with the highest score.', '贡献分最高的业务员。'], { ...nullable, refers: 'rep' }),
    topScore: field('number', ['top score', '最高贡献分'], ["The top contributor's score.", '贡献最大者的贡献分。'], whole),
    topShare: field('number', ['top share', '最高贡献占比'], ["The top contributor's share of the team's score, 0–1.", '贡献最大者占团队贡献分的比例（0–1）。']),
    topFollowUps: field('number', ['follow-ups of the top contributor', '贡献最大者跟进次数'], ['Follow-ups the top contributor logged.', '贡献最大者记录的跟进次数。'], whole),
    mostFollowUpsRepId: field('string', ['most follow-ups', '跟进最多者'], ['The rep who logged the most follow-ups.', '跟进次数最多的业务员。'], { ...nullable, refers: 'rep' }),
    mostFollowUps: field('number', ['most follow-ups (count)', '最多跟进次数'], ['How many follow-ups they logged.', '跟进最多者的跟进次数。'], whole),
  },
};
