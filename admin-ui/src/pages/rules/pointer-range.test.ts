import { describe, expect, it } from 'vitest';
import { pointerRange } from './pointer-range.js';

const text = `{
  "decision": "grading",
  "rules": [
    {
      "name": "A",
      "conditions": { "all": [ { "fact": "customer", "path": "$.grade", "operator": "equals", "value": "A" } ] },
      "event": { "type": "grade", "params": { "grade": "A" } }
    },
    { "name": "a/b~c", "conditions": { "any": [] } }
  ]
}`;
const at = (pointer: string) => {
  const r = pointerRange(text, pointer);
  return r && text.slice(r.offset, r.offset + r.length);
};
const lineOf = (pointer: string) => text.slice(0, pointerRange(text, pointer)!.offset).split('\n').length;

describe('pointerRange', () => {
  it('marks a scalar with its key', () => {
    expect(at('/rules/0/conditions/all/0/operator')).toBe('"operator": "equals"');
    expect(lineOf('/rules/0/conditions/all/0/operator')).toBe(6);
  });

  it('marks an object or array value by its key', () => {
    expect(at('/rules/0/event')).toBe('"event"');
    expect(at('/rules')).toBe('"rules"');
  });

  it('marks an array item by its opening bracket', () => {
    expect(at('/rules/1')).toBe('{');
    expect(lineOf('/rules/1')).toBe(9);
  });

  it('falls back to the nearest existing part for something missing', () => {
    expect(at('/rules/1/event')).toBe('{');
    expect(lineOf('/rules/1/event')).toBe(9);
    expect(at('/rules/0/event/params/grade/x')).toBe('"grade"');
    expect(at('/rules/7')).toBe('"rules"');
  });

  it('marks the document for the empty pointer, and unescapes ~0 and ~1', () => {
    expect(at('')).toBe('{');
    expect(pointerRange('{"a/b~c": 1}', '/a~1b~0c')).toEqual({ offset: 1, length: 10 });
  });

  it('gives null for text that is not JSON', () => {
    expect(pointerRange('', '/rules')).toBeNull();
  });
});
