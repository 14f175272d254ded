// What one fired event means, as the head of a sentence: "Grade A", "分配给团队 t1 的业务员（轮流分配）".
import type { DecisionContract } from '../../schemas/decisions/contract.js';
import { deadlineWords } from '../../schemas/reason-words.js';
import { shippedRuleText } from '../../schemas/shipped-rule-words.js';
import { type Language, durationText, pick, say, valueText } from './words.js';

type Params = Record<string, unknown>;

const STRATEGIES: Record<string, [string, string]> = {
  round_robin: ['round robin', '轮流分配'],
  least_loaded: ['least loaded first', '负载最少优先'],
  contributor: ['the top contributor', '贡献最大者'],
};

function assignPhrase(p: Params, language: Language): string {
  const strategy = STRATEGIES[String(p.strategy ?? 'round_robin')];
  const how: string[] = strategy ? [say(language, ...strategy)] : [];
  if (Array.isArray(p.repTags) && p.repTags.length) how.push(say(language, `tagged ${p.repTags.join(', ')}`, `标签 ${p.repTags.join('、')}`));
  if (typeof p.minSeniorityMonths === 'number') how.push(say(language, `at least ${p.minSeniorityMonths} months in`, `入职至少 ${p.minSeniorityMonths} 个月`));
  if (p.preferNewHires === true) how.push(say(language, 'new hires first', '新员工优先'));
  if (p.by === 'followUps') how.push(say(language, 'by follow-ups', '按跟进次数'));
  const manner = how.length ? say(language, ` (${how.join('; ')})`, `（${how.join('；')}）`) : '';
  if (typeof p.rep === 'string') return say(language, `Assign to rep ${p.rep}`, `分配给业务员 ${p.rep}`);
  if (typeof p.pool === 'string') return say(language, `Stay in pool ${p.pool}`, `留在公海 ${p.pool}`);
  if (typeof p.team === 'string') return say(language, `Assign to a rep of team ${p.team}${manner}`, `分配给团队 ${p.team} 的业务员${manner}`);
  return say(language, `Assign to an eligible rep${manner}`, `分配给符合条件的业务员${manner}`);
}

function approverPhrase(p: Params, language: Language): string {
  if (typeof p.rep === 'string') return say(language, `rep ${p.rep}`, `业务员 ${p.rep}`);
  if (p.role === 'admin') return say(language, 'an admin', '管理员');
  return say(language, 'a manager', '经理');
}

/** "level 1 by a manager within 1 day" / "第 1 级由经理在 1 天内审批". */
export function approvalLevelPhrase(p: Params, language: Language): string {
  const who = approverPhrase(p, language);
  const within = durationText(p.timeout, language);
  return say(language, `level ${valueText(p.level, language)} by ${who} within ${within}`, `第 ${valueText(p.level, language)} 级由${who}在 ${within}内审批`);
}

/** The shipped rules' deadline names in words; a name a rule author chose is shown as written. */
const deadlineName = (name: unknown, language: Language) => (typeof name === 'string' ? deadlineWords(name, language) : valueText(name, language));

/** "Deadline follow-up in 1 day, warning 4 hours before" / "回收期限「跟进」：1 天，提前 4 小时提醒". */
export function deadlinePhrase(p: Params, language: Language): string {
  const from = p.from === 'claimed' ? say(language, ' from the claim', '自认领起 ') : p.from === 'stage' ? say(language, ' from the stage start', '自进入当前阶段起 ') : '';
  const days = p.workingDays === true ? say(language, ' (working days)', '（按工作日）') : '';
  const warn = typeof p.warnBefore === 'string' ? say(language, `, warning ${durationText(p.warnBefore, language)} before`, `，提前 ${durationText(p.warnBefore, language)}提醒`) : '';
  const duration = durationText(p.duration, language);
  const name = deadlineName(p.name, language);
  return say(language, `Deadline "${name}" in ${duration}${from}${days}${warn}`, `回收期限「${name}」：${from}${duration}${days}${warn}`);
}

/** The head of a sentence for one fired event of a first-hit decision, or of exempt. */
export function eventPhrase(type: string, p: Params, contract: DecisionContract, language: Language): string {
  switch (type) {
    case 'grade':
      return say(language, `Grade ${valueText(p.grade, language)}`, `等级 ${valueText(p.grade, language)}`);
    case 'assign':
      return assignPhrase(p, language);
    case 'cap':
      return say(
        language,
        `Caps: ${valueText(p.privateMax, language)} customers, ${valueText(p.keyMax, language)} key customers, ${valueText(p.dailyClaimMax, language)} claims a day`,
        `上限：私海 ${valueText(p.privateMax, language)} 个客户，紧密客户 ${valueText(p.keyMax, language)} 个，每天认领 ${valueText(p.dailyClaimMax, language)} 个`,
      ) + (typeof p.collaborationMax === 'number' ? say(language, `, collaborating on ${valueText(p.collaborationMax, language)}`, `，协作 ${valueText(p.collaborationMax, language)} 个`) : '');
    case 'exempt':
      return say(language, `No reclaim deadline (exempt: ${valueText(p.reason, language)})`, `免回收（${valueText(typeof p.reason === 'string' ? shippedRuleText(p.reason, language) : p.reason, language)}）`);
    case 'deadline':
      return deadlinePhrase(p, language);
    case 'require_approval':
      return say(language, `Approval ${approvalLevelPhrase(p, language)}`, `需要审批：${approvalLevelPhrase(p, language)}`);
    default: {
      const spec = contract.events[type];
      const name = spec ? pick(spec.label, language) : type;
      const params = Object.entries(p).map(([k, v]) => `${spec?.paramLabels[k] ? pick(spec.paramLabels[k].label, language) : k} ${valueText(v, language)}`);
      return params.length ? `${name}: ${params.join(', ')}` : name;
    }
  }
}
