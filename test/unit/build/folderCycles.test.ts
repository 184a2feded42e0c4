/**
 * No folder cycle under src/: if a file in folder A imports from folder B, nothing in B (directly or
 * through other folders) imports from A. Folders are the exact directories of the files; every
 * relative import counts, `import type` included (a type-only cycle is still two folders that
 * cannot be understood, moved or bundled apart). A folder and its own subfolders are one unit
 * (e.g. src/features/explorer and src/features/explorer/tree may import each other): imports between a
 * folder and its ancestors or descendants are not edges. Imports are read with a regex, not a compiler.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

const root = join(__dirname, '..', '..', '..');
const src = join(root, 'src');

function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) found.push(...sourceFiles(p));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) found.push(p);
  }
  return found;
}

/** Relative module specifiers of `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`. */
export function importSpecifiers(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const specs: string[] = [];
  const re = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.[^'"]*)['"]/g;
  for (let m = re.exec(code); m; m = re.exec(code)) specs.push(m[1]);
  return specs;
}

/** folder → folders its files import from (both relative to the repository root). */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(src)) {
    const from = relative(root, dirname(file));
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const spec of importSpecifiers(readFileSync(file, 'utf8'))) {
      const target = resolve(dirname(file), spec);
      // './x' is a file in a folder, './dir' may be a folder with an index file.
      const folder = isDirectory(target) ? target : dirname(target);
      const to = relative(root, folder);
      if (!nested(from, to)) edges.add(to);
    }
  }
  return graph;
}

/** The same folder, or one inside the other. */
function nested(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** One cycle per strongly connected component with more than one folder, as a path a → b → … → a. */
export function findCycles(graph: Map<string, Set<string>>): string[][] {
  // Tarjan's strongly connected components.
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string): void => {
    indices.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component);
    }
  };
  for (const v of [...graph.keys()].sort()) if (!indices.has(v)) visit(v);
  // A concrete cycle inside each component: a shortest path back to its first folder.
  return components.map((component) => {
    const members = new Set(component);
    const start = component.sort()[0];
    const previous = new Map<string, string>();
    const queue = [start];
    while (queue.length) {
      const v = queue.shift()!;
      for (const w of [...(graph.get(v) ?? [])].sort()) {
        if (!members.has(w)) continue;
        if (w === start) {
          const path = [v];
          while (path[0] !== start) path.unshift(previous.get(path[0])!);
          return [...path, start];
        }
        if (!previous.has(w)) {
          previous.set(w, v);
          queue.push(w);
        }
      }
    }
    return component;
  });
}

describe('folder cycles', () => {
  it('finds a cycle in a graph that has one (the check can fail)', () => {
    const graph = new Map([
      ['src/a', new Set(['src/b'])],
      ['src/b', new Set(['src/c'])],
      ['src/c', new Set(['src/a', 'src/d'])],
      ['src/d', new Set<string>()],
    ]);
    assert.deepEqual(findCycles(graph), [['src/a', 'src/b', 'src/c', 'src/a']]);
  });

  it('reads every kind of relative import, and no commented-out one', () => {
    const text = [
      "import { a } from './a';",
      "import type { B } from '../b/b';",
      "export * from './c/index';",
      "import './d';",
      "const e = await import('../e');",
      "// import { f } from './f';",
      "import * as vscode from 'vscode';",
    ].join('\n');
    assert.deepEqual(importSpecifiers(text), ['./a', '../b/b', './c/index', './d', '../e']);
  });

  it('src/ has no folder cycle', () => {
    const cycles = findCycles(folderGraph());
    assert.deepEqual(
      cycles.map((c) => c.join(' → ')),
      [],
      'folders that import each other (directly or around a loop)',
    );
  });
});
