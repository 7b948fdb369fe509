import { PassThrough } from 'node:stream';
import type { CliIo } from './cli-io';

/** A {@link CliIo} whose output is kept as text, with a controller for the stop signal. */
export type CapturedIo = {
  io: CliIo;
  stdout(): string;
  stderr(): string;
  controller: AbortController;
  stdin: PassThrough;
};

/** Creates a {@link CapturedIo} for command tests. */
export function captureIo(): CapturedIo {
  const controller = new AbortController();
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString('utf8')));
  return {
    io: { stdout, stderr, stdin, signal: controller.signal },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
    controller,
    stdin,
  };
}

/** Splits a printed POSIX command line back into arguments (plain words and '…' quoting). */
export function splitShellWords(line: string): string[] {
  const words: string[] = [];
  const pattern = /\s*((?:'[^']*'|\\'|[^\s'\\]+)+)/g;
  for (const match of line.matchAll(pattern)) {
    words.push((match[1] as string).replace(/'([^']*)'|\\'/g, (_m, quoted: string | undefined) => quoted ?? "'"));
  }
  return words;
}
