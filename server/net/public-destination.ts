// Decides whether an outbound request (webhooks, later chat robots) may go to a destination: only
// public unicast addresses, unless an operator allowed a private range. Checked when a URL is
// saved and again at connect time on the addresses actually dialled, so a name that rebinds to a
// private address after it was saved reaches nothing (SSRF).
import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { type DestinationRefusal, destinationRefusalText } from './destination-words.js';

/** Resolves a host name to all its addresses (injected so tests can switch the answers). */
export type Resolve = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const systemResolve: Resolve = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/** Thrown (or passed to a connect callback) when a destination is not allowed. */
export class DestinationRefused extends Error {
  readonly code = 'EDESTINATIONREFUSED';
  constructor(message: string) {
    super(message);
    this.name = 'DestinationRefused';
  }
}

/** Saving a URL waited longer than it may for its name to resolve. */
class ResolveTimeout extends Error {
  constructor(
    hostname: string,
    readonly ms: number,
  ) {
    super(`${hostname} did not resolve in time (${ms} ms)`);
  }
}

/** A refused URL: why, in English, and as values (worded in any language by destination-words.ts). */
type UrlVerdict = { ok: true } | { ok: false; reason: string; refusal: DestinationRefusal };

export interface DestinationPolicy {
  /** Why `address` (an IP literal) may not be reached, or null when it may. */
  refusal(address: string): string | null;
  /** Scheme, host and every address the host resolves to, as a URL is saved. */
  checkUrl(url: string): Promise<UrlVerdict>;
  /** Throws DestinationRefused for a forbidden IP-literal host; connections to literals never call `lookup`. */
  assertReachable(hostname: string): void;
  /** A `lookup` for net/http/https: resolves, and fails the connection if any address is forbidden. */
  lookup: net.LookupFunction;
}

export interface DestinationPolicyOptions {
  /** CIDR ranges that may be reached although not public (on-premises receivers, tests). */
  allowPrivate?: readonly string[];
  resolve?: Resolve;
  /** How long saving a URL waits for its name to resolve; default 5 s. */
  resolveTimeoutMs?: number;
}

/** True when `value` is a CIDR range ipaddr.js understands, e.g. "10.0.0.0/8" or "fd00::/8". */
export const isCidr = (value: string) => ipaddr.isValidCIDR(value);

/** ::a.b.c.d (IPv4-compatible, deprecated since RFC 4291) routes nowhere public; ipaddr.js calls it unicast. */
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

const bare = (hostname: string) => hostname.replace(/^\[(.*)\]$/, '$1');

export function createDestinationPolicy(options: DestinationPolicyOptions = {}): DestinationPolicy {
  const resolve = options.resolve ?? systemResolve;
  const resolveTimeoutMs = options.resolveTimeoutMs ?? 5_000;
  const allowed = (options.allowPrivate ?? []).map((range) => {
    if (!isCidr(range)) throw new Error(`"${range}" is not a CIDR range (e.g. 10.0.0.0/8)`);
    return ipaddr.parseCIDR(range);
  });

  /** The range of a forbidden address (ipaddr.js's name, ipv4Compatible or not_ip), null for an allowed one. */
  function forbiddenRange(address: string): string | null {
    if (!ipaddr.isValid(address)) return 'not_ip';
    // ::ffff:a.b.c.d is the IPv4 address a.b.c.d on the wire, so it is judged as one.
    const ip = ipaddr.process(address);
    if (allowed.some(([range, bits]) => range.kind() === ip.kind() && ip.match(range, bits))) return null;
    const range = ip.range();
    if (range === 'unicast' && ip.kind() === 'ipv6' && ip.match(IPV4_COMPATIBLE)) return 'ipv4Compatible';
    return range === 'unicast' ? null : range;
  }

  const shown = (address: string) => (ipaddr.isValid(address) ? ipaddr.process(address).toString() : address);

  /** Why `address` may not be reached (`host` resolved to it, null for a literal), or null when it may. */
  const addressRefusal = (address: string, host: string | null): DestinationRefusal | null => {
    const range = forbiddenRange(address);
    return range === null ? null : { refusal: 'address', address: shown(address), range, host };
  };

  const english = (r: DestinationRefusal) => destinationRefusalText(r, 'en');
  const refused = (r: DestinationRefusal): UrlVerdict => ({ ok: false, reason: english(r), refusal: r });

  function refusal(address: string): string | null {
    const r = addressRefusal(address, null);
    return r && english(r);
  }

  async function resolveAll(hostname: string) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ResolveTimeout(hostname, resolveTimeoutMs)), resolveTimeoutMs);
    });
    try {
      return await Promise.race([resolve(hostname), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The first refusal among a name's addresses, naming the name. */
  const refusalAmong = (hostname: string, addresses: { address: string }[]): DestinationRefusal | null => {
    for (const { address } of addresses) {
      const r = addressRefusal(address, hostname);
      if (r) return r;
    }
    return addresses.length === 0 ? { refusal: 'no_addresses', host: hostname } : null;
  };

  async function checkUrl(url: string): Promise<UrlVerdict> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return refused({ refusal: 'not_url', url });
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return refused({ refusal: 'scheme' });
    // WHATWG URL parsing already turned 2130706433, 0x7f000001, 0177.0.0.1 and 127.1 into 127.0.0.1.
    const host = bare(parsed.hostname);
    if (net.isIP(host)) {
      const why = addressRefusal(host, null);
      return why ? refused(why) : { ok: true };
    }
    let addresses: { address: string }[];
    try {
      addresses = await resolveAll(host);
    } catch (e) {
      if (e instanceof ResolveTimeout) return refused({ refusal: 'resolve_timeout', host, ms: e.ms });
      return refused({ refusal: 'unresolved', host, detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
    }
    const why = refusalAmong(host, addresses);
    return why ? refused(why) : { ok: true };
  }

  function assertReachable(hostname: string) {
    const host = bare(hostname);
    if (!net.isIP(host)) return;
    const why = refusal(host);
    if (why) throw new DestinationRefused(why);
  }

  const lookup = ((hostname: string, opts: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    resolve(hostname).then(
      (found) => {
        const why = refusalAmong(hostname, found);
        if (why) return callback(new DestinationRefused(english(why)));
        const wanted = opts.family === 4 || opts.family === 6 ? found.filter((a) => a.family === opts.family) : found;
        if (wanted.length === 0) return callback(Object.assign(new Error(`${hostname} has no IPv${opts.family} address`), { code: 'ENOTFOUND' }));
        if (opts.all) return callback(null, wanted.map(({ address, family }) => ({ address, family })));
        return callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (e: unknown) => callback(e),
    );
  }) as net.LookupFunction;

  return { refusal, checkUrl, assertReachable, lookup };
}
