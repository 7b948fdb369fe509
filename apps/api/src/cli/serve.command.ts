import { loadApiConfig, type ApiConfig } from '@spendsync/config';
import { createLogger } from '../logger';
import { ROLES, serve, type Role } from '../serve';
import { createShutdown } from '../shutdown';
import { parseCommandArgs } from './args';
import { CliUsageError, EXIT, reportError, type CliIo } from './cli-io';

/** How `serve` is called. */
export const SERVE_USAGE =
  'usage: spendsync serve [--role all|api|worker]\n' +
  '  Runs the server until SIGINT/SIGTERM, configured by the environment (README, "Configuration").\n' +
  '  all (default): the HTTP API and the sync workers in one process (`pnpm start`).\n' +
  '  api: GraphQL, /healthz, /metrics and the admin UI on PORT; link and refresh become jobs for the workers.\n' +
  '  worker: the sync jobs, the schedule and notifications; /healthz (queue lag) and /metrics\n' +
  '    on SPENDSYNC_WORKER_PORT.\n' +
  '  api and worker need DATABASE_URL: every process shares one PostgreSQL.';

/** Seams for tests: where the configuration comes from. */
export type ServeCommandDeps = { loadConfig?: () => ApiConfig };

function readRole(argv: readonly string[]): Role {
  const { role } = parseCommandArgs(argv, { role: { type: 'string', default: 'all' } });
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new CliUsageError(`--role must be one of ${ROLES.join(', ')}, got "${role}"`);
  }
  return role as Role;
}

/** `spendsync serve`: starts the chosen role and stops it cleanly when the CLI's signal fires. */
export async function runServe(argv: readonly string[], io: CliIo, deps: ServeCommandDeps = {}): Promise<number> {
  let role: Role;
  let config: ApiConfig;
  try {
    role = readRole(argv);
    config = (deps.loadConfig ?? loadApiConfig)();
    if (role !== 'all' && config.databaseUrl === undefined) {
      throw new CliUsageError(
        `--role ${role} needs DATABASE_URL: API and worker processes share one PostgreSQL ` +
          '(the embedded one serves --role all only)',
      );
    }
  } catch (error) {
    return reportError(error, io, [], SERVE_USAGE);
  }
  const logger = createLogger(config.logLevel);
  const shutdown = createShutdown(logger);
  try {
    await serve({ role, config, logger, shutdown });
  } catch (error) {
    logger.fatal({ err: error }, 'spendsync could not start');
    await shutdown.run();
    return EXIT.FAILED;
  }
  await new Promise<void>((resolve) => {
    if (io.signal.aborted) resolve();
    else io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  logger.info({ role }, 'Stopping spendsync');
  await shutdown.run();
  return EXIT.OK;
}
