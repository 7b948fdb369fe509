import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// Dependencies point one way (STYLE.md §2), inside a package too: a module never reaches itself
// through its imports (type-only ones included, since they tie files together just as much).
const ROOT = path.resolve(__dirname, '..', '..', '..');
const SOURCES = ['apps/api/src', ...readdirSync(path.join(ROOT, 'packages')).map((name) => `packages/${name}/src`)];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(file);
    return entry.name.endsWith('.ts') ? [file] : [];
  });
}

const isFile = (file: string) => existsSync(file) && statSync(file).isFile();

/** The files `file` imports or re-exports by relative path. */
function relativeImports(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .filter(({ fileName }) => fileName.startsWith('.'))
    .map(({ fileName }) => path.resolve(path.dirname(file), fileName))
    .flatMap((target) => [`${target}.ts`, path.join(target, 'index.ts')].filter(isFile).slice(0, 1));
}

/** Groups of files that import each other in a circle (Tarjan's strongly connected components). */
function findCycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) visit(next);
      if (stack.includes(next)) low.set(file, Math.min(low.get(file)!, low.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const group = stack.splice(stack.indexOf(file));
    if (group.length > 1 || graph.get(file)?.includes(file))
      cycles.push(group.map((f) => path.relative(ROOT, f)).sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return cycles;
}

describe('import graph', () => {
  it('has no circular imports in apps/api and the packages', () => {
    const files = SOURCES.flatMap((dir) => sourceFiles(path.join(ROOT, dir)));
    expect(files.length).toBeGreaterThan(300);
    expect(findCycles(new Map(files.map((file) => [file, relativeImports(file)])))).toEqual([]);
  });
});
