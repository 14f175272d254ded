// The messages the schemas write themselves (a regex's, a refine's: "ids are letters, digits …"),
// in Chinese for a Chinese reader. zod's own wording is translated by its locale
// (server/http/issue-words.ts); these are ours, so their Chinese is ours too. Every message a
// schema writes is listed here (schema-message-words.test.ts reads the schemas to hold it so).

export const SCHEMA_MESSAGES_ZH: Readonly<Record<string, string>> = {
  'ids are letters, digits, "_" and "-"': 'ID 只能包含字母、数字、“_” 和 “-”（不能有空格或中文）',
  'The cursor is not one this API returned; start again without it.': '游标不是本接口返回的；请不带游标重新开始',
  'attach the file as the form field "file" (a file, not text)': '请以表单字段 “file” 附上文件（文件本身，不是文字）',
  'expected a country: its ISO 3166-1 alpha-2 code such as "DE" or "CN", or its name such as "Germany" or "德国"': '应为国家：两位国家代码（ISO 3166-1），如 “DE” 或 “CN”，或国家名称，如 “Germany” 或 “德国”',
  'a date and time with its offset, such as "2026-12-01T09:00:00+08:00" or "2026-12-01T01:00:00Z"': '应为带时区偏移的日期时间，如 “2026-12-01T09:00:00+08:00” 或 “2026-12-01T01:00:00Z”',
  'text without control characters': '文字中不能含控制字符（文字方向控制符、零宽字符等）',
  'an e-mail address such as "sales@example.com"': '应为电子邮箱地址，如 “sales@example.com”',
  'a website such as "www.example.com" or "https://example.com"': '应为网址，如 “www.example.com” 或 “https://example.com”',
  'a date from the year 1900 to 9999': '日期的年份应在 1900 到 9999 之间',
  'a date such as "2026-10-01" (YYYY-MM-DD)': '应为日期，如 “2026-10-01”（年-月-日）',
  'an ISO 4217 code such as "USD"': '应为 ISO 4217 三位货币代码，如 “USD”',
  'letters, digits, "_", ".", "@" or "-"': '只能包含字母、数字、“_”、“.”、“@” 或 “-”',
  'a tag is one word: letters, digits, "_", ":", "." or "-"': '标签是一个词：字母、数字、“_”、“:”、“.” 或 “-”（不含空格）',
  'a mobile number: digits, optionally with a leading +': '手机号：数字，可以以 + 开头',
  'each scope once': '每个权限范围只能出现一次',
  'an address here carries no user name or password; a key or token goes where the receiver reads it (a query parameter, or the signing secret)': '此处的地址中不能包含用户名或密码；密钥或令牌请放在接收方读取的位置（查询参数或签名密钥）',
  'give expiresAt or expiresInDays, not both': 'expiresAt 和 expiresInDays 只能填写一个',
  'type at least 2 characters': '请至少输入 2 个字符',
  'won customers never return to the pool; choose "keep", or hand over to a rep or by the rules': '已成交客户不会退回公海；请选择“保留”，或交给某个业务员、或按分配规则交接',
  'must be today or later: a quote cannot be valid until a day that has passed': '必须是今天或以后：报价的有效期不能是已经过去的日期',
  'give amountUsd for a quote not in USD': '非美元报价请填写 amountUsd（折合美元金额）',
  'the total (the sum of quantity × unit price) must be at least 0.01': '总额（数量 × 单价之和）至少为 0.01',
  'say why, so the rep can revise the quote': '请说明原因，以便业务员修改报价',
  'a calendar name is letters, digits, "_" and "-" (at most 32), e.g. "CN" or "DE-BY"': '日历名称只能包含字母、数字、“_” 和 “-”（最多 32 个），如 “CN” 或 “DE-BY”',
  'give at most one of rep, team or pool': 'rep、team、pool 最多只能填写一个',
  'strategy "direct" goes with "rep", and "rep" with strategy "direct"': '策略 “direct” 必须与 “rep” 同时使用，反之亦然',
  'give exactly one of role or rep': 'role 和 rep 必须且只能填写一个',
  'a lower-case name such as "follow_up" or "deal"': '应为小写名称，如 “follow_up” 或 “deal”',
  'expected a duration such as "45s", "30m", "12h" or "3d" (at most 10 years)': '应为时长，如 “45s”、“30m”、“12h” 或 “3d”（最长 10 年）',
  'a path like "$.country"': '应为类似 “$.country” 的路径',
  'one line of text': '只能是一行文字',
  'one line of text, without control characters': '只能是一行文字，不能含控制字符（换行、制表符、文字方向控制符等）',
  'give the rule set as source text (format "dsl")': '请以规则语言文本提交规则集（format 为 “dsl”）',
  'give either source (format "dsl") or document (format "json"), not both': 'source（format “dsl”）和 document（format “json”）只能提交一个',
  'give the rule-set document (or format "dsl" and source)': '请提交规则集文档（或 format “dsl” 加 source）',
  'source text needs format "dsl"': '规则语言文本需要 format 为 “dsl”',
  'give exactly one of candidateRuleSetId, document, or source (with format "dsl")': 'candidateRuleSetId、document、source（format “dsl”）必须且只能提交一个',
  'source text goes with format "dsl"': '规则语言文本需与 format “dsl” 一起提交',
  'unknown time zone; use an IANA name such as "Asia/Shanghai" or "Europe/Berlin"': '未知时区；请使用 IANA 时区名，如 “Asia/Shanghai” 或 “Europe/Berlin”',
};

/** The messages a schema writes with values in them, by their shape. */
const SCHEMA_PATTERNS_ZH: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [/^must be a date from (\S+) to a year from today$/, (m) => `必须是 ${m[1]} 至一年后之间的日期`],
  [/^"(.*)" is listed twice$/s, (m) => `“${m[1]}” 重复出现`],
  [/^the total \(the sum of quantity × unit price\) must be at most (\S+); split the quote$/, (m) => `总额（数量 × 单价之和）最多为 ${m[1]}；请拆分报价`],
  [/^(\S+) is listed twice \(first at (\S+)\)$/, (m) => `${m[1]} 重复出现（第一次在 ${m[2]}）`],
  [/^(\S+) is a weekday; only a Saturday or Sunday can be a make-up working day$/, (m) => `${m[1]} 是工作日；只有周六或周日可以设为调休上班日`],
  [/^the leave ends \((\S+)\) before it starts \((\S+)\)$/, (m) => `假期的结束日期（${m[1]}）早于开始日期（${m[2]}）`],
  [/^one leave may last at most (\d+) days \(this one: (\d+)\)$/, (m) => `一次假期最多 ${m[1]} 天（本次 ${m[2]} 天）`],
];

/** A schema's own message in `language`, when it is one of ours (null otherwise: keep it as written). */
export function schemaMessageWords(message: string, language: 'en' | 'zh'): string | null {
  if (language !== 'zh') return null;
  if (Object.hasOwn(SCHEMA_MESSAGES_ZH, message)) return SCHEMA_MESSAGES_ZH[message]!;
  for (const [shape, say] of SCHEMA_PATTERNS_ZH) {
    const m = shape.exec(message);
    if (m) return say(m);
  }
  return null;
}
