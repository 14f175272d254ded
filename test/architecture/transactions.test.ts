// Inside a transaction every query goes through the transaction. A query on the outer handle, or a
// workflow command whose activity writes the same rows, waits for the transaction that waits for
// it: on the embedded database (one connection) that stopped every request until the wait bound
// (server/db/bounded-wait-dialect.ts); on Postgres it holds a connection and row locks across a
// workflow round trip. This reads every transaction callback in server/ and the functions of the
// same file it calls, and refuses one that reaches `db`, `lifecycle` or a Temporal `client`.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const OUTER = new Set(['db', 'lifecycle', 'client']);

/** Where a transaction callback reaches an outer handle: "file:line: call → name". */
function transactionLeaks(file: string, text: string): string[] {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const locals = new Map<string, ts.FunctionLikeDeclaration>();
  const collect = (n: ts.Node) => {
    if (ts.isFunctionDeclaration(n) && n.name) locals.set(n.name.text, n);
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer))) locals.set(n.name.text, n.initializer);
    ts.forEachChild(n, collect);
  };
  collect(src);
  const reaches = (fn: ts.FunctionLikeDeclaration, seen: Set<string>): string | null => {
    if (fn.parameters.some((p) => OUTER.has(p.name.getText(src)))) return null;
    let hit: string | null = null;
    const walk = (n: ts.Node) => {
      if (hit) return;
      if (ts.isIdentifier(n) && OUTER.has(n.text) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n) && !ts.isParameter(n.parent) && !ts.isPropertyAssignment(n.parent) && !ts.isBindingElement(n.parent)) {
        hit = n.text;
        return;
      }
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && locals.has(n.expression.text) && !seen.has(n.expression.text)) {
        seen.add(n.expression.text);
        const r = reaches(locals.get(n.expression.text)!, seen);
        if (r) hit = `${n.expression.text}() → ${r}`;
      }
      ts.forEachChild(n, walk);
    };
    if (fn.body) ts.forEachChild(fn.body, walk);
    return hit;
  };
  const found: string[] = [];
  const visit = (n: ts.Node) => {
    const callee = ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'execute' ? n.expression.expression : null;
    if (callee && ts.isCallExpression(callee) && ts.isPropertyAccessExpression(callee.expression) && callee.expression.name.text === 'transaction') {
      const fn = (n as ts.CallExpression).arguments[0];
      if (fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) {
        const r = reaches(fn, new Set());
        if (r) found.push(`${file}:${src.getLineAndCharacterOfPosition(fn.getStart(src)).line + 1}: ${r}`);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return found;
}

describe('transactions', () => {
  it('reach no outer database handle, lifecycle client or Temporal client', () => {
    const files = execFileSync('git', ['ls-files', 'server'], { encoding: 'utf8' })
      .split('\n')
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap((f) => transactionLeaks(f, readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('finds one that does, directly or through a function of its file', () => {
    const code = `
      async function move(id) { await lifecycle.reassign(id); }
      export async function decide(db, id) {
        await db.transaction().execute(async (tx) => { await tx.selectFrom('x').execute(); await move(id); });
        await db.transaction().execute(async (tx) => { await db.selectFrom('y').execute(); });
        await db.transaction().execute(async (tx) => { await tx.selectFrom('z').execute(); });
      }`;
    expect(transactionLeaks('example.ts', code)).toEqual(['example.ts:4: move() → lifecycle', 'example.ts:5: db']);
  });
});
