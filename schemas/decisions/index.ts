// The five decisions and their contracts (README, "Rules").
import { z } from 'zod';
import { Duration } from '../duration.js';
import type { DecisionName } from '../rule-set.js';
import type { DecisionContract } from './contract.js';
import { GRADES } from '../vocabulary.js';
import { actorFact, contributionFact, customerFact, field, localized, repFact, valueWords } from './facts.js';

const Id = z.string().min(1).max(64);
const Tags = z.array(z.string().min(1).max(40)).max(20);

export const AssignParams = z
  .strictObject({
    rep: Id.optional().meta({ description: 'Assign to this rep (direct).' }),
    team: Id.optional().meta({ description: 'Pick a rep of this team with the strategy.' }),
    pool: Id.optional().meta({ description: 'Leave the customer in this pool.' }),
    strategy: z.enum(['direct', 'round_robin', 'least_loaded', 'contributor']).default('round_robin').meta({
      description:
        'direct: the named rep; round_robin: rotate among eligible reps; least_loaded: the eligible rep with the fewest owned customers relative to their cap; contributor: at collaboration_end, the eligible rep who contributed most (by "by").',
    }),
    by: z.enum(['score', 'followUps']).optional().meta({ description: 'contributor: rank by the contribution score (default) or by follow-ups alone.' }),
    repTags: Tags.optional().meta({ description: 'Only reps having all these tags are eligible.' }),
    minSeniorityMonths: z.number().int().min(0).max(600).optional().meta({ description: 'Only reps at least this senior are eligible.' }),
    preferNewHires: z.boolean().optional().meta({ description: 'Pick among eligible new hires first (new-hire priority).' }),
    reason: z.string().max(200).optional(),
  })
  .refine((p) => [p.rep, p.team, p.pool].filter((x) => x !== undefined).length <= 1, {
    message: 'give at most one of rep, team or pool',
  })
  .refine((p) => (p.strategy === 'direct') === (p.rep !== undefined), {
    message: 'strategy "direct" goes with "rep", and "rep" with strategy "direct"',
  });

export const GradeParams = z.strictObject({ grade: z.enum(GRADES), reason: z.string().max(200).optional() });

export const CapParams = z.strictObject({
  privateMax: z.number().int().min(0).max(100_000).meta({ description: 'Most customers owned at once (won ones do not count).' }),
  keyMax: z.number().int().min(0).max(100_000).meta({ description: 'Most key customers at once.' }),
  dailyClaimMax: z.number().int().min(0).max(100_000).meta({ description: 'Most claims per day in the rep time zone.' }),
  collaborationMax: z.number().int().min(0).max(100_000).optional().meta({ description: 'Most customers the rep collaborates on at once (default 10).' }),
});

export const ApprovalParams = z
  .strictObject({
    level: z.number().int().min(1).max(5).meta({ description: 'Approval level; levels are signed in order 1, 2, …' }),
    role: z.enum(['manager', 'admin']).optional().meta({ description: "Any rep with this role (managers: the quoting rep's team manager)." }),
    rep: Id.optional().meta({ description: 'This rep approves.' }),
    timeout: Duration.meta({ description: 'Escalate when undecided for this long.' }),
    reason: z.string().max(200).optional(),
  })
  .refine((p) => (p.role === undefined) !== (p.rep === undefined), { message: 'give exactly one of role or rep' });

export const DeadlineParams = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a lower-case name such as "follow_up" or "deal"').max(40),
  duration: Duration,
  from: z.enum(['now', 'claimed', 'stage']).default('now').meta({
    description: 'now: from this decision (a claim, a follow-up …); claimed: from the start of the tenure; stage: from when the current stage began.',
  }),
  warnBefore: Duration.optional().meta({ description: 'Warn the owner this long before the deadline.' }),
  workingDays: z.boolean().optional().meta({ description: 'Count whole days as working days (Mon–Fri) in the owner time zone.' }),
  cooldown: Duration.default('30d').meta({ description: 'After a reclaim by this deadline, the former owner may not claim the customer again for this long.' }),
  reason: z.string().regex(/^[a-z][a-z0-9_]*$/).max(40).optional().meta({ description: 'Recorded when this deadline reclaims, e.g. "no_follow_up".' }),
  pool: z.string().min(1).max(64).optional().meta({ description: 'The pool the customer returns to when this deadline reclaims it (default: its pool).' }),
});
export const ExemptParams = z.strictObject({ reason: z.string().min(1).max(200) });

const param = (en: string, zh: string, descriptionEn: string, descriptionZh: string) => ({ label: localized(en, zh), description: localized(descriptionEn, descriptionZh) });
const reasonParam = param('reason', '原因', 'A note recorded with the decision.', '随决策记录的说明。');

const TRIGGER_WORDS = valueWords({
  create: ['creation', '新建'],
  import: ['import', '导入'],
  reclaim: ['reclaim', '回收'],
  claim: ['claim', '领取'],
  follow_up: ['follow-up', '跟进'],
  stage_change: ['stage change', '阶段变更'],
  key_change: ['key-customer change', '紧密客户变更'],
  policy_change: ['rules change', '规则变更'],
  collaboration_end: ['end of working together', '协作结束'],
});

const triggerFact = (types: readonly string[]) => ({
  label: localized('trigger', '触发'),
  description: localized('What made the product take this decision.', '是什么触发了这次决策。'),
  fields: {
    type: field('string', ['trigger', '触发原因'], [`One of ${types.join(', ')}.`, `${types.map((t) => `${t}（${TRIGGER_WORDS[t]?.zh ?? t}）`).join('、')}之一。`], { enum: types, values: Object.fromEntries(types.map((t) => [t, TRIGGER_WORDS[t] ?? { en: t, zh: t }])) }),
    previousOwnerId: field('string', ['previous owner', '原负责人'], ['The owner before a reclaim.', '被回收之前的负责人。'], { nullable: true, refers: 'rep' }),
  },
});

export const contracts: Record<DecisionName, DecisionContract> = {
  assignment: {
    name: 'assignment',
    label: localized('Assignment', '分配'),
    description: localized(
      'Who gets a new, imported or reclaimed customer. The first rule that fires decides.',
      '新建、导入或回收的客户分配给谁。第一条生效的规则决定结果。',
    ),
    hitPolicy: 'first',
    facts: { customer: customerFact, trigger: triggerFact(['create', 'import', 'reclaim', 'collaboration_end']), contribution: contributionFact },
    events: {
      assign: {
        label: localized('assign', '分配'),
        description: localized('Assign to a rep, a team (by strategy) or leave in a pool.', '分配给某个业务员、某个团队（按分配方式），或留在公海。'),
        params: AssignParams,
        references: { rep: 'rep', team: 'team', pool: 'pool' },
        paramLabels: {
          rep: param('rep', '业务员', 'Assign to this rep (direct).', '直接分配给这名业务员。'),
          team: param('team', '团队', 'Pick a rep of this team with the strategy.', '按分配方式从这个团队中选一名业务员。'),
          pool: param('pool', '公海', 'Leave the customer in this pool.', '把客户留在这个公海。'),
          strategy: param(
            'strategy',
            '分配方式',
            'direct: the named rep; round_robin: rotate among eligible reps; least_loaded: the eligible rep with the fewest owned customers relative to their cap; contributor: at collaboration_end, the eligible rep who contributed most.',
            'direct：指定的业务员；round_robin：在符合条件的业务员中轮流分配；least_loaded：分给私海客户数相对上限最少的业务员；contributor：协作结束时，分给贡献最大的符合条件的业务员。',
          ),
          repTags: param('rep tags', '业务员标签', 'Only reps having all these tags are eligible.', '只有带全部这些标签的业务员才参与分配。'),
          minSeniorityMonths: param('minimum seniority (months)', '最少入职月数', 'Only reps at least this senior are eligible.', '只有入职至少这么多个月的业务员才参与分配。'),
          preferNewHires: param('prefer new hires', '新员工优先', 'Pick among eligible new hires first.', '优先在符合条件的新员工中分配。'),
          by: param('ranked by', '贡献排序', 'contributor: rank by the contribution score (default) or by follow-ups alone.', 'contributor：按贡献分（默认）或只按跟进次数排序。'),
          reason: reasonParam,
        },
      },
    },
    whenNothingFires: localized('The customer stays in its pool.', '客户留在原公海。'),
  },
  grading: {
    name: 'grading',
    label: localized('Grading', '分级'),
    description: localized('The grade A–E from customer facts, on create and after each follow-up.', '根据客户信息评定 A–E 等级，在新建客户和每次跟进后进行。'),
    hitPolicy: 'first',
    facts: { customer: customerFact },
    events: {
      grade: {
        label: localized('grade', '定级'),
        description: localized('Set the grade.', '设定客户等级。'),
        params: GradeParams,
        paramLabels: { grade: param('grade', '等级', 'A close ≤1 month … E no demand.', 'A：1 个月内成交 … E：无需求。'), reason: reasonParam },
      },
    },
    whenNothingFires: localized('The grade stays as it is.', '等级保持不变。'),
  },
  caps: {
    name: 'caps',
    label: localized('Caps', '上限'),
    description: localized("A rep's private cap, key-customer cap and daily claim limit from rep facts.", '根据业务员信息确定其私海客户上限、紧密客户上限和每日认领上限。'),
    hitPolicy: 'first',
    facts: { rep: repFact },
    events: {
      cap: {
        label: localized('caps', '上限'),
        description: localized('The caps of this rep.', '这名业务员的各项上限。'),
        params: CapParams,
        paramLabels: {
          privateMax: param('private cap', '私海上限', 'Most customers owned at once (won ones do not count).', '同时最多可拥有的客户数（已成交的不计）。'),
          keyMax: param('key-customer cap', '紧密客户上限', 'Most key customers at once.', '同时最多可拥有的紧密客户数。'),
          dailyClaimMax: param('daily claim limit', '每日认领上限', 'Most claims per day in the rep time zone.', '按业务员所在时区计算，每天最多认领的客户数。'),
          collaborationMax: param('collaboration cap', '协作上限', 'Most customers the rep collaborates on at once (default 10).', '同时最多可协作跟进的客户数（默认 10）。'),
        },
      },
    },
    whenNothingFires: localized('The rep may not claim (all caps 0).', '该业务员不能认领客户（各项上限均为 0）。'),
  },
  approval: {
    name: 'approval',
    label: localized('Approval', '审批'),
    description: localized(
      'Whether an external quote needs sign-off, at which levels and by whom. Every rule that fires adds a level.',
      '对外报价是否需要审批、分几级、由谁审批。每条生效的规则都会加上一级审批。',
    ),
    hitPolicy: 'collect',
    facts: {
      quote: {
        label: localized('quote', '报价'),
        description: localized('The external quote.', '对外报价。'),
        fields: {
          amount: field('number', ['amount', '报价金额'], ['Total in the quote currency.', '以报价币种计的总金额。']),
          currency: field('string', ['currency', '币种'], ['ISO 4217 code, e.g. "USD".', 'ISO 4217 币种代码，如 "USD"。']),
          amountUsd: field('number', ['amount in USD', '美元金额'], ['Total converted to USD.', '折合美元的总金额。']),
          discountPct: field('number', ['discount %', '折扣率 %'], ['Discount off list price, percent.', '相对标价的折扣，百分比。']),
          marginPct: field('number', ['margin %', '毛利率 %'], ['Gross margin, percent.', '毛利率，百分比。']),
          itemCount: field('number', ['line items', '报价明细行数'], ['Number of line items.', '报价中的明细行数。'], { integer: true }),
          isFirstQuote: field('boolean', ['first quote', '首次报价'], ['The first quote to this customer.', '是给这个客户的第一份报价。']),
        },
      },
      customer: customerFact,
      rep: repFact,
    },
    events: {
      require_approval: {
        label: localized('require approval', '需要审批'),
        description: localized('This level must approve.', '这一级必须审批通过。'),
        params: ApprovalParams,
        references: { rep: 'rep' },
        paramLabels: {
          level: param('level', '审批级别', 'Approval level; levels are signed in order 1, 2, …', '审批级别；按 1、2、… 的顺序依次审批。'),
          role: param('role', '审批角色', "Any rep with this role (managers: the quoting rep's team manager).", '具有该角色的人审批（经理：报价业务员所在团队的经理）。'),
          rep: param('approver', '审批人', 'This rep approves.', '由这名业务员审批。'),
          timeout: param('timeout', '超时', 'Escalate when undecided for this long.', '超过这么长时间未审批则升级。'),
          reason: reasonParam,
        },
      },
    },
    whenNothingFires: localized('No approval is needed.', '无需审批。'),
  },
  reclaim: {
    name: 'reclaim',
    label: localized('Reclaim', '回收'),
    description: localized(
      'Deadlines of an owned customer. Every deadline that fires counts; the earliest one applies. "exempt" removes all deadlines.',
      '已认领客户的回收期限。所有生效的期限都计入，以最早的为准；"exempt"（免回收）取消所有期限。',
    ),
    hitPolicy: 'collect',
    facts: {
      customer: customerFact,
      rep: repFact,
      trigger: triggerFact(['claim', 'follow_up', 'stage_change', 'key_change', 'policy_change']),
      actor: actorFact,
    },
    events: {
      deadline: {
        label: localized('deadline', '回收期限'),
        description: localized('A deadline; the earliest of all that fire is the next one.', '一个回收期限；所有生效的期限中最早的那个为下一个期限。'),
        params: DeadlineParams,
        references: { pool: 'pool' },
        paramLabels: {
          name: param('name', '名称', 'A lower-case name such as "follow_up" or "deal".', '小写名称，如 "follow_up"（跟进）或 "deal"（成交）。'),
          duration: param('within', '期限', 'How long, e.g. "3d", "12h".', '期限长度，如 "3d"（3 天）、"12h"（12 小时）。'),
          from: param(
            'counted from',
            '起算时间',
            'now: from this decision (a claim, a follow-up …); claimed: from the start of the tenure; stage: from when the current stage began.',
            'now：从本次决策（认领、跟进 …）起算；claimed：从认领开始起算；stage：从进入当前阶段起算。',
          ),
          warnBefore: param('warn before', '提前提醒', 'Warn the owner this long before the deadline.', '在期限到达前这么长时间提醒负责人。'),
          workingDays: param('working days', '按工作日', 'Count whole days as working days (Mon–Fri) in the owner time zone.', '按负责人所在时区的工作日（周一至周五）计算整天。'),
          cooldown: param(
            'cooldown',
            '冷却期',
            'After a reclaim by this deadline, the former owner may not claim the customer again for this long.',
            '因该期限被回收后，原负责人在这段时间内不能再次认领该客户。',
          ),
          reason: param('reclaim reason', '回收原因', 'Recorded when this deadline reclaims, e.g. "no_follow_up".', '因该期限回收时记录的原因，如 "no_follow_up"（未跟进）。'),
          pool: param('pool', '公海', 'The pool the customer returns to when this deadline reclaims it (default: its pool).', '因该期限回收时客户退回的公海（默认：原公海）。'),
        },
      },
      exempt: {
        label: localized('exempt', '免回收'),
        description: localized('No deadline at all (e.g. won customers).', '没有任何回收期限（如已成交客户）。'),
        params: ExemptParams,
        paramLabels: { reason: param('reason', '原因', 'Why the customer is exempt.', '免回收的原因。') },
      },
    },
    whenNothingFires: localized('No deadline: the customer is never reclaimed.', '没有回收期限：客户不会被回收。'),
    // Decided on a claim, a follow-up, a stage change (won too) or a policy change: always an owned or a won customer.
    sees: { 'customer.status': ['owned', 'won'] },
  },
};

/** A decision's name in Chinese as the rule editor labels it (分配, 分级 …); a code that is no decision as it is. */
export const decisionLabelZh = (code: string): string => (Object.hasOwn(contracts, code) ? contracts[code as DecisionName].label.zh : code);

export type { DecisionContract } from './contract.js';
