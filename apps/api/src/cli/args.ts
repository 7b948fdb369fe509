import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { PROVIDER_IDS, isDay, isProviderId, type Day, type ProviderId } from '@spendsync/domain';
import { CliUsageError } from './cli-io';

type Options = NonNullable<ParseArgsConfig['options']>;
/** The option values `parseArgs` returns for `options`. */
export type ParsedValues<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: false }>
>['values'];

/** Parses one command's options with node's `util.parseArgs`; mistakes become {@link CliUsageError}s. */
export function parseCommandArgs<T extends Options>(argv: readonly string[], options: T): ParsedValues<T> {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const message = (error as Error).message;
    // parseArgs explains at length how to pass a positional that starts with "-"; keep the first sentence.
    throw new CliUsageError(message.split(/\.\s/)[0]?.replace(/\.$/, '') ?? message);
  }
}

/** The value of a required option, or a usage error naming it. */
export function required(value: string | undefined, name: string, what: string): string {
  if (value === undefined || value === '') throw new CliUsageError(`--${name} is required: ${what}`);
  return value;
}

/** A provider id that is registered in `available`, or an error listing what is. */
export function readProvider(value: string | undefined, available: readonly ProviderId[], what: string): ProviderId {
  const id = required(value, 'provider', `the provider id (${available.join(', ')})`);
  if (!isProviderId(id)) throw new CliUsageError(`unknown provider "${id}"; use one of: ${available.join(', ')}`);
  if (!available.includes(id)) {
    throw new CliUsageError(
      `provider "${id}" has no ${what} yet; available: ${available.join(', ') || 'none'} (all providers: ${PROVIDER_IDS.join(', ')})`,
    );
  }
  return id;
}

/** A calendar day given as `YYYY-MM-DD`. */
export function readDay(value: string | undefined, name: string): Day {
  const text = required(value, name, 'a day as YYYY-MM-DD');
  if (!isDay(text)) throw new CliUsageError(`--${name} "${text}" is not a calendar day; use YYYY-MM-DD`);
  return text;
}

/** A whole number in [min, max]. */
export function readInteger(value: string, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new CliUsageError(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

/** An http(s) URL. */
export function readUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliUsageError(`--${name} "${value}" is not a URL; use e.g. http://127.0.0.1:4010`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CliUsageError(`--${name} must be an http:// or https:// URL`);
  return value.replace(/\/+$/, '');
}

/** A point in time: an ISO 8601 time or a day (midnight UTC). */
export function readTime(value: string, name: string): Date {
  const time = new Date(isDay(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(time.getTime()))
    throw new CliUsageError(`--${name} "${value}" is not a time; use e.g. 2026-02-01T06:00:00Z`);
  return time;
}

/** Reads a UTF-8 text stream to its end. */
async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The credentials text: inline JSON, `@<file>`, or `@-` for stdin (keeps the secret out of the
 * shell history). Read errors name the file, never the content.
 */
export async function readCredentialsText(value: string | undefined, stdin?: NodeJS.ReadableStream): Promise<string> {
  const text = required(value, 'credentials', `the credentials as JSON, @<file> or @- (stdin)`);
  if (!text.startsWith('@')) return text;
  const path = text.slice(1);
  if (path === '-') {
    if (!stdin) throw new CliUsageError('--credentials @- needs the credentials on stdin');
    return readAll(stdin);
  }
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new CliUsageError(
      `cannot read the credentials file "${path}" (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
    );
  }
}

/** Quotes an argument for a POSIX shell, for commands printed to be pasted. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
