import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { ChildConfig } from './sync-child';

/** A JSON line the child printed. */
export type ChildEvent = { type: string; [field: string]: unknown };

/** A running sync child process. */
export type SyncChild = {
  readonly pid: number;
  readonly events: ChildEvent[];
  /** Resolves with the first event (already seen or future) that `match` accepts. */
  waitFor(match: (event: ChildEvent) => boolean, timeoutMs?: number): Promise<ChildEvent>;
  /** Writes a line to the child's stdin. */
  send(line: string): void;
  kill(signal: NodeJS.Signals): void;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
};

const SUPPORT = __dirname;

/** Starts `sync-child.ts` in a new node process running the TypeScript sources. */
export function spawnSyncChild(config: ChildConfig): SyncChild {
  const child = spawn(
    process.execPath,
    [
      '--conditions=@spendsync/source',
      '-r',
      path.join(SUPPORT, 'swc-register.cjs'),
      path.join(SUPPORT, 'sync-child.ts'),
      JSON.stringify(config),
    ],
    {
      cwd: path.resolve(SUPPORT, '../..'),
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const events: ChildEvent[] = [];
  const waiters: { match: (event: ChildEvent) => boolean; resolve: (event: ChildEvent) => void }[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    let event: ChildEvent;
    try {
      event = JSON.parse(line) as ChildEvent;
    } catch {
      return;
    }
    events.push(event);
    for (const waiter of [...waiters]) {
      if (waiter.match(event)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    pid: child.pid!,
    events,
    waitFor(match, timeoutMs = 30_000) {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `The child did not report in ${timeoutMs} ms. Events: ${JSON.stringify(events).slice(-1_000)} stderr: ${stderr}`,
              ),
            ),
          timeoutMs,
        );
        waiters.push({
          match,
          resolve: (event) => {
            clearTimeout(timer);
            resolve(event);
          },
        });
      });
    },
    send: (line) => child.stdin.write(`${line}\n`),
    kill: (signal) => child.kill(signal),
    exited,
  };
}
