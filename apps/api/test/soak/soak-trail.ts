import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ServeProcess } from '../support/serve-process';

/** A stuck run and what every process logged about it. */
export type StuckRunTrail = { runId: string; provider: string; status: string; logs: string[] };

/** One process log line as text: process, time, message and error. */
const logLine = (proc: ServeProcess, line: Record<string, unknown>) =>
  `${proc.name} ${String(line.time ?? '')} ${String(line.msg ?? '')}${line.err ? ` (${String(line.err)})` : ''}`;

/**
 * The trail a soak run leaves when runs are stuck, printed in its report (so CI's output shows it):
 * each stuck run's last 20 log lines from every process, and the worker's last 40 lines.
 */
export function stuckRunTrail(
  stuck: readonly { id: string; provider_account_id: string; status: string }[],
  processes: readonly ServeProcess[],
  worker: ServeProcess,
  providerOf: ReadonlyMap<string, string>,
): { stuckRuns: StuckRunTrail[]; workerTail: string[] } {
  const stuckRuns = stuck.map((run) => ({
    runId: run.id,
    provider: providerOf.get(run.provider_account_id) ?? run.provider_account_id,
    status: run.status,
    logs: processes
      .flatMap((proc) => proc.logs.filter((line) => line.runId === run.id).map((line) => logLine(proc, line)))
      .slice(-20),
  }));
  return { stuckRuns, workerTail: worker.logs.slice(-40).map((line) => logLine(worker, line)) };
}

/** A process that ended on its own during the run (none should: only api#1 is killed, on purpose). */
export type DeadProcess = { name: string; code: number | null; signal: string | null; tail: string[] };

/** The processes that exited without being killed on purpose, each with its last 20 log lines. */
export function deadProcesses(processes: readonly ServeProcess[], killed: ReadonlySet<ServeProcess>): DeadProcess[] {
  return processes
    .filter((proc) => !killed.has(proc) && (proc.child.exitCode !== null || proc.child.signalCode !== null))
    .map((proc) => ({
      name: proc.name,
      code: proc.child.exitCode,
      signal: proc.child.signalCode,
      tail: proc.logs.slice(-20).map((line) => logLine(proc, line)),
    }));
}

/**
 * Ends the soak's processes: writes each one's log lines to `logDir` when one is given (a file per
 * process), asks every process still running to stop, and kills any left after 20 seconds.
 */
export async function stopSoakProcesses(processes: readonly ServeProcess[], logDir: string | undefined): Promise<void> {
  if (logDir) {
    await mkdir(logDir, { recursive: true });
    for (const [i, proc] of processes.entries()) {
      const lines = proc.logs.map((line) => JSON.stringify(line)).join('\n');
      await writeFile(path.join(logDir, `${i}-${proc.name.replace('#', '')}.log`), lines);
    }
  }
  for (const proc of processes) {
    if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGTERM');
  }
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise((resolve) => (timer = setTimeout(resolve, 20_000)));
  await Promise.race([Promise.all(processes.map((p) => p.exited)), grace]);
  clearTimeout(timer);
  for (const proc of processes) if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
}
