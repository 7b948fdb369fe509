import { createRedactingLogger, type LogFields, type Logger } from '@spendsync/adapters';

/**
 * The adapter's logger for the CLI: warnings and errors go to stderr as `warn <message> {fields}`
 * (stdout carries only records); info and debug lines only with `--verbose`. Secrets are removed.
 */
export function createCliLogger(
  stderr: NodeJS.WritableStream,
  options: { verbose: boolean; secrets: readonly string[] },
): Logger {
  const write = (level: string) => (message: string, fields?: LogFields) => {
    stderr.write(
      `${level} ${message}${fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : ''}\n`,
    );
  };
  const quiet = () => {};
  const logger: Logger = {
    debug: options.verbose ? write('debug') : quiet,
    info: options.verbose ? write('info') : quiet,
    warn: write('warn'),
    error: write('error'),
  };
  return createRedactingLogger(logger, options.secrets);
}
