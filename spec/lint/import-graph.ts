import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import ts from 'typescript';

/** Every `.ts` file under `dir`, as paths relative to `root`, with its text. */
export function readSources(root: string, dir: string): Map<string, string> {
  const sources = new Map<string, string>();
  const walk = (at: string): void => {
    for (const name of readdirSync(join(root, at))) {
      const path = join(at, name);
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) sources.set(path, readFileSync(join(root, path), 'utf8'));
    }
  };
  walk(dir);
  return sources;
}

/**
 * The import graph of `sources` (path → text): each file's relative imports that name
 * another file of `sources`, type-only imports and `import('…')` types included — found
 * by TypeScript's own pre-processor, not by a pattern.
 */
export function importGraph(sources: Map<string, string>): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [path, text] of sources) {
    const info = ts.preProcessFile(text, true, true);
    const targets = info.importedFiles
      .map((f) => f.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => normalize(join(dirname(path), name)))
      .flatMap((base) => [`${base}.ts`, join(base, 'index.ts')].filter((p) => sources.has(p)));
    graph.set(path, [...new Set(targets)]);
  }
  return graph;
}

/** The import circles of `graph` (Tarjan's strongly connected components of two or more files, or a file importing itself). */
export function importCircles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.includes(node)) circles.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return circles;
}
