import type { Logger } from './logger';

/** One named step of the shutdown. */
export type ShutdownStep = { name: string; run(): Promise<void> };

/**
 * Collects cleanup steps (embedded database, pool, HTTP server…) and runs them once, last added
 * first, on SIGINT/SIGTERM or when start-up fails: what started last depends on what started
 * before, so it stops first. A second signal exits at once.
 */
export function createShutdown(logger: Logger) {
  const steps: ShutdownStep[] = [];
  let running: Promise<void> | undefined;

  const runAll = () => {
    running ??= (async () => {
      for (const step of [...steps].reverse()) {
        try {
          await step.run();
        } catch (error) {
          logger.error({ err: error, step: step.name }, 'Shutdown step failed');
        }
      }
    })();
    return running;
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (running) {
      logger.warn({ signal }, 'Second signal: exiting without finishing the shutdown');
      process.exit(1);
    }
    logger.info({ signal }, 'Shutting down');
    void runAll().then(() => {
      logger.info('Stopped');
      process.exit(0);
    });
  };

  return {
    /** Adds a step; it runs before every step added earlier. */
    add(name: string, run: () => Promise<void>): void {
      steps.push({ name, run });
    },
    /** Starts listening for SIGINT and SIGTERM. */
    listen(): void {
      process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
    },
    /** Runs every step now (e.g. after a failed start). */
    run: runAll,
  };
}
