// Hostile multipart uploads (the two form routes, POST /imports and POST /document-templates): every
// form field and the file's name generated from the same odd strings as the JSON fuzz (NUL, lone
// surrogates, prototype keys, 5,000 characters …), sent by every kind of caller. Never a 5xx, always
// the one error shape, and a refusal writes nothing (every row of every table compared).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness.js';
import { oddString } from './support/hostile-input.js';
import { storedTables, tableDigests } from './support/table-digest.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

let h: Harness;
let tables: string[];
let tokens: Record<'admin' | 'rep' | 'anonymous', string | null>;
beforeAll(async () => {
  // No worker: an import taken (202) stays queued, so nothing writes in the background between checks.
  h = await createHarness({ worker: false, clientKey: (c) => c.req.header('authorization') ?? 'nobody', rateLimits: { imports: { perClient: 10_000, perToken: 10_000, windowMs: 60_000 } } });
  tokens = { admin: h.adminToken, rep: (await h.createRep()).token, anonymous: null };
  tables = await storedTables(h.db);
}, 120_000);
afterAll(() => h?.close());

/** A field's value: left out, one a person would send (a valid one, so that some uploads are taken), or an odd one. */
const field = (...plausible: string[]) => fc.option(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...plausible) }, { weight: 1, arbitrary: oddString }), { nil: undefined });
const csv = fc.oneof(
  { weight: 3, arbitrary: fc.constant('Company,Country\nFuzz Upload Ltd,DE\n') },
  { weight: 2, arbitrary: fc.constantFrom('Company\n\u0000\n', '\ufeffCompany;Email\n"unclosed\n', '', 'PK\u0003\u0004 not a zip') },
);
const fileName = fc.oneof({ weight: 3, arbitrary: fc.constant('customers.csv') }, { weight: 2, arbitrary: oddString });

const forms = {
  '/imports': fc.record({
    mode: field('preview', 'commit'),
    existing: field('skip', 'fill'),
    overridePrivate: field('true', 'false'),
    poolId: field('default'),
    source: field('Canton Fair'),
    country: field('DE', 'de', 'Germany', '德国'),
    assign: field('true', 'false'),
    mapping: field('{"Company":"companyName"}', '{"Company":"companyName","Country":"country"}'),
  }),
  '/document-templates': fc.record({ kind: field('quotation', 'proforma_invoice'), language: field('en', 'zh'), name: field('Our quote', '') }),
} as const;

describe('generated hostile uploads', () => {
  for (const [path, fields] of Object.entries(forms)) {
    it(`POST ${path}: never 5xx, one error shape, and nothing written when refused`, async () => {
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...(Object.keys(tokens) as (keyof typeof tokens)[])), fields, fileName, csv, async (role, values, name, content) => {
          const form = new FormData();
          form.set('file', new Blob([content]), name || 'x.csv');
          for (const [k, v] of Object.entries(values)) if (v !== undefined) form.set(k, v);
          const before = await tableDigests(h.db, tables);
          const token = tokens[role];
          const res = await h.app.request(path, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
          const text = await res.text();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (process.env.FUZZ_REPORT === 'all') console.log(res.status, text.slice(0, 160));
          const shown = `POST ${path} as ${role} with ${JSON.stringify({ ...values, name }).slice(0, 300)} → ${res.status} ${text.slice(0, 300)}`;
          expect(res.status, shown).toBeLessThan(500);
          if (res.status >= 400) {
            const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
            expect(body.error?.code, shown).toMatch(/^[A-Z][A-Z_]+$/);
            expect(body.error?.message?.length, shown).toBeGreaterThan(0);
            expect(await tableDigests(h.db, tables), `${shown} changed what is stored`).toEqual(before);
          }
        }),
        { numRuns: RUNS, ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}) },
      );
      if (process.env.FUZZ_REPORT) console.log(path, Object.fromEntries(statuses));
      // The generated uploads reach the handler, not only the validators: some are refused there.
      expect([...statuses.keys()].some((s) => s === 400 || s === 202 || s === 201), JSON.stringify([...statuses])).toBe(true);
    }, 300_000);
  }
});
