import { describe, expect, test } from 'vitest';
import { parsePath, resolvePath } from './path.js';

describe('resolvePath', () => {
  test('reads nested own properties', () => {
    expect(resolvePath({ a: { b: { c: 3 } } }, '$.a.b.c')).toBe(3);
    expect(resolvePath({ a: { b: null } }, '$.a.b')).toBeNull();
    expect(resolvePath({ a: {} }, '$.a.b')).toBeUndefined();
  });

  test('never reads inherited members', () => {
    expect(resolvePath({}, '$.toString')).toBeUndefined();
    expect(resolvePath({}, '$.hasOwnProperty')).toBeUndefined();
    expect(resolvePath(Object.create({ grade: 'A' }), '$.grade')).toBeUndefined();
    expect(resolvePath(['x'], '$.map')).toBeUndefined();
  });

  test('refuses __proto__, constructor and prototype, even as own keys', () => {
    const parsed: unknown = JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},"prototype":1}');
    expect(resolvePath(parsed, '$.__proto__')).toBeUndefined();
    expect(resolvePath(parsed, '$.__proto__.polluted')).toBeUndefined();
    expect(resolvePath(parsed, '$.constructor')).toBeUndefined();
    expect(resolvePath(parsed, '$.constructor.prototype.x')).toBeUndefined();
    expect(resolvePath(parsed, '$.prototype')).toBeUndefined();
    expect(resolvePath({}, '$.constructor')).toBeUndefined();
    expect(parsePath('$.a.__proto__')).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('gives undefined when a step is not an object', () => {
    expect(resolvePath({ grade: 'A' }, '$.grade.length')).toBeUndefined();
    expect(resolvePath({ n: 5 }, '$.n.x')).toBeUndefined();
    expect(resolvePath({ f: () => 1 }, '$.f.name')).toBeUndefined();
    expect(resolvePath({ a: null }, '$.a.b')).toBeUndefined();
    expect(resolvePath('text', '$.length')).toBeUndefined();
    expect(resolvePath(null, '$.a')).toBeUndefined();
  });

  test('reads own properties of arrays, such as length', () => {
    expect(resolvePath({ tags: ['a', 'b'] }, '$.tags.length')).toBe(2);
  });

  test('reads nothing through paths that are not plain $.a.b paths', () => {
    for (const path of ['$', '', 'a.b', '$..a', '$.a[0]', '$.a.*', '$[0]', '$.1a', '$.a.']) {
      expect(parsePath(path)).toBeNull();
      expect(resolvePath({ a: { b: 1 } }, path)).toBeUndefined();
    }
  });

  test('parses each path once', () => {
    const first = parsePath('$.customer.grade');
    expect(first).toEqual(['customer', 'grade']);
    expect(parsePath('$.customer.grade')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });
});
