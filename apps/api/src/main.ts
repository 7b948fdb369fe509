import 'reflect-metadata';
import { loadConfigOrExit } from './load-config-or-exit';
import { createLogger } from './logger';
import { serve } from './serve';
import { createShutdown } from './shutdown';

/**
 * `pnpm start`: one process in the `all` role (HTTP API and sync workers), on the embedded
 * database unless DATABASE_URL is set. `spendsync serve --role api|worker` (cli/serve.command.ts)
 * starts the other roles through the same {@link serve}.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  const shutdown = createShutdown(logger);
  shutdown.listen();
  try {
    await serve({ role: 'all', config, logger, shutdown });
  } catch (error) {
    logger.fatal({ err: error }, 'spendsync could not start');
    await shutdown.run();
    process.exit(1);
  }
}

void main();
