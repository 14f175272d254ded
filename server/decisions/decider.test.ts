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
});
