import { describe, expect, it } from '@jest/globals';
import { runCli } from './main';
import { captureIo } from './testing';

describe('runCli', () => {
  it.each([
    [[], 2, /error: no command given/],
    [['report'], 2, /error: unknown command "report"; use fetch, simulate, sync, rotate-master-key, backup or restore/],
    [['sync'], 2, /error: --account is required/],
  ])('refuses %j with status %i', async (argv, code, message) => {
    const run = captureIo();
    expect(await runCli(argv, run.io)).toBe(code);
    expect(run.stderr()).toMatch(message);
  });

  it('prints every command’s usage for help', async () => {
    const run = captureIo();
    expect(await runCli(['--help'], run.io)).toBe(0);
    expect(run.stdout()).toMatch(/usage: spendsync fetch[\s\S]*usage: spendsync simulate[\s\S]*usage: spendsync sync/);
  });

  it('dispatches to fetch', async () => {
    const run = captureIo();
    expect(await runCli(['fetch', '--provider', 'acme'], run.io)).toBe(2);
    expect(run.stderr()).toMatch(/^error: unknown provider "acme"/);
  });
});
