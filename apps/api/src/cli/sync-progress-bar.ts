import type { SyncLogAppended, SyncRunProgress } from '../features/sync-runs/sync-run.topics';

const BAR_WIDTH = 24;

/** `12,345` */
const count = (n: number) => n.toLocaleString('en-US');

/** One status line for a terminal: `[#####.....] 12/90 days · 12,345 records · fetching 2026-01-01..2026-01-31`. */
export function renderProgressBar(
  event: Pick<SyncRunProgress, 'daysDone' | 'daysTotal' | 'recordsSoFar' | 'phase' | 'chunk' | 'missingDays'>,
  columns = 100,
): string {
  const ratio = event.daysTotal === 0 ? 1 : Math.min(1, event.daysDone / event.daysTotal);
  const filled = Math.round(ratio * BAR_WIDTH);
  const parts = [
    `${event.daysDone}/${event.daysTotal} days`,
    `${count(event.recordsSoFar)} records`,
    event.chunk && event.phase !== 'finished' ? `${event.phase} ${event.chunk.start}..${event.chunk.end}` : event.phase,
    ...(event.missingDays.length > 0 ? [`${event.missingDays.length} days missing`] : []),
  ];
  const line = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${parts.join(' · ')}`;
  return line.length > columns - 1 ? line.slice(0, Math.max(0, columns - 2)) + '…' : line;
}

/** A log line as printed: `warn  message`. */
export function renderLogLine(entry: Pick<SyncLogAppended, 'level' | 'message'>): string {
  return `${entry.level.padEnd(5)} ${entry.message}`;
}

/** Progress output: a redrawn bar on a terminal, plain lines otherwise. */
export type ProgressView = {
  progress(event: SyncRunProgress): void;
  log(entry: Pick<SyncLogAppended, 'level' | 'message'>): void;
  /** Leaves the terminal on a fresh line. */
  end(): void;
};

type Stream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/**
 * On a TTY the bar is redrawn in place (`\r`, erase line) and log lines print above it. Not on a
 * TTY (CI, pipes, log files) every log line and every phase change prints as one plain line.
 */
export function createProgressView(stream: Stream): ProgressView {
  if (!stream.isTTY) {
    let lastPhase = '';
    return {
      progress(event) {
        if (event.phase === lastPhase) return;
        lastPhase = event.phase;
        stream.write(`${renderProgressBar(event, 200)}\n`);
      },
      log: (entry) => stream.write(`${renderLogLine(entry)}\n`),
      end() {},
    };
  }
  let bar = '';
  const clear = () => stream.write('\r\u001b[2K');
  return {
    progress(event) {
      bar = renderProgressBar(event, stream.columns ?? 100);
      clear();
      stream.write(bar);
    },
    log(entry) {
      clear();
      stream.write(`${renderLogLine(entry)}\n${bar}`);
    },
    end() {
      if (bar) stream.write('\n');
      bar = '';
    },
  };
}
