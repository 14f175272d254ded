// The import graph: the layer rules of .dependency-cruiser.cjs hold, and no two top-level folders
// or domain folders import each other, directly or round a longer cycle (README, "Layout").
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

interface Cruised {
  modules: { source: string; dependencies: { resolved: string; coreModule: boolean; couldNotResolve: boolean }[] }[];
  summary: { violations: { rule: { name: string }; from: string; to: string }[] };
}

const cruise = (): Cruised =>
  JSON.parse(
    execFileSync('npx', ['depcruise', 'server', 'workflows', 'rules', 'schemas', 'admin-ui/src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    }),
  ) as Cruised;

// Migrations are entry points too: the migrator runs them, and a backfill may call domain code
// (0014 computes the customers' name keys with server/customers).
const adapterOrEntry = /^server\/(http|temporal|lifecycle|health)\/|^server\/db\/migrations\/|[.](routes|service|middleware)[.]ts$|^server\/[^/]+[.]ts$|[.]test[.]ts$/;

/** Folder-level edges: `key(file)` names the folder a file belongs to, or null to leave it out. */
function folderGraph(graph: Cruised, key: (file: string) => string | null): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const m of graph.modules) {
    const from = key(m.source);
    if (!from) continue;
    for (const d of m.dependencies) {
      const to = d.coreModule || d.couldNotResolve ? null : key(d.resolved);
      if (!to || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)!.add(to);
    }
  }
  return edges;
}

/** Every cycle's members (strongly connected components with more than one folder). */
function cycles(edges: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('the import graph', () => {
  const graph = cruise();

  it('breaks none of the layer rules', () => {
    expect(graph.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });

  it('has no cycle between top-level folders', () => {
    const top = (f: string) => (/^(server|workflows|rules|schemas|admin-ui)\//.test(f) ? f.split('/')[0]! : null);
    expect(cycles(folderGraph(graph, top))).toEqual([]);
  });

  it('has no cycle between domain folders', () => {
    const domain = (f: string) => (f.startsWith('server/') && !adapterOrEntry.test(f) ? f.split('/').slice(0, 2).join('/') : null);
    const edges = folderGraph(graph, domain);
    expect(edges.size).toBeGreaterThan(5);
    expect(cycles(edges)).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    expect(cycles(new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])], ['d', new Set(['a'])]]))).toEqual([['a', 'b', 'c']]);
  });
});
