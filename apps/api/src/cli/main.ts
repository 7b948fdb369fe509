import { BACKUP_USAGE, runBackup, runRestore } from './backup.command';
import { EXIT, writeLine, type CliIo } from './cli-io';
import { FETCH_USAGE, runFetch } from './fetch.command';
import { SIMULATE_USAGE, runSimulate } from './simulate.command';
import { ROTATE_MASTER_KEY_USAGE, runRotateMasterKey } from './rotate-master-key.command';
import { SERVE_USAGE, runServe } from './serve.command';
import { SYNC_USAGE, runSync } from './sync.command';

const USAGE = [
  'spendsync <command> [options]',
  '',
  SERVE_USAGE,
  '',
  FETCH_USAGE,
  '',
  SIMULATE_USAGE,
  '',
  SYNC_USAGE,
  '',
  ROTATE_MASTER_KEY_USAGE,
  '',
  BACKUP_USAGE,
].join('\n');

/** Runs one CLI command and returns its exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'serve') return runServe(rest, io);
  if (command === 'fetch') return runFetch(rest, io);
  if (command === 'simulate') return runSimulate(rest, io);
  if (command === 'sync') return runSync(rest, io);
  if (command === 'rotate-master-key') return runRotateMasterKey(rest, io);
  if (command === 'backup') return runBackup(rest, io);
  if (command === 'restore') return runRestore(rest, io);
  if (command === 'help' || command === '--help' || command === '-h') {
    await writeLine(io.stdout, USAGE);
    return EXIT.OK;
  }
  const what = command === undefined ? 'no command given' : `unknown command "${command}"`;
  io.stderr.write(`error: ${what}; use serve, fetch, simulate, sync, rotate-master-key, backup or restore\n${USAGE}\n`);
  return EXIT.USAGE;
}

/** Wires the process: signals abort the command, a closed stdout (`| head`) ends it quietly. */
function main(): void {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') stop();
  });
  const io: CliIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    // Touching process.stdin opens it and keeps the process alive, so only on demand (`@-`).
    get stdin() {
      return process.stdin;
    },
    signal: controller.signal,
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = EXIT.FAILED;
    },
  );
}

if (require.main === module) main();
