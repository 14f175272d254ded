// The words of every validation issue the server finds by itself (request-issues.ts), in English and
// Chinese over the same values. The English is what the API said before it said Chinese too (clients
// and tests match on it); what a library or a person wrote (a parser's error, a file name) is
// quoted as written. A customer's identity fields are refused in the import's words (one list).
import type { Language } from '../schemas/language.js';
import { rowRefusalText } from './imports/refusal-words.js';
import { decisionLabelZh } from '../schemas/decisions/index.js';
import { TEXT_FAULT_WORDS } from '../schemas/storable-text.js';
import { carriedRefusal, destinationRefusalText } from './net/destination-words.js';

/** Decisions named by code (one, or a list "reclaim, caps") in Chinese. */
const decisionZh = (d: unknown) => String(d).split(/,\s*/).map(decisionLabelZh).join('、');

export type IssueParams = Record<string, string | number | null>;
type Say = (p: IssueParams) => string;

/** What an "unknown …" issue names. */
const THINGS: Record<string, [string, string]> = {
  team: ['team', '团队'],
  rep: ['rep', '业务员'],
  customer: ['customer', '客户'],
  pool: ['pool', '公海池'],
  calendar: ['calendar', '假日日历'],
  template: ['document template', '单据模板'],
  rule_set: ['rule set version', '规则版本'],
};
const thing = (what: unknown, zh: boolean) => THINGS[String(what)]?.[zh ? 1 : 0] ?? String(what);
const quotedId = (p: IssueParams) => (p.id === undefined || p.id === null ? '' : ` "${p.id}"`);
const FOLLOWING_ZH = '请使用几个不相关的词，或使用密码管理器';

const WORDS = {
  // Any request.
  unknown: [(p) => `unknown ${thing(p.what, false)}${quotedId(p)}`, (p) => `${thing(p.what, true)}${quotedId(p)} 不存在`],
  invalid_cursor: [() => 'invalid cursor', () => '游标无效；请不带游标重新开始'],
  not_future: [() => 'must be in the future', () => '必须是将来的时间'],
  in_future: [(p) => `${p.what === 'inquiry' ? 'an inquiry' : 'a follow-up'} cannot happen in the future`, (p) => `${p.what === 'inquiry' ? '询盘' : '跟进'}的时间不能在将来`],
  before_work: [
    (p) => `${p.what === 'inquiry' ? 'an inquiry' : 'a follow-up'} cannot be dated before ${p.since === 'claim' ? 'the customer was claimed' : 'the customer was created'} (${p.at})`,
    (p) => `${p.what === 'inquiry' ? '询盘' : '跟进'}的时间不能早于${p.since === 'claim' ? '领取该客户' : '创建该客户'}的时间（${p.at}）`,
  ],
  period_order: [() => 'must be before "to"', () => '必须早于 "to"'],
  period_too_long: [(p) => `a period may span at most ${p.max} days`, (p) => `时间段最多 ${p.max} 天`],
  to_before_from: [(p) => `${p.to} is before from (${p.from})`, (p) => `${p.to} 早于开始日期（${p.from}）`],
  // How a request is sent (http/).
  percent_encoding: [() => 'invalid percent-encoding', () => '百分号编码无效（% 后应跟两位十六进制数字）'],
  // Shared with the rules language and the rule-set validator (schemas/storable-text.ts).
  text_nul: TEXT_FAULT_WORDS.text_nul,
  reserved_key: [() => 'the key "__proto__" is a reserved name and cannot be used; rename it', () => '键 "__proto__" 是保留名称，不能使用；请改名'],
  text_surrogate: TEXT_FAULT_WORDS.text_surrogate,
  body_not_utf8: [(p) => `not valid UTF-8 at byte ${p.offset}`, (p) => `第 ${p.offset} 字节处不是有效的 UTF-8；请以 UTF-8 编码发送`],
  takes_no_body: [() => 'this command takes no body; send none or {}', () => '此命令不接受请求体；请不发送，或发送 {}'],
  field_too_long: [(p) => `The form field "${p.name}" is longer than ${p.max} bytes.`, (p) => `表单字段 "${p.name}" 超过 ${p.max} 字节。`],
  field_not_utf8: [(p) => `The form field "${p.name}" is not UTF-8 text; send it as UTF-8.`, (p) => `表单字段 "${p.name}" 不是 UTF-8 文本；请以 UTF-8 发送。`],
  too_many_files: [(p) => `Send at most ${p.max} file${p.max === 1 ? '' : 's'}.`, (p) => `最多发送 ${p.max} 个文件。`],
  too_many_fields: [(p) => `Send at most ${p.max} form fields.`, (p) => `最多发送 ${p.max} 个表单字段。`],
  too_many_parts: [(p) => `Send at most ${p.max} form parts.`, (p) => `最多发送 ${p.max} 个表单部分。`],
  unreadable_form: [(p) => `The upload is not a readable multipart/form-data body: ${p.detail}.`, (p) => `上传的内容不是可读取的 multipart/form-data：${p.detail}。`],
  // Passwords (auth/passwords.ts).
  password_too_short: [(p) => `must be at least ${p.min} characters long`, (p) => `至少需要 ${p.min} 个字符`],
  password_unchanged: [() => 'is your current password; choose a new one', () => '与当前密码相同；请设置一个新密码'],
  password_too_long: [(p) => `must be at most ${p.max} characters long`, (p) => `最多 ${p.max} 个字符`],
  password_own_name: [() => 'is made of your own name or e-mail; use a few unrelated words or a password manager', () => `由你自己的姓名或邮箱组成；${FOLLOWING_ZH}`],
  password_guessable: [() => 'is too easy to guess (a common password, a pattern or your own name); use a few unrelated words or a password manager', () => `太容易被猜到（常见密码、规律或你自己的名字）；${FOLLOWING_ZH}`],
  // Reps, teams and their managers.
  manager_inactive: [(p) => `${p.id} is deactivated`, (p) => `${p.id} 已停用`],
  manager_role: [(p) => `${p.id} is ${p.role === 'admin' ? 'an admin' : 'a rep'}, not a manager; change their role to manager first`, (p) => `${p.id} 是${p.role === 'admin' ? '管理员' : '业务员'}，不是经理；请先把其角色改为经理`],
  manager_other_team: [
    (p) => `${p.id} is a manager of team "${p.team}"; a manager manages the team they are in: move them to this team first (PATCH /reps/${p.id} with teamId)`,
    (p) => `${p.id} 是团队 "${p.team}" 的经理；经理只管理自己所在的团队：请先把其移到本团队（PATCH /reps/${p.id}，设置 teamId）`,
  ],
  admin_collaborator: [() => 'an admin cannot be a collaborator', () => '管理员不能作为协作人（管理员已能看到所有客户）；请添加业务员或经理'],
  admin_owner: [(p) => `${p.id} is an admin, and admins own no customers (they could not work them); choose a rep or a manager`, (p) => `${p.id} 是管理员，管理员不拥有客户（也无法跟进）；请选择业务员或经理`],
  // Customers, handovers, quotes.
  company_name_no_letters: [(p) => rowRefusalText('company_name_no_letters', p, 'en'), (p) => rowRefusalText('company_name_no_letters', p, 'zh')],
  invalid_phone: [(p) => rowRefusalText('invalid_phone', p, 'en'), (p) => rowRefusalText('invalid_phone', p, 'zh')],
  invalid_website: [(p) => rowRefusalText('invalid_website', p, 'en'), (p) => rowRefusalText('invalid_website', p, 'zh')],
  valid_until_past: [
    (p) => `must be ${p.today} or later (today in ${p.timeZone}, where the quote is dated): a quote cannot be valid until a day that has passed`,
    (p) => `必须是 ${p.today}（${p.timeZone} 的今天，报价单按此日期）或以后：报价的有效期不能早于今天`,
  ],
  merge_itself: [() => 'the customer itself', () => '是该客户本身；请指定该公司的另一条记录'],
  same_customer_twice: [() => 'the same customer twice', () => '同一个客户出现了两次；一对是两个不同的客户'],
  own_customers: [() => 'the departing rep cannot receive their own customers', () => '离职的业务员不能接收自己的客户'],
  rep_inactive: [(p) => `rep "${p.id}" is inactive`, (p) => `业务员 "${p.id}" 已停用`],
  rep_not_in_team: [(p) => `rep "${p.id}" is not in your team; a manager moves customers within their team`, (p) => `业务员 "${p.id}" 不在你的团队；经理只能在本团队内转移客户`],
  no_such_level: [
    (p) => `level ${p.level} does not exist; this quote has ${p.count === 0 ? 'no approval levels' : `level${Number(p.count) > 1 ? 's' : ''} ${p.levels}`}`,
    (p) => `第 ${p.level} 级不存在；该报价${p.count === 0 ? '没有审批级别' : `的审批级别为 ${p.levels}`}`,
  ],
  // Webhooks and chat robots: the address check's reason (its English beside its values, net/destination-words.ts).
  address_refused: [
    (p) => String(p.reason),
    (p) => {
      const refusal = carriedRefusal(p);
      return `地址不可用：${refusal ? destinationRefusalText(refusal, 'zh') : p.reason}`;
    },
  ],
  wecom_secret: [() => 'WeCom group robots do not sign; leave the secret out', () => '企业微信群机器人不签名；请不要填写密钥'],
  team_language: [() => "a team's channel speaks the team's language; set language only for a channel for everyone", () => '团队的频道使用团队的语言；只有面向所有人的频道才设置语言'],
  // Rules, simulations, forecasts, test cases.
  decision_stays: [(p) => `must stay "${p.decision}"`, (p) => `必须保持为 "${p.decision}"`],
  same_decision_version: [() => 'must be a version of the same decision', () => '必须是同一决策的版本'],
  decision_of: [(p) => `must be a ${p.decision} decision`, (p) => `必须是${decisionZh(p.decision)}决策的记录`],
  simulation_of: [(p) => `must be a ${p.decision} simulation`, (p) => `必须是${decisionZh(p.decision)}决策的模拟`],
  simulation_example: [() => 'must be one of its examples', () => '必须是该模拟的示例之一'],
  rule_set_of: [(p) => `must be a ${p.decision} rule set`, (p) => `必须是${decisionZh(p.decision)}规则集`],
  forecast_decisions: [(p) => `must be rules of ${p.decisions}`, (p) => `必须是${decisionZh(p.decisions)}的规则（其他决策请用模拟）`],
  // Invitations: an existing rep or a new one.
  invite_neither: [() => 'give repId (an existing rep) or rep (a new one)', () => '请给出 repId（已有业务员）或 rep（新业务员）'],
  invite_both: [() => 'give repId or rep, not both', () => 'repId 和 rep 只能给出一个'],
  // Uploads: imports and document templates.
  file_required: [() => 'required', () => '必填：请以表单字段 "file" 附上文件'],
  attach_spreadsheet: [() => 'Attach the spreadsheet as the form field "file".', () => '请以表单字段 "file" 附上表格文件。'],
  file_name: [() => 'file name', () => '文件名无法保存；请重命名文件'],
  mapping_json: [(p) => `mapping must be JSON like {"Firma": "companyName"}; fields are ${p.fields}`, (p) => `mapping 必须是 JSON，如 {"Firma": "companyName"}；可用字段：${p.fields}`],
  mapping_field: [
    (p) => `"${p.field}" is not a field one can map; the fields are ${p.fields}`,
    (p) => `“${p.field}” 不是可映射的字段；可用字段：${p.fields}`,
  ],
  mapping_column: [(p) => `the file has no column "${p.column}"; its columns are ${p.columns}`, (p) => `文件没有“${p.column}”列；文件的列：${p.columns}`],
  mapping_twice: [
    (p) => `"${p.column}" and "${p.other}" are both mapped to ${p.field}; map one column to each field`,
    (p) => `“${p.column}”和“${p.other}”都映射到了 ${p.field}；每个字段只能映射一列`,
  ],
  no_company_column: [
    (p) => `No column holds the company name; name one "Company" (公司名称) or map it. Columns: ${p.columns}.`,
    (p) => `没有一列是公司名称；请把一列命名为“公司名称”（Company），或指定映射。列：${p.columns}。`,
  ],
  no_customers: [() => 'The file has a header row but no customers under it.', () => '文件只有表头，下面没有客户。'],
  no_rows: [() => 'no rows', () => '文件是空的'],
  too_many_rows: [(p) => `more than ${p.max} rows`, (p) => `超过 ${p.max} 行；每次最多导入 ${p.max} 行`],
  too_many_columns: [(p) => `row ${p.row}: more than ${p.max} columns`, (p) => `第 ${p.row} 行超过 ${p.max} 列；请删除不是客户数据的列`],
  cell_too_long: [(p) => `row ${p.row}, column ${p.column}: more than ${p.max} characters`, (p) => `第 ${p.row} 行第 ${p.column} 列超过 ${p.max} 个字符；请缩短或删除该列`],
  row_too_long: [(p) => `row ${p.row}: more than ${p.max} characters`, (p) => `第 ${p.row} 行超过 ${p.max} 个字符；请缩短或删除过长的列`],
  too_much_text: [(p) => `more than ${p.max} characters`, (p) => `文件的文字超过 ${p.max} 个字符；请拆分`],
  not_text: [() => 'neither UTF-8 nor GB18030', () => '文件既不是 UTF-8 也不是 GB18030 文本；请另存为 UTF-8（Excel：“CSV UTF-8”）或 GB18030 后重新上传'],
  unreadable_csv: [(p) => String(p.detail), (p) => `无法读取 CSV：${p.detail}`],
  unreadable_xlsx: [(p) => `unreadable xlsx: ${p.detail}`, (p) => `不是可读取的 .xlsx 工作簿（${p.detail}）；请另存为 .xlsx 或 .csv`],
  too_many_entries: [(p) => `more than ${p.max} zip entries`, (p) => `工作簿包含的文件超过 ${p.max} 个；请只把名单另存为 .xlsx 或 .csv`],
  encrypted_xlsx: [() => 'encrypted xlsx', () => '工作簿已加密；请去掉密码后重新上传'],
  unpacks_too_large: [(p) => `unpacks to more than ${p.size}`, (p) => `解压后超过 ${p.size}；请只保存名单（一个工作表，不含图片）为 .xlsx 或 .csv`],
  unpacks_ratio: [(p) => `${p.name} unpacks ${p.ratio}:1`, (p) => `“${p.name}” 解压后是压缩大小的 ${p.ratio} 倍，不像表格文件；请重新另存为 .xlsx 或 .csv`],
  part_too_large: [(p) => `${p.name} unpacks to more than ${p.size}`, (p) => `“${p.name}” 解压后超过 ${p.size}；请拆分名单`],
  no_sheet: [() => 'no sheet', () => '工作簿没有工作表'],
  empty_sheets: [(p) => `every sheet is empty: ${p.names}`, (p) => `所有工作表都没有数据（${p.names}）；请把名单放在其中一个工作表上，第一行为列名`],
  template_problem: [(p) => `${p.where ?? ''}${p.reason}`, (p) => `模板不能使用：${p.where ?? ''}${p.reason}`],
} satisfies Record<string, [Say, Say]>;

export type IssueCode = keyof typeof WORDS;

export const isIssueCode = (code: string): code is IssueCode => Object.hasOwn(WORDS, code);

/** The issue's words in `language`. */
export const issueText = (code: IssueCode, params: IssueParams, language: Language): string => WORDS[code][language === 'zh' ? 1 : 0](params);

/** Every code, for tests that word each one. */
export const ISSUE_CODES = Object.keys(WORDS) as IssueCode[];
