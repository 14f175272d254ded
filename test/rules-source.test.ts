// Rule sets written in the rules language through the API: saved with their source text, returned
// in both forms, refused with every problem at its line and column (in the caller's language), and
// the JSON view regenerating the text.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ worker: false });
});
afterAll(() => h?.close());

const count = async () => Number((await h.db.selectFrom('rule_sets').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

const written = `# Grades by expected close, in the rules language
decision grading
hit policy first

rule "Close within 1 month: A" priority 90
  when customer.expectedCloseDays <= 30
  then grade A reason "soon"

# everything else
rule "Everyone else: C" priority 1
  when always
  then grade C
`;

async function withLanguage(language: string, method: string, url: string, body: unknown) {
  const res = await h.app.request(url, {
    method,
    headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/json', 'accept-language': language },
    body: JSON.stringify(body),
  });
  return { status: res.status, vary: res.headers.get('vary') ?? '', body: (await res.json()) as any };
}

describe('rule sets as source text', () => {
  it('saves a draft from source, keeps the text with its comments, and returns the compiled document', async () => {
    const res = await h.call(h.adminToken, 'POST', '/rule-sets', { format: 'dsl', source: written, comment: 'from source' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ format: 'dsl', source: written, status: 'draft' });
    expect(res.body.document).toEqual({
      decision: 'grading',
      hitPolicy: 'first',
      comments: { head: ['Grades by expected close, in the rules language'] },
      rules: [
        {
          name: 'Close within 1 month: A',
          priority: 90,
          conditions: { all: [{ fact: 'customer', path: '$.expectedCloseDays', operator: 'lessThanInclusive', value: 30 }] },
          event: { type: 'grade', params: { grade: 'A', reason: 'soon' } },
        },
        { comments: ['everything else'], name: 'Everyone else: C', priority: 1, conditions: { all: [] }, event: { type: 'grade', params: { grade: 'C' } } },
      ],
    });
    const read = await h.call(h.adminToken, 'GET', `/rule-sets/${res.body.id}`);
    expect(read.body.source).toBe(written);
    expect(read.body.hash).toBe(res.body.hash);
  });

  it('hashes the document, not the text: a comment-only edit keeps the hash and keeps the new text', async () => {
    const draft = await h.call(h.adminToken, 'POST', '/rule-sets', { format: 'dsl', source: written });
    const edited = `${written}# a closing remark\n`;
    const res = await h.call(h.adminToken, 'PUT', `/rule-sets/${draft.body.id}`, { format: 'dsl', source: edited });
    expect(res.status).toBe(200);
    expect(res.body.source).toBe(edited);
    expect(res.body.hash).toBe(draft.body.hash);
  });

  it('regenerates the text when a version is written as JSON, with the comments the document carries', async () => {
    const fromSource = await h.call(h.adminToken, 'POST', '/rule-sets', { format: 'dsl', source: written });
    // As the JSON view or the decision table would send it back: edited, its comments along.
    const edited = structuredClone(fromSource.body.document);
    edited.rules[1].event.params.grade = 'D';
    const res = await h.call(h.adminToken, 'PUT', `/rule-sets/${fromSource.body.id}`, { document: edited });
    expect(res.status).toBe(200);
    expect(res.body.format).toBe('json');
    expect(res.body.source).toBe(written.replace('grade C', 'grade D').replace('"soon"', 'soon'));
    expect(res.body.source).toContain('rule "Close within 1 month: A" priority 90');
    // A document written before documents carried comments is as valid as ever, and prints without any.
    const old = await h.call(h.adminToken, 'PUT', `/rule-sets/${fromSource.body.id}`, { document: { ...edited, comments: undefined, rules: edited.rules.map(({ comments: _c, ...r }: any) => r) } });
    expect(old.status).toBe(200);
    expect(old.body.source).not.toContain('#');
    expect(old.body.hash).toBe(res.body.hash);
    // The printed text compiles back to the same document.
    const back = await h.call(h.adminToken, 'POST', '/rule-sets/validate', { format: 'dsl', source: res.body.source });
    expect(back.body).toMatchObject({ valid: true, issues: [] });
    expect(back.body.document).toEqual(edited);
  });

  it('publishes a version written as text, and a rollback to it brings its text back', async () => {
    const draft = await h.call(h.adminToken, 'POST', '/rule-sets', { format: 'dsl', source: written });
    const published = await h.call(h.adminToken, 'POST', `/rule-sets/${draft.body.id}/publish`, {});
    expect(published.status).toBe(200);
    const other = await h.call(h.adminToken, 'POST', '/rule-sets', { format: 'dsl', source: written.replace('<= 30', '<= 20') });
    await h.call(h.adminToken, 'POST', `/rule-sets/${other.body.id}/publish`, {});
    const back = await h.call(h.adminToken, 'POST', '/decisions/grading/rollback', { version: published.body.published.version });
    expect(back.status).toBe(200);
    const read = await h.call(h.adminToken, 'GET', `/rule-sets/${back.body.published.id}`);
    expect(read.body).toMatchObject({ format: 'dsl', source: written, hash: draft.body.hash });
  });

  it('returns the shipped defaults with their shipped source text', async () => {
    const decisions = (await h.call(h.adminToken, 'GET', '/decisions')).body.items as { name: string; published: { id: string } | null }[];
    const versions = await h.db.selectFrom('rule_sets').select(['decision', 'id', 'source']).where('comment', '=', 'shipped default').execute();
    expect(versions.map((v) => v.decision).sort()).toEqual(['approval', 'assignment', 'caps', 'grading', 'reclaim']);
    for (const v of versions) expect(v.source).toMatch(/^# /);
    const caps = versions.find((v) => v.decision === 'caps')!;
    const read = await h.call(h.adminToken, 'GET', `/rule-sets/${caps.id}`);
    expect(read.body).toMatchObject({ format: 'dsl', source: caps.source });
    expect(decisions.length).toBe(5);
  });

  it('refuses source with a missing then, an unknown fact, a misspelt operator and a wrong param at their lines and columns, and stores nothing', async () => {
    const before = await count();
    const cases: [string, { line: number; column: number; code: RegExp }][] = [
      ['decision grading\nhit policy first\nrule "x" priority 1\n  when customer.noDemand = true\n  grade E\n', { line: 5, column: 3, code: /^dsl\.missing-then$/ }],
      ['decision grading\nhit policy first\nrule "x" priority 1\n  when custmer.noDemand = true\n  then grade E\n', { line: 4, column: 8, code: /^rules\./ }],
      ['decision grading\nhit policy first\nrule "x" priority 1\n  when customer.followUps greater 3\n  then grade E\n', { line: 4, column: 27, code: /^dsl\./ }],
      ['decision grading\nhit policy first\nrule "x" priority 1\n  when always\n  then grade Q\n', { line: 5, column: 14, code: /^rules\./ }],
    ];
    for (const [source, at] of cases) {
      const res = await h.call(h.adminToken, 'POST', '/rule-sets', { format: 'dsl', source });
      expect(res.status, source).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.location).toBe('source');
      const first = res.body.error.details.issues[0];
      expect({ pointer: first.pointer, line: first.line, column: first.column }, source).toEqual({ pointer: '/source', line: at.line, column: at.column });
      expect(first.code).toMatch(at.code);
      expect(res.body.error.message).toContain(`line ${at.line}, column ${at.column}`);
      const check = await h.call(h.adminToken, 'POST', '/rule-sets/validate', { format: 'dsl', source });
      expect(check.status).toBe(200);
      expect(check.body.valid).toBe(false);
      expect(check.body.issues[0]).toMatchObject({ line: at.line, column: at.column });
    }
    expect(await count()).toBe(before);
  });

  it('writes problems in the caller’s language', async () => {
    const source = 'decision grading\nhit policy first\nrule "x" priority 1\n  when always\n  grade E\n';
    const en = await withLanguage('en-US,en;q=0.9', 'POST', '/rule-sets/validate', { format: 'dsl', source });
    const zh = await withLanguage('zh-CN,zh;q=0.9,en;q=0.8', 'POST', '/rule-sets/validate', { format: 'dsl', source });
    expect(en.body.issues[0].message).toMatch(/then/);
    expect(zh.body.issues[0]).toMatchObject({ line: en.body.issues[0].line, column: en.body.issues[0].column, code: en.body.issues[0].code });
    expect(zh.body.issues[0].message).toMatch(/[\u4e00-\u9fff]/);
    // Caches keep the two apart.
    expect(zh.vary).toMatch(/accept-language/i);
  });

  it('validates JSON and answers with its printed source, and refuses a body that mixes the two forms', async () => {
    const doc = { decision: 'grading', hitPolicy: 'first', rules: [{ name: 'all', conditions: { all: [] }, event: { type: 'grade', params: { grade: 'B' } } }] };
    const ok = await h.call(h.adminToken, 'POST', '/rule-sets/validate', { document: doc });
    expect(ok.body.valid).toBe(true);
    expect(ok.body.source).toMatch(/^decision grading\nhit policy first\n/);
    for (const body of [{ format: 'dsl', source: written, document: doc }, { source: written }, { format: 'dsl' }, { format: 'yaml', source: written }]) {
      const res = await h.call(h.adminToken, 'POST', '/rule-sets', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.issues[0].pointer).toMatch(/^\/(source|document|format)$/);
    }
  });

  it('simulates unsaved source text, and refuses broken text at its line and column', async () => {
    const ok = await h.call(h.adminToken, 'POST', '/simulations', { format: 'dsl', source: written, wait: true });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('done');
    const bad = await h.call(h.adminToken, 'POST', '/simulations', { format: 'dsl', source: written.replace('<= 30', '<= '), wait: true });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0]).toMatchObject({ pointer: '/source', line: 7 });
  });

  it('answers conditions nested hundreds of levels deep with "nested too deeply" at a line and column, never a 5xx', async () => {
    const leaf = 'customer.expectedCloseDays <= 30';
    for (const [open, close] of [['(', ')'], ['all(', ')'], ['not (', ')']] as const) {
      for (const depth of [50, 200, 20_000]) {
        const source = written.replace(leaf, `${open.repeat(depth)}${leaf}${close.repeat(depth)}`);
        const check = await withLanguage('zh-CN', 'POST', '/rule-sets/validate', { format: 'dsl', source });
        expect(check.status).toBe(200);
        expect(check.body.valid).toBe(false);
        expect(check.body.issues).toEqual([expect.objectContaining({ code: 'dsl.too-deep', line: 6, message: expect.stringMatching(/^嵌套太深：.*最多 12 层/) })]);
        const save = await h.call(h.adminToken, 'POST', '/rule-sets', { format: 'dsl', source });
        expect(save.status).toBe(400);
        expect(save.body.error.message).toMatch(/line 6, column \d+: nested too deeply: at most 12 levels/);
      }
    }
    // A JSON document nested as deep is refused at its pointer, too (written as text: too deep for JSON.stringify).
    const deep = `${'{"all":['.repeat(20_000)}{"fact":"customer","path":"$.grade","operator":"equal","value":"A"}${']}'.repeat(20_000)}`;
    const body = `{"document":{"decision":"grading","hitPolicy":"first","rules":[{"conditions":${deep},"event":{"type":"grade","params":{"grade":"A"}}}]}}`;
    const json = await h.app.request('/rule-sets/validate', { method: 'POST', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/json' }, body });
    expect(json.status).toBe(200);
    expect(((await json.json()) as { issues: { code: string }[] }).issues.map((i) => i.code)).toEqual(['rules.conditions-too-deep']);
  });

  it('refuses a string escape the database cannot store (\\u0000, a lone surrogate) at its line and column, in the caller’s language, and saves or simulates nothing', async () => {
    const simulations = async () => Number((await h.db.selectFrom('simulations').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const cases = [
      { escape: '\\ud800', code: 'text_surrogate', en: /lone UTF-16 surrogate/, zh: /^不是格式正确的 Unicode/ },
      { escape: '\\u0000', code: 'text_nul', en: /NUL character \(U\+0000\)/, zh: /^含有 NUL 字符/ },
      { escape: '\\udc00\\ud800', code: 'text_surrogate', en: /lone UTF-16 surrogate/, zh: /^不是格式正确的 Unicode/ },
    ];
    for (const { escape, code, en, zh } of cases) {
      for (const [source, line] of [
        [`decision grading\nhit policy first\nrule "bad${escape}name" priority 1\n  when always\n  then grade B\n`, 3],
        [`decision grading\nhit policy first\nrule "fine" priority 1\n  when customer.industry = "x${escape}"\n  then grade B reason "ok"\n`, 4],
        [`decision grading\nhit policy first\nrule "fine" priority 1\n  when always\n  then grade B reason "why ${escape}"\n`, 5],
      ] as const) {
        const column = source.split('\n')[line - 1]!.indexOf(escape) + 1;
        const before = { ruleSets: await count(), simulations: await simulations() };
        const check = await withLanguage('en', 'POST', '/rule-sets/validate', { format: 'dsl', source });
        expect(check.status, source).toBe(200);
        expect(check.body.valid, source).toBe(false);
        // Only these: each escape that cannot be stored (a reversed pair is two), nothing else.
        expect(check.body.issues.map((i: { code: string }) => i.code), source).toEqual(escape.split('\\').slice(1).map(() => code));
        expect(check.body.issues[0], source).toMatchObject({ pointer: '/source', code, line, column, message: expect.stringMatching(en) });
        const checkZh = await withLanguage('zh-CN,zh;q=0.9', 'POST', '/rule-sets/validate', { format: 'dsl', source });
        expect(checkZh.body.issues[0], source).toMatchObject({ code, line, column, message: expect.stringMatching(zh) });
        for (const [url, body] of [
          ['/rule-sets', { format: 'dsl', source }],
          ['/simulations', { format: 'dsl', source, wait: true }],
          ['/forecasts', { format: 'dsl', source }],
        ] as const) {
          const res = await withLanguage('zh-CN', 'POST', url, body);
          expect(res.status, `${url} ${source}`).toBe(400);
          expect(res.body.error.code).toBe('VALIDATION_FAILED');
          expect(res.body.error.message).not.toMatch(/invalid input syntax|Unicode escape|cannot be stored/);
          expect(res.body.error.details.issues[0], url).toMatchObject({ pointer: '/source', code, line, column, message: expect.stringMatching(zh) });
        }
        expect({ ruleSets: await count(), simulations: await simulations() }, source).toEqual(before);
      }
    }
    // A surrogate pair written as two escapes is one well-formed character: saved.
    const pair = await h.call(h.adminToken, 'POST', '/rule-sets', { format: 'dsl', source: written.replace('"soon"', '"soon \\ud83d\\ude00"') });
    expect(pair.status).toBe(201);
    expect(pair.body.document.rules[0].event.params.reason).toBe('soon \u{1F600}');
  });

  it('answers any mangled source with 200 (validate) or 400 (save) and positions, never a 5xx, storing nothing', async () => {
    const before = await count();
    const rng = fc.sample(fc.tuple(fc.nat(written.length), fc.nat(20), fc.string({ unit: 'binary', maxLength: 12 })), { numRuns: 300, seed: 11 });
    for (const [at, cut, insert] of rng) {
      const source = written.slice(0, at) + insert + written.slice(at + cut);
      const check = await h.call(h.adminToken, 'POST', '/rule-sets/validate', { format: 'dsl', source });
      if (!source.isWellFormed() || source.includes('\u0000')) {
        // Text the database could never store is refused up front, like any request's.
        expect(check.status, source).toBe(400);
        continue;
      }
      expect(check.status, source).toBe(200);
      for (const issue of check.body.issues) expect(issue.line, source).toBeGreaterThanOrEqual(1);
      if (check.body.valid) continue;
      const save = await h.call(h.adminToken, 'POST', '/rule-sets', { format: 'dsl', source });
      expect(save.status, source).toBe(400);
    }
    expect(await count()).toBe(before);
  });
});
