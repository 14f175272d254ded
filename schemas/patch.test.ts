import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { patchBody } from './patch.js';

const Create = z
  .strictObject({
    name: z.string().min(1),
    role: z.enum(['admin', 'rep']).default('rep'),
    tags: z.array(z.string()).default([]).meta({ description: 'Tags rules can test.' }),
    active: z.boolean().default(true),
    timeZone: z.string().default('UTC').optional(),
    note: z.string().optional().meta({ description: 'Free text.' }),
    limit: z.number().prefault(5),
  })
  .meta({ id: 'PatchTestCreate' });
const Patch = patchBody(Create).meta({ id: 'PatchTestUpdate' });

describe('patchBody', () => {
  it('fills in nothing a request leaves out', () => {
    expect(Patch.parse({})).toEqual({});
    expect(Patch.parse({ name: 'x' })).toEqual({ name: 'x' });
    expect(Object.keys(Patch.parse({ active: false }))).toEqual(['active']);
  });

  it('keeps each field’s validation and the object’s strictness', () => {
    expect(Patch.safeParse({ name: '' }).success).toBe(false);
    expect(Patch.safeParse({ role: 'boss' }).success).toBe(false);
    expect(Patch.safeParse({ tags: 'one' }).success).toBe(false);
    const unknown = Patch.safeParse({ nmae: 'x' });
    expect(unknown.success).toBe(false);
    expect(unknown.error!.issues[0]!.code).toBe('unrecognized_keys');
    expect(Patch.parse({ role: 'admin', tags: ['a'], limit: 7 })).toEqual({ role: 'admin', tags: ['a'], limit: 7 });
  });

  it('leaves the create body as it was', () => {
    expect(Create.parse({ name: 'x' })).toEqual({ name: 'x', role: 'rep', tags: [], active: true, timeZone: 'UTC', limit: 5 });
  });

  it('documents no defaults and no required fields, and keeps the fields’ descriptions', () => {
    const schema = z.toJSONSchema(patchBody(Create), { io: 'input' }) as { properties: Record<string, Record<string, unknown>>; required?: string[] };
    expect(schema.required ?? []).toEqual([]);
    expect(JSON.stringify(schema)).not.toContain('"default"');
    expect(schema.properties.tags!.description).toBe('Tags rules can test.');
    expect(schema.properties.note!.description).toBe('Free text.');
    expect(z.globalRegistry.get(Patch)?.id).toBe('PatchTestUpdate');
  });
});
