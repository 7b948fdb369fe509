import 'reflect-metadata';
import { loadConfigOrExit } from '../load-config-or-exit';
import { createLogger } from '../logger';
import { startDemo } from './start-demo';

/**
 * `pnpm demo`: spendsync on an embedded database with every provider simulated, ready to
 * explore. Reads PORT (default 4000) and LOG_LEVEL; prints where to sign in; Ctrl+C stops it
 * and deletes everything it created.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  // The banner is the point of the demo, and every sync's log is in the UI: the console shows
  // only errors unless LOG_LEVEL asks for more.
  const logger = createLogger(config.logLevel === 'info' ? 'error' : config.logLevel);
  process.stdout.write('Starting the spendsync demo (embedded PostgreSQL, nine simulated providers)…\n');
  const demo = await startDemo({
    logger,
    port: config.port,
    onAlert: (line) => process.stdout.write(`  [demo webhook] ${line}\n`),
  });
  const { admin, viewer } = demo.users;
  process.stdout.write(
    [
      '',
      `  spendsync demo is running at ${demo.url}`,
      demo.adminUiServed ? '' : '  (the admin UI is not built: run `pnpm build` first; the API is at /graphql)',
      `  Sign in as admin:  ${admin.email} / ${admin.password}`,
      `  or as viewer:      ${viewer.email} / ${viewer.password} (read-only)`,
      '',
      `  ${demo.organization.accounts.length} providers are linked to simulators and syncing their history now;`,
      '  more syncs run every 2 minutes (or press Refresh Data). Ctrl+C stops the demo and deletes its data.',
      `  Two budgets alert a webhook channel; its local receiver (${demo.alerts.receiverUrl}) prints each alert here.`,
      "  Credit runways: OpenRouter's and Runway's balances and an AWS Activate grant (Providers tab, Credit grants);",
      '  the webhook also hears each runway that falls under 30 days.',
      '',
    ]
      .filter((line, i, all) => line !== '' || all[i - 1] !== '')
      .join('\n') + '\n',
  );
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('Stopping the demo…\n');
    void demo.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`The demo could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
