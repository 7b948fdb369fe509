import { isAdapterError, redactSecrets } from '@spendsync/adapters';

/** Where a command reads and writes; injected so tests capture output without a child process. */
export type CliIo = {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Read by `--credentials @-`. */
  readonly stdin?: NodeJS.ReadableStream;
  /** Fires on SIGINT / SIGTERM: `fetch` stops, `simulate` shuts its server down. */
  readonly signal: AbortSignal;
};

/** Exit statuses: 0 ok, 1 the work failed, 2 the command line was wrong, 130 interrupted. */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2, INTERRUPTED: 130 } as const;

/** A mistake in the command line; the message says what to change. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

/**
 * Writes one line and waits while the stream is full. Resolves false when the reader has gone
 * (`spendsync fetch … | head`), so the caller can stop quietly instead of crashing on EPIPE.
 */
export function writeLine(stream: NodeJS.WritableStream, line: string): Promise<boolean> {
  const writable = stream as NodeJS.WritableStream & { destroyed?: boolean; writableEnded?: boolean };
  if (writable.destroyed || writable.writableEnded) return Promise.resolve(false);
  return new Promise((resolve) => {
    let settled = false;
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      stream.off('error', onError);
      stream.off('drain', onDrain);
      resolve(ok);
    };
    const onError = () => done(false);
    const onDrain = () => done(true);
    stream.once('error', onError);
    if (stream.write(`${line}\n`)) done(true);
    else stream.once('drain', onDrain);
  });
}

/**
 * Prints a failure to stderr as `error <CODE>: <message>` (adapter errors) or `error: <message>`,
 * with every secret removed, and returns the exit status for it.
 */
export function reportError(error: unknown, io: CliIo, secrets: readonly string[], usageHint?: string): number {
  const clean = (text: string) => redactSecrets(text, secrets);
  if (error instanceof CliUsageError) {
    io.stderr.write(`error: ${clean(error.message)}\n${usageHint ? `${usageHint}\n` : ''}`);
    return EXIT.USAGE;
  }
  if (isAdapterError(error)) {
    io.stderr.write(`error ${error.code}: ${clean(error.message)}\n`);
    return error.code === 'ABORTED' ? EXIT.INTERRUPTED : EXIT.FAILED;
  }
  io.stderr.write(`error: ${clean(error instanceof Error ? error.message : String(error))}\n`);
  return EXIT.FAILED;
}
