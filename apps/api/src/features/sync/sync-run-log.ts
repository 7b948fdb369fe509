import { redactSecrets, type Logger as AdapterLogger, type LogFields } from '@spendsync/adapters';
import type { Sql } from '../../database/pg-pool';
import type { AppLogger } from '../../logger';
import type { SyncLogLevel } from '../sync-runs/sync-log-entry.entity';
import type { SyncRun } from '../sync-runs/sync-run.entity';
import type { SyncRunsService } from '../sync-runs/sync-runs.service';
import { SYNC_TOPICS } from '../sync-runs/sync-run.topics';
import { type SyncPubSub } from './sync-pubsub';

/** One run's sync log. */
export type RunLog = {
  /** Appends a line (redacted, stored in order, published); never throws. */
  line(level: SyncLogLevel, message: string): void;
  /** Text that must never be stored or shown (the decrypted credential's secrets). */
  addSecrets(secrets: readonly string[]): void;
  /** Removes every known secret from `text`. */
  redact(text: string): string;
  /** The logger handed to the adapter: warnings and errors become sync log lines, debug goes to the app log. */
  readonly adapterLogger: AdapterLogger;
  /** The latest line, for progress events. */
  readonly lastMessage: string | null;
  /** Resolves once every line so far is stored. */
  flush(): Promise<void>;
};

export type RunLogOptions = {
  run: Pick<SyncRun, 'id' | 'organizationId' | 'providerAccountId'>;
  /** The lock connection, so lines are stored in order with the run's other writes. */
  db: Sql;
  runs: SyncRunsService;
  pubsub: SyncPubSub;
  logger: AppLogger;
  /** Told about every line (e.g. to show it in progress events). */
  onLine?: (level: SyncLogLevel, message: string) => void;
};

const MAX_LINE = 2_000;

function withFields(message: string, fields?: LogFields): string {
  if (!fields || Object.keys(fields).length === 0) return message;
  let text: string;
  try {
    text = JSON.stringify(fields);
  } catch {
    return message;
  }
  return `${message} ${text}`;
}

/** Creates the sync log of `run`: lines go to `sync_log_entries`, the pub/sub and the app log. */
export function createRunLog(options: RunLogOptions): RunLog {
  const { run, db, runs, pubsub, logger } = options;
  const secrets: string[] = [];
  const context = { runId: run.id, providerAccountId: run.providerAccountId };
  let chain: Promise<void> = Promise.resolve();
  let lastMessage: string | null = null;

  const redact = (text: string) => redactSecrets(text, secrets);

  const line = (level: SyncLogLevel, raw: string) => {
    const message = redact(raw).slice(0, MAX_LINE);
    lastMessage = message;
    options.onLine?.(level, message);
    (level === 'debug' ? logger.debug : logger[level]).call(logger, context, message);
    chain = chain.then(async () => {
      try {
        const entry = await runs.appendLog(run, level, message, db);
        await pubsub
          .publish(SYNC_TOPICS.LOG_APPENDED, {
            id: entry.id,
            runId: run.id,
            organizationId: run.organizationId,
            providerAccountId: run.providerAccountId,
            level,
            message,
            at: entry.at.toISOString(),
          })
          .catch((error: unknown) =>
            logger.warn({ ...context, err: String(error) }, 'A sync log event could not be published'),
          );
      } catch (error) {
        logger.error({ ...context, err: String(error) }, 'A sync log line could not be stored');
      }
    });
  };

  const adapterLine = (level: Exclude<SyncLogLevel, 'debug'>) => (message: string, fields?: LogFields) =>
    line(level, withFields(message, fields));

  return {
    line,
    addSecrets: (more) => {
      secrets.push(...more);
    },
    redact,
    adapterLogger: {
      debug: (message, fields) => logger.debug(context, redact(withFields(message, fields))),
      info: adapterLine('info'),
      warn: adapterLine('warn'),
      error: adapterLine('error'),
    },
    get lastMessage() {
      return lastMessage;
    },
    flush: () => chain,
  };
}
