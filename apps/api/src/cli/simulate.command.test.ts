import { describe, expect, it } from '@jest/globals';
import { formatMoney, parseMoney, sumMoney } from '@spendsync/domain';
import { runFetch } from './fetch.command';
import type { AdapterDeps } from '@spendsync/adapters';
import type { ProviderSimulator } from '@spendsync/simulators';
import { fetchArgsFor, runSimulate } from './simulate.command';
import { captureIo, splitShellWords } from './testing';

async function waitFor(read: () => string, pattern: RegExp): Promise<RegExpMatchArray> {
  for (let i = 0; i < 200; i++) {
    const match = read().match(pattern);
    if (match) return match;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${pattern}; output so far:\n${read()}`);
}

describe('spendsync simulate', () => {
  it('serves until stopped and prints a fetch command whose records total the ground truth', async () => {
    const sim = captureIo();
    const exit = runSimulate(
      ['--provider', 'anthropic', '--seed', '9', '--days', '5', '--start', '2026-02-01', '--port', '0'],
      sim.io,
    );
    await waitFor(sim.stdout, /press Ctrl\+C to stop/);
    const out = sim.stdout();
    const url = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)?.[1] as string;
    expect(out).toMatch(/^data: 2026-02-01 to 2026-02-06 \(exclusive\), seed 9$/m);
    expect(out).toMatch(/^credentials: \{"apiKey":"sk-ant-admin01-/m);
    const command = out.match(/^ {2}pnpm --silent spendsync fetch (.*)$/m)?.[1] as string;

    const fetched = captureIo();
    expect(await runFetch(splitShellWords(command), fetched.io)).toBe(0);
    const lines = fetched
      .stdout()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { cost: string });
    const truth = (await (await fetch(`${url}/__simulator/ground-truth?from=2026-02-01&to=2026-02-06`)).json()) as {
      cost: string;
    };
    expect(formatMoney(sumMoney(lines.map((l) => parseMoney(l.cost))))).toBe(truth.cost);

    sim.controller.abort();
    expect(await exit).toBe(0);
    expect(sim.stdout()).toMatch(/stopped\n$/);
    await expect(fetch(url)).rejects.toThrow();
  });

  it.each([
    ['no provider', [], /--provider is required/],
    ['an unknown provider', ['--provider', 'acme'], /unknown provider "acme"/],
    [
      'a port out of range',
      ['--provider', 'anthropic', '--port', '70000'],
      /--port must be a whole number from 0 to 65535/,
    ],
    ['a bad start day', ['--provider', 'anthropic', '--start', '2026-1-1'], /--start "2026-1-1" is not a calendar day/],
    ['zero days', ['--provider', 'anthropic', '--days', '0'], /--days must be a whole number from 1/],
  ] as const)('refuses %s with status 2', async (_name, args, message) => {
    const run = captureIo();
    expect(await runSimulate([...args], run.io)).toBe(2);
    expect(run.stderr()).toMatch(message);
    expect(run.stdout()).toBe('');
  });
});

describe('fetchArgsFor', () => {
  const simulator = (deps: Partial<AdapterDeps>) =>
    ({
      credentials: { apiKey: 'k' },
      dataRange: { start: '2026-01-01', end: '2026-01-02' },
      adapterDeps: () => deps,
    }) as unknown as ProviderSimulator;

  it('returns the seams a command line can carry as options', async () => {
    const deps = {
      baseUrl: 'http://127.0.0.1:1/api/v1',
      now: () => new Date('2026-01-02T06:00:00Z'),
      retry: { maxAttempts: 2 },
    };
    const result = await fetchArgsFor('openrouter', simulator(deps), async () => 'unused');
    expect(result).toEqual({
      ok: true,
      args: expect.arrayContaining(['--base-url', 'http://127.0.0.1:1/api/v1', '--now', '2026-01-02T06:00:00.000Z']),
    });
  });

  it('names the seams it cannot carry (an SDK client object)', async () => {
    const result = await fetchArgsFor(
      'vertex-ai',
      simulator({ baseUrl: 'http://x', sdk: { authClient: {} } }),
      async () => 'unused',
    );
    expect(result).toEqual({ ok: false, missing: ['sdk.authClient'] });
  });
});

describe('splitShellWords', () => {
  it.each([
    [`--a 'x y' b`, ['--a', 'x y', 'b']],
    [`'{"k":"it'\\''s"}'`, [`{"k":"it's"}`]],
  ])('splits %s', (line, words) => {
    expect(splitShellWords(line)).toEqual(words);
  });
});
