// Why an outbound destination (a webhook, a chat robot) is refused, as values, and their words in
// English and Chinese. The values go with the refusal (an issue's params), so the API says it again
// in the reader's language; the English is what the API always said (clients and tests match on it).
import type { Language } from '../../schemas/language.js';

export type DestinationRefusal =
  | { refusal: 'not_url'; url: string }
  | { refusal: 'scheme' }
  /** `address` is in a range that is not public (`range`: ipaddr.js's name, ipv4Compatible or not_ip); `host` resolved to it, or null for a literal. */
  | { refusal: 'address'; address: string; range: string; host: string | null }
  | { refusal: 'no_addresses'; host: string }
  /** The resolver failed: `detail` is its code (ENOTFOUND) or message. */
  | { refusal: 'unresolved'; host: string; detail: string }
  | { refusal: 'resolve_timeout'; host: string; ms: number }
  /** A chat robot's URL without its vendor's shape. */
  | { refusal: 'robot_url'; robot: 'wecom' | 'dingtalk' | 'feishu' };

/** ipaddr.js range names, as a person reads them. Everything but 'unicast' is refused. */
const RANGE_WORDS: Record<string, [string, string]> = {
  unspecified: ['an unspecified', '未指定地址'],
  broadcast: ['a broadcast', '广播地址'],
  multicast: ['a multicast', '组播地址'],
  linkLocal: ['a link-local', '链路本地地址'],
  loopback: ['a loopback', '回环地址'],
  carrierGradeNat: ['a carrier-grade NAT', '运营商级 NAT 地址'],
  private: ['a private', '私有地址（内网地址）'],
  reserved: ['a reserved', '保留地址'],
  uniqueLocal: ['a unique local', '唯一本地地址（内网地址）'],
  ipv4Mapped: ['an IPv4-mapped', 'IPv4 映射地址'],
  rfc6145: ['an IPv4-translated', 'IPv4 转换地址'],
  rfc6052: ['a NAT64', 'NAT64 地址'],
  '6to4': ['a 6to4', '6to4 地址'],
  teredo: ['a Teredo', 'Teredo 地址'],
  deprecatedSiteLocal: ['a site-local', '站点本地地址'],
};

/** What the address is, after "is" ("a loopback address, not a public address") / "是" or "不是" in Chinese. */
function kindText(range: string, language: Language): string {
  const zh = language === 'zh';
  if (range === 'not_ip') return zh ? '不是 IP 地址' : 'not an IP address';
  if (range === 'ipv4Compatible') return zh ? '是 IPv4 兼容的 IPv6 地址（已弃用），不是公网地址' : 'an IPv4-compatible IPv6 address (deprecated), not a public address';
  const words = RANGE_WORDS[range];
  // A range ipaddr.js names that is not listed (as112, amt, benchmarking, orchid2 …): special-purpose, named in brackets.
  if (zh) return `是${words ? words[1] : `特殊用途地址（${range}）`}，不是公网地址`;
  return `${words ? words[0] : `a special-purpose (${range})`} address, not a public address`;
}

const ROBOTS = {
  wecom: ['a WeCom robot URL', '企业微信群机器人的地址', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…'],
  dingtalk: ['a DingTalk robot URL', '钉钉机器人的地址', 'https://oapi.dingtalk.com/robot/send?access_token=…'],
  feishu: ['a Feishu bot URL', '飞书机器人的地址', 'https://open.feishu.cn/open-apis/bot/v2/hook/…'],
} as const;

/**
 * The refusal in `language`.
 *
 * @example
 * destinationRefusalText({ refusal: 'address', address: '10.0.0.1', range: 'private', host: null }, 'en'); // '10.0.0.1 is a private address, not a public address'
 * destinationRefusalText({ refusal: 'unresolved', host: 'a.example', detail: 'ENOTFOUND' }, 'zh'); // '无法解析域名 a.example（ENOTFOUND）'
 */
export function destinationRefusalText(r: DestinationRefusal, language: Language): string {
  const zh = language === 'zh';
  switch (r.refusal) {
    case 'not_url':
      return zh ? `"${r.url}" 不是网址` : `"${r.url}" is not a URL`;
    case 'scheme':
      return zh ? '只能使用 http 或 https 网址' : 'only http or https URLs can receive webhooks';
    case 'address': {
      const kind = kindText(r.range, language);
      if (r.host === null) return zh ? `${r.address} ${kind}` : `${r.address} is ${kind}`;
      return zh ? `域名 ${r.host} 解析到 ${r.address}，${kind}` : `${r.host} resolves to ${r.address}, ${kind}`;
    }
    case 'no_addresses':
      return zh ? `无法解析域名 ${r.host}（没有地址）` : `${r.host} cannot be resolved (no addresses)`;
    case 'unresolved':
      return zh ? `无法解析域名 ${r.host}（${r.detail}）` : `${r.host} cannot be resolved (${r.detail})`;
    case 'resolve_timeout':
      return zh ? `域名 ${r.host} 未能在 ${r.ms} 毫秒内解析` : `${r.host} did not resolve in time (${r.ms} ms)`;
    case 'robot_url': {
      const [en, zhName, example] = ROBOTS[r.robot];
      return zh ? `${zhName}形如 ${example}` : `${en} looks like ${example}`;
    }
  }
}

const KINDS = new Set(['not_url', 'scheme', 'address', 'no_addresses', 'unresolved', 'resolve_timeout', 'robot_url']);

/** The refusal an issue's params carry (beside its English `reason`), or null for params without one. */
export function carriedRefusal(params: Record<string, unknown>): DestinationRefusal | null {
  if (typeof params.refusal !== 'string' || !KINDS.has(params.refusal)) return null;
  const r = params as unknown as DestinationRefusal;
  if (r.refusal === 'robot_url' && !Object.hasOwn(ROBOTS, r.robot)) return null;
  return r;
}
