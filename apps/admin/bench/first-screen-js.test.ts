/** @jest-environment node */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { measureFirstScreenJs } from './first-screen-js';

/** The issue-19 budget for the JS of the first screen, gzip. */
const LIMIT_KB = 300;
const ADMIN_DIR = path.resolve(__dirname, '..');
const temporary: string[] = [];

/** The newest modification time of a file or of any file under a directory. */
function newestMtime(target: string): number {
  const stat = statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(target).map((name) => newestMtime(path.join(target, name))));
}

/**
 * dist/ when its manifest is newer than the admin's sources, config and the lockfile (as after
 * `pnpm build`, which `pnpm test` runs first); otherwise a fresh production build in a temp dir.
 */
function builtAdmin(): string {
  const dist = path.join(ADMIN_DIR, 'dist');
  const inputs = ['src', 'index.html', 'vite.config.ts', 'package.json', '../../pnpm-lock.yaml'];
  const manifestTime = newestMtime(path.join(dist, '.vite', 'manifest.json'));
  if (manifestTime > Math.max(...inputs.map((input) => newestMtime(path.join(ADMIN_DIR, input))))) return dist;
  const outDir = mkdtempSync(path.join(tmpdir(), 'spendsync-admin-build-'));
  temporary.push(outDir);
  const vite = path.join(ADMIN_DIR, 'node_modules', '.bin', 'vite');
  const build = spawnSync(vite, ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ADMIN_DIR,
    // jest sets NODE_ENV=test, which would make Vite bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stderr}`);
  return outDir;
}

afterAll(() => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('the admin first screen', () => {
  it(`loads at most ${LIMIT_KB} kB gzip of JS (Overview, Providers tab)`, async () => {
    const js = await measureFirstScreenJs(builtAdmin());
    const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
    const largest = [...js.files]
      .sort((a, b) => b.gzip - a.gzip)
      .slice(0, 8)
      .map((f) => `${f.file} ${kb(f.gzip)} kB`);
    const report = `${kb(js.gzip)} kB gzip in ${js.files.length} chunks; largest: ${largest.join(', ')}`;
    // Compared with its report, so a failure names the largest chunks: where to look first.
    expect({ isWithinBudget: js.gzip <= LIMIT_KB * 1024, report }).toEqual({ isWithinBudget: true, report });
  }, 90_000);
});
