import { describe, expect, it } from 'vitest';
import { unstorableText } from './unstorable-text.middleware.js';
import { textFault } from '../../schemas/storable-text.js';

describe('text PostgreSQL cannot store', () => {
  it('is a NUL character or a lone UTF-16 surrogate, and nothing else', () => {
    expect(textFault('a\u0000b')).toBe('nul');
    expect(textFault('\ud800')).toBe('surrogate');
    expect(textFault('x\udc00')).toBe('surrogate');
    expect(textFault('ok\ud83d')).toBe('surrogate');
    for (const fine of ['', 'Acme 有限公司', '😀', '\ud83d\ude00', '\ufeff\u202e\u200b', 'e\u0301', '\uffff']) expect(textFault(fine)).toBeNull();
  });

  it('is found in keys and values at any depth, with a JSON pointer to each place', () => {
    const body = { a: ['fine', { 'b/c': 'x\u0000' }], ['k\ud800']: 1, d: { e: '\udfff' } };
    const issues = unstorableText(body);
    expect(issues).toHaveLength(3);
    expect(issues).toEqual(expect.arrayContaining([
      { pointer: '/a/1/b~1c', code: 'text_nul' },
      { pointer: '/k\ud800', code: 'text_surrogate', params: { key: 1 } },
      { pointer: '/d/e', code: 'text_surrogate' },
    ]));
  });

  it('finds a key named "__proto__" (which an object built from the body would drop) at any depth, however it was written', () => {
    const body = JSON.parse('{"mapping":{"__pr\\u006fto__":"companyName","Name":"contactName"},"list":[{"__proto__":1}],"proto":"__proto__"}');
    expect(unstorableText(body)).toEqual([
      { pointer: '/mapping/__proto__', code: 'reserved_key' },
      { pointer: '/list/0/__proto__', code: 'reserved_key' },
    ]);
  });

  it('walks a body nested 200,000 levels deep in linear time, without overflowing the stack', () => {
    let deep: unknown = '\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const started = performance.now();
    const issues = unstorableText(deep);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.pointer).toBe('/0'.repeat(200_000));
  });
});
