/**
 * The JS the admin's first screen (the Overview on its Providers tab) loads, computed from the
 * build's Vite manifest (dist/.vite/manifest.json): the entry's static imports, plus the lazy
 * modules the first screen opens, each with its own static imports. Used by the size guard
 * (first-screen-js.test.ts) and printed by bench:ui next to what the browser really loaded.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** One entry of Vite's manifest (the fields used here). */
type ManifestChunk = { file: string; src?: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] };

/**
 * The lazy modules the first screen loads, as manifest keys (a RegExp where the key holds a
 * version): the Overview page and its Providers tab before the figures show, and graphql-ws
 * as soon as the live-updates subscription starts. The cost chart (recharts) and other tabs
 * load later and are left out.
 */
export const FIRST_SCREEN_LAZY_MODULES: (string | RegExp)[] = [
  'src/resources/overview/OverviewPage.tsx',
  'src/resources/overview/ProvidersTab.tsx',
  /\/graphql-ws\/dist\/index\.js$/,
];

/** What the first screen loads: its chunk files with their sizes, and the totals. */
export type FirstScreenJs = {
  files: { file: string; raw: number; gzip: number }[];
  raw: number;
  gzip: number;
};

/** The manifest keys of `modules` and everything they import statically, in load order. */
export function firstScreenChunks(
  manifest: Record<string, ManifestChunk>,
  modules = FIRST_SCREEN_LAZY_MODULES,
): string[] {
  const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  if (!entry) throw new Error('The manifest has no entry');
  const roots = [entry];
  for (const module of modules) {
    const key = Object.keys(manifest).find((k) => (typeof module === 'string' ? k === module : module.test(k)));
    if (!key) throw new Error(`${String(module)} is not a chunk of the build: update FIRST_SCREEN_LAZY_MODULES`);
    roots.push(key);
  }
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]!.imports ?? []) visit(imported);
  };
  roots.forEach(visit);
  return [...seen];
}

/** Reads `distDir`'s manifest and measures the first screen's JS (gzip level 9, as bench:ui). */
export async function measureFirstScreenJs(distDir: string): Promise<FirstScreenJs> {
  const manifest = JSON.parse(await readFile(path.join(distDir, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const files = await Promise.all(
    firstScreenChunks(manifest).map(async (key) => {
      const bytes = await readFile(path.join(distDir, manifest[key]!.file));
      return { file: manifest[key]!.file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    }),
  );
  return {
    files,
    raw: files.reduce((sum, f) => sum + f.raw, 0),
    gzip: files.reduce((sum, f) => sum + f.gzip, 0),
  };
}
