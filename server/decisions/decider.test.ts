import { describe, expect, it } from 'vitest';
import { redactedFactsJson } from './decider.js';

describe('redactedFactsJson', () => {
  it('replaces contact details at any depth, in objects and arrays, and keeps everything else as it is', () => {
    const facts = {
      customer: { companyName: 'Acme', email: 'a@acme.example', phone: '+49 30 1', grade: 'A', contacts: [{ contactName: 'Ann', role: 'buyer' }] },
      rep: { id: 'r1', website: 'https://rep.example' },
      trigger: { type: 'import', previousOwnerId: null },
      address: { street: 'Main St' },
    };
    expect(JSON.parse(redactedFactsJson(facts))).toEqual({
      customer: { companyName: 'Acme', email: '[redacted]', phone: '[redacted]', grade: 'A', contacts: [{ contactName: '[redacted]', role: 'buyer' }] },
      rep: { id: 'r1', website: '[redacted]' },
      trigger: { type: 'import', previousOwnerId: null },
      address: '[redacted]',
    });
  });

  it('keeps a text that only looks like a contact key, and writes facts without contact keys as they are', () => {
    const facts = { customer: { note: '{"email":"x"}', tags: [',"phone":1'], grade: 'B' }, trigger: { type: 'create' } };
    expect(redactedFactsJson(facts)).toBe(JSON.stringify(facts));
    expect(JSON.parse(redactedFactsJson({ a: [{ b: { phone: '1' } }] }))).toEqual({ a: [{ b: { phone: '[redacted]' } }] });
  });
});
