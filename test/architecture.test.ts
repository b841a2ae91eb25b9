/**
 * The module graph of src/ has no import cycles (static, dynamic and type-only imports all
 * count): a cycle makes load order matter and hides which module owns what.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const src = path.resolve(import.meta.dirname, '../src');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  const re = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const spec = (m[1] ?? m[2]).replace(/\.js$/, '.ts');
    out.push(path.resolve(path.dirname(file), spec));
  }
  return out;
}

/** Every cycle found by a depth-first search, each once, as module paths relative to src/. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const seen = new Set<string>();
  const visit = (n: string) => {
    state.set(n, 1);
    stack.push(n);
    for (const m of graph.get(n) ?? []) {
      if (!graph.has(m)) continue;
      if (state.get(m) === 1) {
        const cycle = stack.slice(stack.indexOf(m)).map((f) => path.relative(src, f));
        const key = [...cycle].sort().join(' ');
        if (!seen.has(key)) (seen.add(key), cycles.push(cycle));
      } else if (!state.has(m)) visit(m);
    }
    stack.pop();
    state.set(n, 2);
  };
  for (const n of graph.keys()) if (!state.has(n)) visit(n);
  return cycles;
}

describe('module graph', () => {
  it('finds a cycle when there is one (the check can fail)', () => {
    const g = new Map([[path.join(src, 'a.ts'), [path.join(src, 'b.ts')]], [path.join(src, 'b.ts'), [path.join(src, 'a.ts')]]]);
    expect(findCycles(g)).toEqual([['a.ts', 'b.ts']]);
  });
  it('src/ has no import cycles', () => {
    const graph = new Map(files(src).map((f) => [f, importsOf(f)]));
    expect(graph.size).toBeGreaterThan(100);
    expect(findCycles(graph)).toEqual([]);
  });
});
