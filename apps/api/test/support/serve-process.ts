import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** The built CLI (`pnpm build`), as an operator runs it. */
export const BUILT_CLI = path.join(__dirname, '..', '..', 'dist', 'cli', 'main.js');

/** One `spendsync serve --role …` process and what it logged. */
export type ServeProcess = {
  readonly name: string;
  readonly child: ChildProcess;
  /** Its pino lines, parsed (other lines as `{ msg }`). */
  readonly logs: Record<string, unknown>[];
  readonly exited: Promise<number | null>;
  /** The first log line `match` accepts, waiting for it. */
  waitForLog(match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
};

/** Starts `node dist/cli/main.js serve --role <role>` with `env` on top of a clean environment. */
export function startServeProcess(name: string, role: string, env: Record<string, string>): ServeProcess {
  const { DATABASE_URL: _url, ...inherited } = process.env;
  const child = spawn(process.execPath, [BUILT_CLI, 'serve', '--role', role], {
    env: { ...inherited, NODE_ENV: 'development', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  type Line = Record<string, unknown>;
  const waiters: { match: (line: Line) => boolean; resolve: (line: Line) => void }[] = [];
  const onLine = (text: string) => {
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      line = { msg: text };
    }
    logs.push(line);
    for (const waiter of [...waiters]) {
      if (waiter.match(line)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  };
  createInterface({ input: child.stdout! }).on('line', onLine);
  createInterface({ input: child.stderr! }).on('line', onLine);
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const tail = () =>
    logs
      .slice(-20)
      .map((l) => JSON.stringify(l))
      .join('\n');
  return {
    name,
    child,
    logs,
    exited,
    waitForLog(match, timeoutMs = 60_000) {
      const seen = logs.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new Error(`${name} did not log the expected line in ${timeoutMs} ms:\n${tail()}`));
        }, timeoutMs);
        exited.then(
          (code) => {
            clearTimeout(timer);
            reject(new Error(`${name} exited (${code}):\n${tail()}`));
          },
          () => undefined,
        );
        waiters.push({
          match,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
      });
    },
  };
}
