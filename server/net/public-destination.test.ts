import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { createDestinationPolicy, DestinationRefused, type Resolve } from './public-destination.js';
import { destinationRefusalText } from './destination-words.js';

/** A resolver over a fixed table: names not in it do not resolve. */
function tableResolver(table: Record<string, string[]>): Resolve {
  return async (hostname) => {
    const found = table[hostname];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

const strict = createDestinationPolicy({ resolve: tableResolver({}) });

describe('which addresses a webhook may reach', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['192.0.2.10', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['fc00::1', 'unique local'],
    ['fd12:3456::1', 'unique local'],
    ['fe80::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['64:ff9b::7f00:1', 'NAT64'],
    ['2002:7f00:1::', '6to4'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
    ['2001:db8::1', 'reserved'],
    // IPv4-compatible (deprecated, ::/96): a URL's host [::127.0.0.1] is written [::7f00:1].
    ['::7f00:1', 'IPv4-compatible'],
    ['::a9fe:a9fe', 'IPv4-compatible'],
    ['::808:808', 'IPv4-compatible'],
  ])('refuses %s (%s)', (address, range) => {
    expect(strict.refusal(address)).toContain(range);
  });

  it.each(['93.184.215.14', '8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('lets %s through (public unicast)', (address) => {
    expect(strict.refusal(address)).toBeNull();
  });

  it('refuses what is not an address at all', () => {
    expect(strict.refusal('not-an-ip')).toMatch(/not an IP address/);
  });

  it('lets listed private ranges through, and only those', () => {
    const onPrem = createDestinationPolicy({ allowPrivate: ['10.20.0.0/16', '::1/128', '127.0.0.0/8'], resolve: tableResolver({}) });
    expect(onPrem.refusal('10.20.1.2')).toBeNull();
    expect(onPrem.refusal('::ffff:10.20.1.2')).toBeNull();
    expect(onPrem.refusal('10.21.1.2')).toContain('private');
    expect(onPrem.refusal('127.0.0.1')).toBeNull();
    expect(onPrem.refusal('::1')).toBeNull();
    expect(onPrem.refusal('169.254.169.254')).toContain('link-local');
  });

  it('refuses an allowance that is not a CIDR range', () => {
    expect(() => createDestinationPolicy({ allowPrivate: ['10.0.0.0'] })).toThrow(/CIDR/);
  });
});

describe('checking a URL when a webhook is saved', () => {
  const policy = createDestinationPolicy({
    resolve: tableResolver({
      'hooks.example.com': ['93.184.215.14'],
      'internal.example.com': ['10.0.0.7'],
      'split.example.com': ['93.184.215.14', '127.0.0.1'],
      'v6.example.com': ['2606:4700:4700::1111'],
    }),
  });

  it.each([
    'http://127.0.0.1/hook',
    'http://127.1/hook',
    'http://2130706433/hook',
    'http://0x7f000001/hook',
    'http://0177.0.0.1/hook',
    'http://0x7f.1/hook',
    'http://10.0.0.1:8080/hook',
    'http://172.16.5.5/hook',
    'http://192.168.0.10/hook',
    'http://100.64.1.1/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://0.0.0.0/hook',
    'http://0/hook',
    'http://[::1]/hook',
    'http://[::]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://[::ffff:7f00:1]/hook',
    'https://[::127.0.0.1]/hook',
    'https://[::169.254.169.254]/latest/meta-data/',
    'http://[fc00::1]/hook',
    'http://[fe80::1]/hook',
    'http://224.0.0.1/hook',
  ])('refuses %s', async (url) => {
    const verdict = await policy.checkUrl(url);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.reason).toMatch(/not a public address/);
  });

  it('refuses a name that resolves to a private address, or to any private address among public ones', async () => {
    expect(await policy.checkUrl('https://internal.example.com/hook')).toMatchObject({ ok: false, reason: expect.stringContaining('10.0.0.7') });
    expect(await policy.checkUrl('https://split.example.com/hook')).toMatchObject({ ok: false, reason: expect.stringContaining('127.0.0.1') });
  });

  it('gives the refusal as values too, which word it in English (as ever) and in Chinese', async () => {
    const cases: [string, string, string][] = [
      ['http://10.0.0.1/hook', '10.0.0.1 is a private address, not a public address', '10.0.0.1 是私有地址（内网地址），不是公网地址'],
      ['https://[::127.0.0.1]/hook', '::7f00:1 is an IPv4-compatible IPv6 address (deprecated), not a public address', '::7f00:1 是 IPv4 兼容的 IPv6 地址（已弃用），不是公网地址'],
      ['https://internal.example.com/hook', 'internal.example.com resolves to 10.0.0.7, a private address, not a public address', '域名 internal.example.com 解析到 10.0.0.7，是私有地址（内网地址），不是公网地址'],
      ['https://nowhere.example.com/hook', 'nowhere.example.com cannot be resolved (ENOTFOUND)', '无法解析域名 nowhere.example.com（ENOTFOUND）'],
      ['ftp://hooks.example.com/hook', 'only http or https URLs can receive webhooks', '只能使用 http 或 https 网址'],
    ];
    for (const [url, en, zh] of cases) {
      const verdict = await policy.checkUrl(url);
      if (verdict.ok) throw new Error(`${url} was accepted`);
      expect(verdict.reason, url).toBe(en);
      expect(destinationRefusalText(verdict.refusal, 'en'), url).toBe(en);
      expect(destinationRefusalText(verdict.refusal, 'zh'), url).toBe(zh);
    }
  });

  it('refuses a name that does not resolve, and schemes other than http and https', async () => {
    expect(await policy.checkUrl('https://nowhere.example.com/hook')).toMatchObject({ ok: false, reason: expect.stringMatching(/cannot be resolved/) });
    expect(await policy.checkUrl('ftp://hooks.example.com/hook')).toMatchObject({ ok: false, reason: expect.stringMatching(/http or https/) });
    expect(await policy.checkUrl('not a url')).toMatchObject({ ok: false });
  });

  it('accepts public names and addresses', async () => {
    expect(await policy.checkUrl('https://hooks.example.com/hook')).toEqual({ ok: true });
    expect(await policy.checkUrl('https://v6.example.com/hook')).toEqual({ ok: true });
    expect(await policy.checkUrl('http://8.8.8.8/hook')).toEqual({ ok: true });
    expect(await policy.checkUrl('http://[2606:4700:4700::1111]/hook')).toEqual({ ok: true });
  });

  it('gives up on a resolver that does not answer in time', async () => {
    const slow = createDestinationPolicy({ resolve: () => new Promise(() => {}), resolveTimeoutMs: 50 });
    expect(await slow.checkUrl('https://slow.example.com/hook')).toMatchObject({ ok: false, reason: expect.stringMatching(/in time/) });
  });
});

describe('checking again at connect time', () => {
  const lookupOnce = (policy: ReturnType<typeof createDestinationPolicy>, host: string, options: { all?: boolean; family?: number }) =>
    new Promise<{ error: NodeJS.ErrnoException | null; result: unknown }>((resolve) => {
      policy.lookup(host, options as never, ((error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) =>
        resolve({ error, result: options.all ? address : { address, family } })) as never);
    });

  it('answers the resolved addresses when every one is public, in the form the caller asked for', async () => {
    const policy = createDestinationPolicy({ resolve: tableResolver({ 'a.example.com': ['93.184.215.14', '2606:4700:4700::1111'] }) });
    expect(await lookupOnce(policy, 'a.example.com', { all: true })).toEqual({
      error: null,
      result: [
        { address: '93.184.215.14', family: 4 },
        { address: '2606:4700:4700::1111', family: 6 },
      ],
    });
    expect(await lookupOnce(policy, 'a.example.com', {})).toEqual({ error: null, result: { address: '93.184.215.14', family: 4 } });
    expect(await lookupOnce(policy, 'a.example.com', { family: 6 })).toEqual({ error: null, result: { address: '2606:4700:4700::1111', family: 6 } });
  });

  it('fails the connection when the name now resolves to a forbidden address (DNS rebinding)', async () => {
    const table: Record<string, string[]> = { 'rebind.example.com': ['93.184.215.14'] };
    const policy = createDestinationPolicy({ resolve: tableResolver(table) });
    expect(await policy.checkUrl('http://rebind.example.com/hook')).toEqual({ ok: true });
    table['rebind.example.com'] = ['127.0.0.1'];
    const { error } = await lookupOnce(policy, 'rebind.example.com', { all: true });
    expect(error).toBeInstanceOf(DestinationRefused);
    expect(error!.message).toMatch(/127\.0\.0\.1.*loopback/);
  });

  it('refuses a literal address before connecting (connections to literals skip the lookup)', () => {
    expect(() => strict.assertReachable('127.0.0.1')).toThrow(DestinationRefused);
    expect(() => strict.assertReachable('[::1]')).toThrow(DestinationRefused);
    expect(() => strict.assertReachable('8.8.8.8')).not.toThrow();
    expect(() => strict.assertReachable('hooks.example.com')).not.toThrow();
  });
});
