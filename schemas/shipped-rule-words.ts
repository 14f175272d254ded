// The shipped rule sets' own texts (rules/defaults: rule names, reasons, descriptions, the test
// cases' names) in Chinese.
// The rule sets are written in English and installed as they are; wherever the server or the admin
// UI shows one of these texts to a Chinese reader, it shows these words instead. A text an admin
// wrote (or changed) is not listed and is shown as written. rules/defaults/shipped-words.test.ts keeps
// every text of the shipped rule sets listed.
import type { Language } from './language.js';

const ZH: Record<string, string> = {
  // assignment
  'Who gets a new, imported or reclaimed customer, and who keeps one worked together. The top contributor gets it when a collaboration ends; A-grade customers go to senior reps; new customers favour new hires; everyone else rotates.':
    '新建、导入或回收的客户分给谁，协作的客户由谁留下。协作结束时归贡献最大者；A 级客户给资深业务员；新客户优先给新人；其余轮流分配。',
  'Collaboration ends: the top contributor': '协作结束：贡献最大者',
  'the rep who contributed most gets it': '由贡献最大的业务员接手',
  'A-grade customers to senior reps': 'A 级客户给资深业务员',
  'A-grade customers go to senior reps': 'A 级客户分给资深业务员',
  'New customers favour new hires': '新客户优先给新人',
  'new hires get new customers first': '新人优先分到新客户',
  'Everyone else: round robin': '其余：轮流分配',
  'rotation among eligible reps': '在可接收的业务员之间轮流',
  // grading
  "A close within 1 month, B within 3, C within 6, D later, E no demand. The owner's estimate counts first, then the owner's own grade.":
    '1 个月内成交为 A，3 个月内为 B，6 个月内为 C，更晚为 D，无需求为 E。先看负责人预计的成交时间，再看负责人自评的等级。',
  'No demand: E': '无需求：E',
  'no demand': '无需求',
  'Sample stage: A': '样品阶段：A',
  'samples sent': '已寄样',
  'Close within 1 month: A': '1 个月内成交：A',
  'expected to close within 1 month': '预计 1 个月内成交',
  'Close within 3 months: B': '3 个月内成交：B',
  'expected to close within 3 months': '预计 3 个月内成交',
  'Close within 6 months: C': '6 个月内成交：C',
  'expected to close within 6 months': '预计 6 个月内成交',
  'Close later: D': '更晚成交：D',
  'expected to close in more than 6 months': '预计 6 个月以后成交',
  'Owner says A': '负责人评为 A',
  'Owner says B': '负责人评为 B',
  'Owner says C': '负责人评为 C',
  'Owner says D': '负责人评为 D',
  'Owner says E': '负责人评为 E',
  'graded by the owner': '负责人自评等级',
  'Ungraded: C': '未分级：C',
  'default grade until someone knows more': '在了解更多之前的默认等级',
  // caps
  'Private cap, key-customer cap, daily claim limit and collaboration cap by seniority. Won customers never count.':
    '按资历设定私海上限、紧密客户上限、每日领取上限和协作上限。已成交客户不计入。',
  'New hires (under 3 months)': '新人（入职未满 3 个月）',
  'Senior reps (2 years or more)': '资深业务员（入职 2 年及以上）',
  'Everyone else': '其余所有人',
  // approval
  'External quotes that need sign-off: deep discounts, thin margins, large amounts, big first quotes to new customers.':
    '需要审批的对外报价：大幅折扣、利润率低、金额大、新客户的大额首次报价。',
  'Discount over 10%': '折扣超过 10%',
  'discount over 10%': '折扣超过 10%',
  'Margin under 15%': '利润率低于 15%',
  'margin under 15%': '利润率低于 15%',
  'USD 50,000 or more': '5 万美元及以上',
  'quote of USD 50,000 or more': '报价 5 万美元及以上',
  'New customer, first quote of USD 10,000 or more': '新客户首次报价 1 万美元及以上',
  'large first quote to a new customer': '新客户的大额首次报价',
  'Low-grade customer with a discount': '低等级客户给折扣',
  'discount for a D/E customer': '给 D/E 级客户的折扣',
  // reclaim
  'First follow-up within 3 days of a claim; then by grade: A daily, B weekly, C every 15 days, D monthly, E yearly; a quote within 7 days of an inquiry; a deal within 30 days of samples and within 90 days of the claim. Key customers: monthly and 180 days. Won customers are never reclaimed.':
    '领取后 3 天内首次跟进；之后按等级：A 每天、B 每周、C 每 15 天、D 每月、E 每年；询盘后 7 天内报价；寄样后 30 天内、领取后 90 天内成交。紧密客户：每月跟进，180 天内成交。已成交客户永不回收。',
  'First follow-up within 3 days': '3 天内首次跟进',
  'A: follow up daily': 'A：每天跟进',
  'B: follow up weekly': 'B：每周跟进',
  'C (or ungraded): follow up every 15 days': 'C（或未分级）：每 15 天跟进',
  'D: follow up monthly': 'D：每月跟进',
  'E: follow up yearly': 'E：每年跟进',
  'A quote within 7 days of an inquiry': '询盘后 7 天内报价',
  'A deal within 30 days of samples': '寄样后 30 天内成交',
  'A deal within 90 days': '90 天内成交',
  'Key customers: follow up monthly': '紧密客户：每月跟进',
  'Key customers: a deal within 180 days': '紧密客户：180 天内成交',
  'Won customers are exempt': '已成交客户免回收',
  'won customers are protected': '已成交客户受保护',
  // the shipped test cases' names (rules/defaults/*.tests.json)
  'Discount 10%, margin 15%: no approval': '折扣 10%、利润率 15%：无需审批',
  'Discount over 10%: a manager, 24h': '折扣超过 10%：经理审批，24 小时',
  'Margin under 15%: a manager, 24h': '利润率低于 15%：经理审批，24 小时',
  'New customer, first quote of USD 10,000: a manager': '新客户首次报价 1 万美元：经理审批',
  'D customer with a 6% discount: a manager': 'D 级客户给 6% 折扣：经理审批',
  'USD 50,000: an admin, 48h': '5 万美元：管理员审批，48 小时',
  'USD 60,000 with 12% discount: two levels': '6 万美元且折扣 12%：两级审批',
  'A-grade customer: least loaded senior rep (24 months)': 'A 级客户：负载最少的资深业务员（24 个月）',
  'New customer: new hires first': '新客户：新人优先',
  'Reclaimed customer: round robin': '回收的客户：轮流分配',
  'New hire: 30 customers, 5 key, 10 claims a day': '新人：30 个客户、5 个紧密客户、每天领取 10 个',
  'Senior rep (24 months): 150 customers, 20 key, 30 claims a day': '资深业务员（24 个月）：150 个客户、20 个紧密客户、每天领取 30 个',
  '23 months: 80 customers, 10 key, 20 claims a day': '23 个月：80 个客户、10 个紧密客户、每天领取 20 个',
  'Closes within 1 month (30 days): A': '1 个月（30 天）内成交：A',
  'Closes in 31 days: B': '31 天成交：B',
  'Closes within 3 months (90 days): B': '3 个月（90 天）内成交：B',
  'Closes within 6 months (180 days): C': '6 个月（180 天）内成交：C',
  'Closes later (181 days): D': '更晚成交（181 天）：D',
  'Samples sent: A': '已寄样：A',
  'No estimate, the owner says B': '没有预计，负责人评为 B',
  'Nothing known: C': '一无所知：C',
  'A claim: first follow-up within 3 days': '领取：3 天内首次跟进',
  'Grade A: follow up daily': 'A 级：每天跟进',
  'Grade B: follow up weekly': 'B 级：每周跟进',
  'Grade C: follow up every 15 days': 'C 级：每 15 天跟进',
  'Ungraded: follow up every 15 days': '未分级：每 15 天跟进',
  'Grade D: follow up monthly': 'D 级：每月跟进',
  'Grade E: follow up yearly': 'E 级：每年跟进',
  'Key customer: follow up monthly, a deal within 180 days': '紧密客户：每月跟进，180 天内成交',
  'Inquiry: a quote within 7 days': '询盘：7 天内报价',
  'Samples: a deal within 30 days': '寄样：30 天内成交',
};

/** A shipped rule set's text in `language`: the Chinese words for a known text, else as written. */
export function shippedRuleText(text: string, language: Language): string;
export function shippedRuleText(text: string | null, language: Language): string | null;
export function shippedRuleText(text: string | null, language: Language): string | null {
  if (text === null || language !== 'zh') return text;
  return Object.hasOwn(ZH, text) ? ZH[text]! : text;
}

/** Whether the text is one of the shipped rule sets' (for the test that keeps the list whole). */
export const isShippedRuleText = (text: string) => Object.hasOwn(ZH, text);
