import { readFile } from 'node:fs/promises';
import { providers, type AdapterDeps } from '@spendsync/adapters';
import { credentialSecrets, parseCredentials, type DayRange, type ProviderId } from '@spendsync/domain';
import { parseCommandArgs, readCredentialsText, readDay, readProvider, readTime, readUrl } from './args';
import { CliUsageError, EXIT, reportError, writeLine, type CliIo } from './cli-io';
import { createCliLogger } from './cli-logger';
import { formatRecordLine } from './format-record';

/** How `fetch` is called. */
export const FETCH_USAGE =
  "usage: spendsync fetch --provider <id> --credentials '<json>'|@<file>|@- --from YYYY-MM-DD --to YYYY-MM-DD\n" +
  '                       [--base-url <url>] [--now <time>] [--ca-file <pem>] [--verbose]\n' +
  '  --to is exclusive. --base-url points the adapter at a simulator or proxy; --now sets its clock;\n' +
  '  --ca-file trusts an extra CA (a TLS simulator or proxy). Prints one JSON line per record.';

const OPTIONS = {
  provider: { type: 'string' },
  credentials: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'base-url': { type: 'string' },
  now: { type: 'string' },
  'ca-file': { type: 'string' },
  verbose: { type: 'boolean' },
} as const;

type FetchPlan = {
  provider: ProviderId;
  credentials: unknown;
  range: DayRange;
  deps: Partial<AdapterDeps>;
  verbose: boolean;
};

async function plan(argv: readonly string[], io: CliIo, secrets: string[]): Promise<FetchPlan> {
  const values = parseCommandArgs(argv, OPTIONS);
  const provider = readProvider(values.provider, Object.keys(providers) as ProviderId[], 'adapter');
  const text = await readCredentialsText(values.credentials, io.stdin);
  // The whole text (it may not be JSON at all), then what the one secret rule finds in it.
  secrets.push(text.trim(), ...credentialSecrets(provider, text));
  const range = { start: readDay(values.from, 'from'), end: readDay(values.to, 'to') };
  if (range.end <= range.start) {
    throw new CliUsageError(
      `--to (${range.end}) must come after --from (${range.start}); --to is exclusive, so give the day after the last day you want`,
    );
  }
  const parsed = parseCredentials(provider, text);
  if (!parsed.ok) {
    throw new CliUsageError(
      `invalid ${provider} credentials: ${parsed.issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; ')}`,
    );
  }
  secrets.push(...credentialSecrets(provider, parsed.value));
  const deps: Partial<AdapterDeps> = {
    ...(values['base-url'] ? { baseUrl: readUrl(values['base-url'], 'base-url') } : {}),
    ...(values.now ? { now: constantClock(readTime(values.now, 'now')) } : {}),
    ...(values['ca-file'] ? { sdk: { ca: await readCaFile(values['ca-file']) } } : {}),
  };
  return { provider, credentials: parsed.value, range, deps, verbose: values.verbose ?? false };
}

const constantClock = (time: Date) => () => new Date(time.getTime());

async function readCaFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new CliUsageError(
      `cannot read --ca-file "${path}" (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
    );
  }
}

/**
 * `spendsync fetch`: runs one adapter without the database and prints its normalized records
 * as JSON lines on stdout. Errors go to stderr (`error <CODE>: <message>`); the credential never
 * appears in any output.
 */
export async function runFetch(argv: readonly string[], io: CliIo): Promise<number> {
  const secrets: string[] = [];
  try {
    const p = await plan(argv, io, secrets);
    const definition = providers[p.provider];
    if (!definition) throw new CliUsageError(`provider "${p.provider}" has no adapter`);
    const logger = createCliLogger(io.stderr, { verbose: p.verbose, secrets });
    const adapter = definition.create(p.credentials, {
      fetch: globalThis.fetch,
      now: () => new Date(),
      logger,
      ...p.deps,
    });
    for await (const page of adapter.listCostRecords(p.range, io.signal)) {
      for (const record of page) {
        if (!(await writeLine(io.stdout, formatRecordLine(record)))) return EXIT.OK;
      }
    }
    return EXIT.OK;
  } catch (error) {
    return reportError(error, io, secrets, FETCH_USAGE.split('\n')[0]);
  }
}
