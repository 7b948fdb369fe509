import { describe, expect, it } from '@jest/globals';
import { runCli } from './main';
import { captureIo } from './testing';

describe('runCli', () => {
  it.each([
    [[], 2, /error: no command given/],
    [['report'], 2, /error: unknown command "report"; use serve, fetch, simulate, sync, rotate-master-key, backup or /],
    [['sync'], 2, /error: --account is required/],
    [['serve', '--role', 'scheduler'], 2, /error: --role must be one of all, api, worker, got "scheduler"/],
    [['serve', '--port', '1'], 2, /error: Unknown option '--port'/],
  ])('refuses %j with status %i', async (argv, code, message) => {
    const run = captureIo();
    expect(await runCli(argv, run.io)).toBe(code);
    expect(run.stderr()).toMatch(message);
  });

  it('prints every command’s usage for help', async () => {
    const run = captureIo();
    expect(await runCli(['--help'], run.io)).toBe(0);
    const usages = [...run.stdout().matchAll(/^usage: spendsync (\S+)/gm)].map((m) => m[1]);
    expect(usages.slice(0, 4)).toEqual(['serve', 'fetch', 'simulate', 'sync']);
  });

  it('dispatches to fetch', async () => {
    const run = captureIo();
    expect(await runCli(['fetch', '--provider', 'acme'], run.io)).toBe(2);
    expect(run.stderr()).toMatch(/^error: unknown provider "acme"/);
  });
});
