import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.js';
import { deciderNoteKey } from './decider-note.js';

const lookup = (key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], en);

describe("a dispute's decider note", () => {
  it("tells the disputing rep's own manager that an admin decides a cross-team dispute, not that the rep's manager does", () => {
    const key = deciderNoteKey({ decideRefusal: 'NOT_DECIDER', teamId: 'east' }, { role: 'manager', teamId: 'east' });
    expect(lookup(key!)).toBe('This dispute involves a rep of another team; an admin decides it.');
  });

  it("tells another team's manager who decides, and says nothing to whoever may decide", () => {
    expect(deciderNoteKey({ decideRefusal: 'NOT_DECIDER', teamId: 'east' }, { role: 'manager', teamId: 'west' })).toBe('errors.NOT_DECIDER');
    expect(deciderNoteKey({ decideRefusal: 'OWN_DISPUTE', teamId: 'east' }, { role: 'manager', teamId: 'east' })).toBe('errors.OWN_DISPUTE');
    expect(deciderNoteKey({ decideRefusal: null, teamId: 'east' }, { role: 'admin', teamId: null })).toBeNull();
  });
});
