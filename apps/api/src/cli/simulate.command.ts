import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulators, type ProviderSimulator } from '@spendsync/simulators';
import { addDays, type ProviderId } from '@spendsync/domain';
import { parseCommandArgs, readDay, readInteger, readProvider, shellQuote } from './args';
import { CliUsageError, EXIT, reportError, writeLine, type CliIo } from './cli-io';

/** How `simulate` is called. */
export const SIMULATE_USAGE =
  'usage: spendsync simulate --provider <id> [--port N] [--seed N] [--days N] [--start YYYY-MM-DD]\n' +
  "  Serves a generated organization on 127.0.0.1 speaking the provider's billing API, until Ctrl+C.";

const OPTIONS = {
  provider: { type: 'string' },
  port: { type: 'string' },
  seed: { type: 'string' },
  days: { type: 'string' },
  start: { type: 'string' },
} as const;

/** What `fetch` needs to reach a simulator, or the adapter seams it has no option for. */
export type FetchArgs = { ok: true; args: string[] } | { ok: false; missing: string[] };

/**
 * The `fetch` arguments that reach `simulator`: base URL, credentials, its data window, and the
 * seams its adapter needs (`--now` for a simulator with its own clock, `--ca-file` for a TLS
 * one, written to `caPath`). Seams that are objects (an SDK auth client) cannot be passed on a
 * command line; they are reported as missing.
 */
export async function fetchArgsFor(
  provider: ProviderId,
  simulator: ProviderSimulator,
  caPath: () => Promise<string>,
): Promise<FetchArgs> {
  // `retry` only shortens test backoff; `fetch` keeps the production policy.
  const { baseUrl, now, sdk, retry: _retry, ...rest } = simulator.adapterDeps();
  const { ca, ...otherSdk } = sdk ?? {};
  const missing = [...Object.keys(rest), ...Object.keys(otherSdk).map((k) => `sdk.${k}`)];
  if (missing.length > 0) return { ok: false, missing };
  const args = [
    '--provider',
    provider,
    '--credentials',
    JSON.stringify(simulator.credentials),
    '--from',
    simulator.dataRange.start,
    '--to',
    simulator.dataRange.end,
  ];
  if (baseUrl) args.push('--base-url', baseUrl);
  if (now) args.push('--now', now().toISOString());
  if (typeof ca === 'string') {
    const path = await caPath();
    await writeFile(path, ca);
    args.push('--ca-file', path);
  }
  return { ok: true, args };
}

function waitForAbort(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) =>
    signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true }),
  );
}

async function describe(
  provider: ProviderId,
  sim: ProviderSimulator,
  fetchArgs: FetchArgs,
  seed: number,
  io: CliIo,
): Promise<void> {
  const { start, end } = sim.dataRange;
  const lines = [
    `${provider} simulator listening on ${sim.url}`,
    `data: ${start} to ${end} (exclusive), seed ${seed}`,
    `credentials: ${JSON.stringify(sim.credentials)}`,
    `ground truth: ${sim.url}/__simulator/ground-truth?from=${start}&to=${end}`,
    ...(fetchArgs.ok
      ? ['try:', `  pnpm --silent spendsync fetch ${fetchArgs.args.map(shellQuote).join(' ')}`]
      : [
          `fetch cannot reach this simulator yet: its adapter needs ${fetchArgs.missing.join(', ')}, which has no command-line option`,
        ]),
    'press Ctrl+C to stop',
  ];
  for (const line of lines) await writeLine(io.stdout, line);
}

/**
 * `spendsync simulate`: starts one provider's simulator in the foreground, prints how to reach
 * it (URL, data window, credentials, a ready `fetch` command) and stops on SIGINT / SIGTERM.
 */
export async function runSimulate(argv: readonly string[], io: CliIo): Promise<number> {
  let sim: ProviderSimulator | undefined;
  let tmp: string | undefined;
  try {
    const values = parseCommandArgs(argv, OPTIONS);
    const provider = readProvider(values.provider, Object.keys(simulators) as ProviderId[], 'simulator');
    const seed = values.seed === undefined ? 1 : readInteger(values.seed, 'seed', 0, 2 ** 32 - 1);
    const days = values.days === undefined ? undefined : readInteger(values.days, 'days', 1, 3660);
    const start = values.start === undefined ? undefined : readDay(values.start, 'start');
    if (start && days && addDays(start, days) > '9999-12-31')
      throw new CliUsageError('--start plus --days runs past the year 9999');
    const port = values.port === undefined ? undefined : readInteger(values.port, 'port', 0, 65535);
    const factory = simulators[provider];
    if (!factory) throw new CliUsageError(`provider "${provider}" has no simulator`);
    sim = await factory({ seed, days, start, port });
    const fetchArgs = await fetchArgsFor(provider, sim, async () =>
      join((tmp = await mkdtemp(join(tmpdir(), 'spendsync-sim-'))), 'ca.pem'),
    );
    await describe(provider, sim, fetchArgs, seed, io);
    await waitForAbort(io.signal);
    await writeLine(io.stdout, 'stopped');
    return EXIT.OK;
  } catch (error) {
    return reportError(error, io, [], SIMULATE_USAGE.split('\n')[0]);
  } finally {
    await sim?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }
}
