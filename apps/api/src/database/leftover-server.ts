import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger';

/** True while a process with this pid exists (EPERM: it exists, owned by another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function parentOf(pid: number): Promise<number | undefined> {
  // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so split after ')'.
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields ? Number(fields[1]) : undefined;
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !isAlive(pid);
}

/**
 * A server left running by a spendsync that was killed (SIGKILL, power loss of the terminal)
 * keeps `postmaster.pid` and blocks the next start. If its parent is gone (it was re-parented
 * to init), stop it; if something still owns it, another spendsync uses this data dir: refuse.
 */
export async function stopLeftoverServer(clusterDir: string, logger: Pick<Logger, 'warn'>): Promise<void> {
  const text = await readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const pid = text ? Number(text.split('\n')[0]) : NaN;
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return; // none, or stale: PostgreSQL cleans that up itself
  if ((await parentOf(pid)) !== 1) {
    throw new Error(
      `PostgreSQL (pid ${pid}) is already running in ${clusterDir}: is another spendsync using this data dir? ` +
        'Stop it, or set SPENDSYNC_DATA_DIR to another directory.',
    );
  }
  logger.warn({ leftoverPid: pid, clusterDir }, 'Stopping an embedded PostgreSQL left running by an earlier spendsync');
  process.kill(pid, 'SIGINT');
  if (!(await waitForExit(pid, 15_000)))
    throw new Error(`The leftover PostgreSQL (pid ${pid}) in ${clusterDir} did not stop`);
}
