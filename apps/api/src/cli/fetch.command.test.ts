import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { providers } from '@spendsync/adapters';
import { simulators, type ProviderSimulator } from '@spendsync/simulators';
import { PROVIDER_IDS, addDays, formatMoney, parseMoney, sumMoney, type ProviderId } from '@spendsync/domain';
import { RECORD_FIELDS } from './format-record';
import { runFetch } from './fetch.command';
import { fetchArgsFor } from './simulate.command';
import { captureIo } from './testing';

const SMALL = { seed: 42, start: '2026-01-01', days: 4, workspaces: 2, keysPerWorkspace: 2, models: 2 };
// Every registered simulator must be reachable from the command line alone (vertex-ai too: its
// key file's token_uri points at the simulator's token endpoint); beforeAll fails on a missing seam.
const roundTrip = (Object.keys(simulators) as ProviderId[]).filter((id) => providers[id] !== undefined);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spendsync-fetch-test-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function fetchLines(args: string[]) {
  const run = captureIo();
  const code = await runFetch(args, run.io);
  const lines = run
    .stdout()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code, lines, stdout: run.stdout(), stderr: run.stderr() };
}
const total = (lines: Record<string, unknown>[], field: string) =>
  formatMoney(sumMoney(lines.map((l) => parseMoney(l[field]))));

describe.each(roundTrip)('spendsync fetch --provider %s against its simulator', (provider) => {
  let sim: ProviderSimulator;
  let args: string[];
  beforeAll(async () => {
    sim = await simulators[provider]!(SMALL);
    const fetchArgs = await fetchArgsFor(provider, sim, async () => join(dir, `${provider}-ca.pem`));
    if (!fetchArgs.ok)
      throw new Error(`fetch cannot reach the ${provider} simulator: it needs ${fetchArgs.missing.join(', ')}`);
    args = fetchArgs.args;
  });
  afterAll(() => sim.close());

  it('prints records whose totals equal the ground truth, keys in the documented order', async () => {
    const { code, lines, stderr } = await fetchLines(args);
    expect(stderr).not.toMatch(/^error/m);
    expect(code).toBe(0);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(Object.keys(line)).toEqual([...RECORD_FIELDS]);
    const truth = sim.groundTruth(sim.dataRange);
    expect({ cost: total(lines, 'cost'), credits: total(lines, 'creditsApplied') }).toEqual({
      cost: formatMoney(truth.cost),
      credits: formatMoney(truth.credits),
    });
    expect(lines.every((l) => typeof l.cost === 'string' && l.provider === provider)).toBe(true);
  });

  it('treats --to as exclusive', async () => {
    const to = addDays(sim.dataRange.start, 2);
    const window = args.map((a, i) => (args[i - 1] === '--to' ? to : a));
    const { lines } = await fetchLines(window);
    expect(lines.filter((l) => (l.day as string) >= to)).toEqual([]);
    expect(total(lines, 'cost')).toBe(formatMoney(sim.groundTruth({ start: sim.dataRange.start, end: to }).cost));
  });
});

describe('spendsync fetch --provider anthropic', () => {
  let sim: ProviderSimulator;
  let base: string[];
  const key = () => sim.credentials.apiKey as string;
  beforeAll(async () => {
    sim = await simulators.anthropic!(SMALL);
    base = ['--provider', 'anthropic', '--from', '2026-01-01', '--to', '2026-01-03', '--base-url', sim.url];
  });
  afterAll(() => sim.close());

  it('prints Console usage and the default workspace as named buckets, requests as null', async () => {
    const { lines } = await fetchLines([...base, '--credentials', JSON.stringify(sim.credentials)]);
    expect(lines.some((l) => l.workspaceId === 'default' && l.workspaceName === 'Default Workspace')).toBe(true);
    expect(lines.some((l) => String(l.apiKeyId).startsWith('console:'))).toBe(true);
    expect(lines.every((l) => l.requests === null)).toBe(true);
  });

  it('reads credentials from a file and from stdin', async () => {
    const file = join(dir, 'anthropic.json');
    await writeFile(file, JSON.stringify(sim.credentials));
    const fromFile = await fetchLines([...base, '--credentials', `@${file}`]);
    const run = captureIo();
    run.stdin.end(JSON.stringify(sim.credentials));
    const code = await runFetch([...base, '--credentials', '@-'], run.io);
    expect([fromFile.code, code]).toEqual([0, 0]);
    expect(run.stdout()).toBe(fromFile.stdout);
  });

  it('reports an adapter error as "error <CODE>: …" with exit status 1 and no secret', async () => {
    const wrong = sim.invalidCredentials.apiKey as string;
    const { code, stdout, stderr } = await fetchLines([
      ...base,
      '--credentials',
      JSON.stringify(sim.invalidCredentials),
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^error AUTH_FAILED: Anthropic: HTTP 401/m);
    expect(stderr).not.toContain(wrong);
  });

  it('stops with ABORTED (status 130) when interrupted', async () => {
    const run = captureIo();
    run.controller.abort();
    const code = await runFetch([...base, '--credentials', JSON.stringify(sim.credentials)], run.io);
    expect(code).toBe(130);
    expect(run.stderr()).toMatch(/^error ABORTED: /);
  });

  const unregistered = PROVIDER_IDS.filter((id) => providers[id] === undefined);
  it.each([
    ['no provider', [], /--provider is required/],
    ['an unknown provider', ['--provider', 'acme'], /unknown provider "acme"; use one of: .*anthropic/],
    ...(unregistered.length > 0
      ? [['a provider without adapter', ['--provider', unregistered[0]!], /has no adapter yet; available:/] as const]
      : []),
    [
      'an impossible day',
      ['--provider', 'anthropic', '--credentials', '{}', '--from', '2026-02-30', '--to', '2026-03-02'],
      /--from "2026-02-30" is not a calendar day/,
    ],
    [
      '--to before --from',
      ['--provider', 'anthropic', '--credentials', '{}', '--from', '2026-03-02', '--to', '2026-03-01'],
      /--to \(2026-03-01\) must come after --from/,
    ],
    [
      '--to equal to --from',
      ['--provider', 'anthropic', '--credentials', '{}', '--from', '2026-03-01', '--to', '2026-03-01'],
      /--to is exclusive/,
    ],
    [
      'credentials that are not JSON',
      [
        '--provider',
        'anthropic',
        '--credentials',
        'sk-ant-admin01-notjsonatall',
        '--from',
        '2026-03-01',
        '--to',
        '2026-03-02',
      ],
      /invalid anthropic credentials: Credentials are not valid JSON/,
    ],
    [
      'a regular Anthropic key',
      [
        '--provider',
        'anthropic',
        '--credentials',
        '{"apiKey":"sk-ant-api03-secretsecretsecret"}',
        '--from',
        '2026-03-01',
        '--to',
        '2026-03-02',
      ],
      /apiKey: .*regular API key.*Admin API key/,
    ],
    [
      'a missing credentials file',
      ['--provider', 'anthropic', '--credentials', '@/nonexistent/creds.json'],
      /cannot read the credentials file "\/nonexistent\/creds.json" \(ENOENT\)/,
    ],
    [
      'a bad base URL',
      [
        '--provider',
        'anthropic',
        '--credentials',
        '{"apiKey":"sk-ant-admin01-abcdefgh"}',
        '--from',
        '2026-03-01',
        '--to',
        '2026-03-02',
        '--base-url',
        'ftp://x',
      ],
      /--base-url must be an http/,
    ],
    ['an unknown option', ['--provider', 'anthropic', '--colour'], /Unknown option '--colour'/],
  ] as const)('refuses %s with a specific message and status 2', async (_name, args, message) => {
    const { code, stdout, stderr } = await fetchLines([...args]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toMatch(message);
    expect(stderr).toMatch(/usage: spendsync fetch/);
    expect(stderr).not.toMatch(/secretsecretsecret|notjsonatall/);
  });

  it('never prints the key, whatever happens', async () => {
    const runs = await Promise.all([
      fetchLines([...base, '--credentials', JSON.stringify(sim.credentials)]),
      fetchLines([...base, '--credentials', JSON.stringify(sim.credentials), '--verbose']),
      fetchLines([...base, '--credentials', JSON.stringify({ apiKey: `${key()} ` }), '--to', '2026-01-01']),
    ]);
    for (const run of runs) expect(run.stdout + run.stderr).not.toContain(key());
    expect(runs[1]!.stderr).toMatch(/^debug GET \/v1\/organizations\/usage_report/m);
  });
});
