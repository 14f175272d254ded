import { describe, expect, it } from 'vitest';
import { destinationRefusalText } from './destination-words.js';

describe('why an outbound address is refused', () => {
  it('names every range ipaddr.js may give in words, a special-purpose one not listed by its name in brackets', () => {
    const say = (range: string, language: 'en' | 'zh') => destinationRefusalText({ refusal: 'address', address: '192.52.193.1', range, host: null }, language);
    expect(say('loopback', 'zh')).toBe('192.52.193.1 是回环地址，不是公网地址');
    expect(say('amt', 'en')).toBe('192.52.193.1 is a special-purpose (amt) address, not a public address');
    expect(say('amt', 'zh')).toBe('192.52.193.1 是特殊用途地址（amt），不是公网地址');
  });
});
